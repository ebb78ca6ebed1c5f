"""core.qt.tasks: results and errors come back on the GUI thread, cancel drops results, threads end."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.qt.tasks import StreamWorker, TaskRunner


def _os_thread_ids() -> set[int]:
    return {int(p.name) for p in Path(f"/proc/{os.getpid()}/task").iterdir()}


@pytest.fixture
def runner(qapp: QApplication) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_result_arrives_on_the_gui_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    gui_thread = QThread.currentThread()
    worker_threads: list[int] = []
    received: list[tuple[object, bool]] = []

    def work(a: int, b: int, *, scale: int) -> int:
        worker_threads.append(threading.get_ident())
        return (a + b) * scale

    handle = runner.submit(work, 2, 3, scale=10)
    # A plain lambda (no receiver QObject) would run on the emitting thread if the signal were direct.
    handle.finished.connect(lambda value: received.append((value, QThread.currentThread() is gui_thread)))
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert received == [(50, True)]
    assert worker_threads and worker_threads[0] != threading.get_ident()
    assert handle.done and runner.pending == 0


def test_exception_arrives_as_failed(qtbot: QtBot, runner: TaskRunner) -> None:
    def boom() -> None:
        raise ValueError("card reader unplugged")

    handle = runner.submit(boom)
    finished: list[object] = []
    handle.finished.connect(finished.append)
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    error = blocker.args[0]
    assert isinstance(error, ValueError) and str(error) == "card reader unplugged"
    assert finished == []


def test_cancelled_handle_emits_nothing(qtbot: QtBot, runner: TaskRunner) -> None:
    release = threading.Event()
    handle = runner.submit(lambda: release.wait(5) and "late result")
    outcomes: list[object] = []
    handle.finished.connect(outcomes.append)
    handle.failed.connect(outcomes.append)
    handle.cancel()
    release.set()
    assert runner.wait_idle(5)
    qtbot.wait(50)
    assert outcomes == [] and handle.cancelled and handle.done


def test_single_thread_runner_runs_jobs_in_order(qtbot: QtBot, qapp: QApplication) -> None:
    serial = TaskRunner(max_threads=1)
    ran: list[int] = []
    active = threading.Lock()
    overlaps: list[int] = []

    def job(n: int) -> int:
        if not active.acquire(blocking=False):
            overlaps.append(n)
            return n
        try:
            time.sleep(0.005)
            ran.append(n)
        finally:
            active.release()
        return n

    results: list[int] = []
    for n in range(8):
        serial.submit(job, n).finished.connect(results.append)
    assert serial.wait_idle(10)
    assert ran == list(range(8)) and results == list(range(8)) and overlaps == []
    serial.shutdown()


def test_no_threads_left_after_wait_idle(qtbot: QtBot, qapp: QApplication) -> None:
    before = _os_thread_ids()
    tasks = TaskRunner(max_threads=4)
    seen: list[int] = []
    for _ in range(8):
        tasks.submit(lambda: time.sleep(0.01) or threading.get_native_id()).finished.connect(seen.append)
    assert tasks.wait_idle(10)
    assert len(seen) == 8
    assert tasks.active_threads == 0
    # Qt marks a pool thread finished just before the OS thread itself exits: allow that last moment.
    qtbot.waitUntil(lambda: not (set(seen) & _os_thread_ids()), timeout=2000)
    qtbot.waitUntil(lambda: not (_os_thread_ids() - before), timeout=2000)
    tasks.shutdown()


def test_shutdown_refuses_new_work(qapp: QApplication) -> None:
    tasks = TaskRunner()
    assert tasks.shutdown()
    with pytest.raises(RuntimeError):
        tasks.submit(print)


def test_stream_worker_emits_items_then_finished(qtbot: QtBot, qapp: QApplication) -> None:
    gui_thread = QThread.currentThread()
    items: list[tuple[object, bool]] = []

    def readings(stop: threading.Event) -> Iterator[int]:
        yield from (120, 95, 60)

    worker = StreamWorker(readings, name="sensor")
    worker.item.connect(lambda v: items.append((v, QThread.currentThread() is gui_thread)))
    with qtbot.waitSignal(worker.finished, timeout=5000):
        worker.start()
    assert items == [(120, True), (95, True), (60, True)]
    assert worker.wait(5)


def test_stream_worker_stop_closes_the_generator_on_its_thread(qtbot: QtBot, qapp: QApplication) -> None:
    closed_on: list[int] = []
    produced = threading.Event()

    def endless(stop: threading.Event) -> Iterator[int]:
        n = 0
        try:
            while not stop.is_set():
                n += 1
                if n == 20:
                    produced.set()
                yield n
                stop.wait(0.001)
        finally:
            closed_on.append(threading.get_ident())

    worker = StreamWorker(endless, name="camera")
    items: list[object] = []
    ended: list[object] = []
    worker.item.connect(items.append)
    worker.finished.connect(lambda: ended.append("finished"))
    worker.failed.connect(ended.append)
    worker.start()
    # No events are processed until after stop(): 20 items sit in the queue and must all be dropped.
    assert produced.wait(5)
    worker.stop()
    assert worker.wait(5)
    qtbot.wait(50)
    assert items == []
    assert closed_on and closed_on[0] != threading.get_ident()
    assert ended == [], "a stopped stream reports neither finished nor failed"
    assert not worker.running


def test_stream_worker_delivers_items_while_running(qtbot: QtBot, qapp: QApplication) -> None:
    def ticks(stop: threading.Event) -> Iterator[int]:
        n = 0
        while not stop.is_set():
            n += 1
            yield n
            stop.wait(0.002)

    worker = StreamWorker(ticks)
    items: list[object] = []
    worker.item.connect(items.append)
    worker.start()
    qtbot.waitUntil(lambda: len(items) >= 5, timeout=5000)
    worker.stop()
    assert worker.wait(5)
    assert items[:5] == [1, 2, 3, 4, 5]


def test_stream_worker_reports_a_failing_source(qtbot: QtBot, qapp: QApplication) -> None:
    def broken(stop: threading.Event) -> Iterator[int]:
        yield 1
        raise OSError("serial port vanished")

    worker = StreamWorker(broken)
    items: list[object] = []
    worker.item.connect(items.append)
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start()
    assert isinstance(blocker.args[0], OSError)
    assert items == [1]
    assert worker.wait(5)


def test_wait_idle_covers_follow_up_work(qtbot: QtBot, runner: TaskRunner) -> None:
    results: list[str] = []

    def then_save(value: str) -> None:
        runner.submit(str.upper, value).finished.connect(results.append)

    runner.submit(lambda: "loaded").finished.connect(then_save)
    assert runner.wait_idle(10)
    assert results == ["LOADED"] and runner.pending == 0 and runner.active_threads == 0
