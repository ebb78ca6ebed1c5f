"""Background work for the GUI: run a function on a worker thread, get the answer back on the GUI thread.

The GUI thread only paints and reacts (as Anki's `QueryOp` and Picard's `run_task`): network calls, device
I/O and database work go through a `TaskRunner`. Results travel back through a queued signal, so a slot
connected to `TaskHandle.finished` / `failed` always runs on the thread that owns the handle (the GUI
thread) — whatever kind of callable is connected. Connecting right after `submit()` is safe: nothing is
delivered before control returns to the event loop.

`StreamWorker` is the long-running sibling: it iterates a generator (camera frames, sensor readings) on a
dedicated thread and emits each item, until the generator ends or `stop()` is called.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; worker threads emit on it and Qt queues the call to its receivers."""

    done = Signal(object, object)  # (result, exception or None)


class TaskHandle(QObject):
    """One submitted call. Emits exactly one of `finished(result)` / `failed(exception)`, unless cancelled."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, name: str, on_settled: Callable[[TaskHandle], None]) -> None:
        super().__init__()
        self.name = name
        self._cancelled = False
        self._done = False
        self._on_settled = on_settled
        self._relay = _Relay()
        self._relay.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def done(self) -> bool:
        """True once the result (or exception) has reached the GUI thread, or the handle was cancelled."""
        return self._done or self._cancelled

    def cancel(self) -> None:
        """Forget the result: the function still runs to its end, but nothing is emitted afterwards."""
        self._cancelled = True

    def _report(self, result: object, error: BaseException | None) -> None:
        """Called on the worker thread."""
        self._relay.done.emit(result, error)

    @Slot(object, object)
    def _deliver(self, result: object, error: BaseException | None) -> None:
        self._done = True
        self._on_settled(self)
        if self._cancelled:
            return
        if error is None:
            self.finished.emit(result)
        else:
            self.failed.emit(error)


class _Job(QRunnable):
    def __init__(self, handle: TaskHandle, fn: Callable[..., Any], args: Any, kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._handle = handle
        self._call: tuple[Callable[..., Any], Any, Any] | None = (fn, args, kwargs)

    def run(self) -> None:
        assert self._call is not None, "a job runs once"
        fn, args, kwargs = self._call
        self._call = None  # drop references to the arguments as soon as possible
        if self._handle.cancelled:
            self._handle._report(None, None)
            return
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:
            log.debug("task %s failed", self._handle.name, exc_info=exc)
            self._handle._report(None, exc)
        else:
            self._handle._report(result, None)


class TaskRunner(QObject):
    """Runs callables on its own thread pool and reports back on the GUI thread.

    `TaskRunner(max_threads=1)` gives a serial worker: jobs run one at a time, in order (local database
    work). The default uses as many threads as the machine has cores (network calls in parallel).
    """

    def __init__(
        self, max_threads: int | None = None, name: str = "tasks", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads or max(2, QThread.idealThreadCount()))
        self._pool.setObjectName(name)
        self._pending: set[TaskHandle] = set()
        self._closed = False

    @property
    def pending(self) -> int:
        """Submitted calls whose outcome has not yet reached the GUI thread."""
        return len(self._pending)

    @property
    def active_threads(self) -> int:
        return self._pool.activeThreadCount()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> TaskHandle:
        if self._closed:
            raise RuntimeError("TaskRunner is shut down")
        handle = TaskHandle(getattr(fn, "__qualname__", repr(fn)), self._pending.discard)
        self._pending.add(handle)  # keep the handle alive until its result is delivered
        self._pool.start(_Job(handle, fn, args, kwargs))
        return handle

    def cancel_all(self) -> None:
        for handle in list(self._pending):
            handle.cancel()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until every submitted call has run and its outcome was delivered; the pool's threads exit.

        For tests and shutdown. Returns False if that did not happen within `timeout` seconds.
        """
        deadline = time.monotonic() + timeout
        while True:
            # A delivered result may submit follow-up work, so wait for the pool again after each round.
            if not self._pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000))):
                return False
            if not self._pending:
                return True
            if time.monotonic() >= deadline:
                return False
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)

    def shutdown(self, timeout: float = 5.0) -> bool:
        """Refuse new work, drop queued jobs and forget their results, then wait for running ones."""
        self._closed = True
        self._pool.clear()
        self.cancel_all()
        finished = self._pool.waitForDone(max(0, int(timeout * 1000)))
        self._pending.clear()  # cleared jobs never report; late reports of running ones are ignored
        return finished


class _StreamRelay(QObject):
    item = Signal(object)
    ended = Signal(object)  # exception or None


StreamSource = Callable[[threading.Event], Iterator[Any]]


class StreamWorker(QObject):
    """Iterates `source(stop_event)` on its own thread and emits `item(value)` for each value yielded.

    `stop()` sets the event (a source blocked in a read can poll it) and stops emitting at once; the
    generator is closed on its own thread, so its `finally` blocks release devices there. Exactly one of
    `finished()` / `failed(exception)` follows the last item, unless stopped.
    """

    item = Signal(object)
    finished = Signal()
    failed = Signal(object)

    def __init__(self, source: StreamSource, name: str = "stream", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self.stop_event = threading.Event()
        self._relay = _StreamRelay()
        self._relay.item.connect(self._on_item, Qt.ConnectionType.QueuedConnection)
        self._relay.ended.connect(self._on_ended, Qt.ConnectionType.QueuedConnection)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._ended = False

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stop_event.set()

    def wait(self, timeout: float = 5.0) -> bool:
        """Join the thread; True if it has ended."""
        if self._thread.ident is not None:
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        error: BaseException | None = None
        try:
            stream = self._source(self.stop_event)
            try:
                for value in stream:
                    if self.stop_event.is_set():
                        break
                    self._relay.item.emit(value)
            finally:
                close = getattr(stream, "close", None)
                if close is not None:
                    close()
        except Exception as exc:
            log.debug("stream %s failed", self._thread.name, exc_info=exc)
            error = exc
        self._relay.ended.emit(error)

    @Slot(object)
    def _on_item(self, value: object) -> None:
        if not self.stop_event.is_set():
            self.item.emit(value)

    @Slot(object)
    def _on_ended(self, error: BaseException | None) -> None:
        if self._ended or self.stop_event.is_set():
            return
        self._ended = True
        if error is None:
            self.finished.emit()
        else:
            self.failed.emit(error)
