"""The live event stream (SSE) feeding the pages: a StreamWorker thread iterates an `SseClient` and each
event reaches `AppContext.event_received` on the GUI thread.

The stream starts at the newest event id (asked once), and the SseClient reconnects by itself with
`Last-Event-ID`, so an outage loses no event. When the stream is down the app is not necessarily offline
(REST may still answer), so the feed reports its own state (`connected_changed`) for the status bar.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer, Signal

from core.client.api import ApiClient
from core.client.errors import ApiError, AuthError
from core.client.sse import SseClient
from core.qt.tasks import StreamWorker
from core.schemas.events import EventOut
from owner_app.context import AppContext
from owner_app.errors import error_text

log = logging.getLogger("autostore.owner.events")


class _Stream:
    """The source a StreamWorker iterates; `stop()` also cuts a read blocked on the socket."""

    def __init__(self, client: ApiClient, keepalive_s: float) -> None:
        self._client = client
        self._keepalive_s = keepalive_s
        self._lock = threading.Lock()
        self._sse: SseClient | None = None
        self._stopped = False

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            sse = self._sse
        if sse is not None:
            sse.stop()

    def __call__(self, stop: threading.Event) -> Iterator[object]:
        start = self._client.latest_event_id()
        sse = SseClient(self._client, last_event_id=start, keepalive_s=self._keepalive_s, backoff_cap_s=10.0)
        with self._lock:
            if self._stopped:
                return
            self._sse = sse
        yield "connected"
        for message in sse:
            if stop.is_set():
                break
            event = message.to_event()
            if event is not None:
                yield event


class EventFeed(QObject):
    connected_changed = Signal(bool)

    def __init__(self, context: AppContext, keepalive_s: float = 15.0, restart_ms: int = 3000) -> None:
        super().__init__(context)
        self._context = context
        self._keepalive_s = keepalive_s
        self._restart_ms = restart_ms
        self._stream: _Stream | None = None
        self._worker: StreamWorker | None = None
        self.received = 0
        self._restart = QTimer(self)
        self._restart.setSingleShot(True)
        self._restart.timeout.connect(self.start)

    @property
    def running(self) -> bool:
        return self._worker is not None

    def start(self) -> None:
        if self._worker is not None:
            return
        self._stream = _Stream(self._context.client, self._keepalive_s)
        worker = StreamWorker(self._stream, name="owner-events", parent=self)
        worker.item.connect(self._on_item)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        self._worker = worker
        worker.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._restart.stop()
        worker, stream = self._worker, self._stream
        self._worker = self._stream = None
        if stream is not None:
            stream.stop()
        if worker is not None:
            worker.stop()
            worker.wait(timeout)

    def _on_item(self, item: object) -> None:
        if item == "connected":
            self.connected_changed.emit(True)
        elif isinstance(item, EventOut):
            self.received += 1
            self._context.publish_event(item)

    def _on_failed(self, error: BaseException) -> None:
        self._worker = self._stream = None
        self.connected_changed.emit(False)
        if isinstance(error, AuthError):
            self._context.session_ended.emit(error_text(error))
            return
        if isinstance(error, ApiError) and 400 <= error.status < 500:
            log.warning("event stream refused (%s); live updates are off", error)
            return  # reconnecting cannot help (403/404)
        if not isinstance(error, ApiError) or error.status == 0:
            self._context.set_online(False)  # the first call (latest id) could not reach the server
        log.info("event stream ended (%s); restarting in %d ms", type(error).__name__, self._restart_ms)
        self._restart.start(self._restart_ms)

    def _on_finished(self) -> None:
        self._worker = self._stream = None
        self.connected_changed.emit(False)
        self._restart.start(self._restart_ms)
