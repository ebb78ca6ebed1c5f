"""The distance sensor interface: readings in centimetres about ten times a second, and a health state.

Consumers either pass a callback to `start()` (called on the sensor's thread) or iterate `readings()`,
a cancellable generator meant for a worker thread."""

from __future__ import annotations

import contextlib
import queue
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from hardware.device import DeviceWorker, Health, HealthReporter, call_safely, utcnow


class SensorState(StrEnum):
    STOPPED = "stopped"
    CONNECTING = "connecting"
    OK = "ok"
    NO_REPLY = "no_reply"  # the port is open but the sensor stopped answering
    BAD_DATA = "bad_data"  # it answers, but only garbage (wrong baud rate, wrong firmware)
    DISCONNECTED = "disconnected"  # the port is gone (unplugged) or cannot be opened


@dataclass(frozen=True)
class DistanceReading:
    cm: float | None  # None: nothing within the sensor's range (the firmware answered its -1 sentinel)
    at: datetime = field(default_factory=utcnow)

    @property
    def in_range(self) -> bool:
        return self.cm is not None


@dataclass
class SensorStats:
    """Counters for the device page and for support: a rising garbage count points at cabling or baud."""

    readings: int = 0
    garbage_lines: int = 0
    timeouts: int = 0
    reconnects: int = 0


ReadingCallback = Callable[[DistanceReading], None]
_END = object()  # put into reader queues when the sensor stops


class DistanceSensor(ABC):
    """Base for the serial driver and the simulator: runs `_run` on a worker thread and fans readings out."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stats = SensorStats()
        self._reporter: HealthReporter[SensorState] = HealthReporter(SensorState.STOPPED, "not started")
        self._worker = DeviceWorker(name, self._run)
        self._callbacks: list[ReadingCallback] = []
        self._queues: list[queue.Queue[object]] = []
        self._lock = threading.Lock()
        self._latest: DistanceReading | None = None

    @property
    def health(self) -> Health[SensorState]:
        return self._reporter.current

    @property
    def latest(self) -> DistanceReading | None:
        return self._latest

    def on_health(self, listener: Callable[[Health[SensorState]], None]) -> None:
        self._reporter.subscribe(listener)

    def wait_for(self, *states: SensorState, timeout: float | None = None) -> bool:
        return self._reporter.wait_for(*states, timeout=timeout)

    def start(self, callback: ReadingCallback | None = None) -> None:
        if callback is not None:
            self._callbacks.append(callback)
        self._set_health(SensorState.CONNECTING, f"connecting to {self.name}")
        self._worker.start()

    def stop(self) -> None:
        self._worker.stop()
        with self._lock:
            for q in self._queues:
                _offer(q, _END)
        self._set_health(SensorState.STOPPED, "stopped")

    def readings(self, cancel: threading.Event | None = None) -> Iterator[DistanceReading]:
        """Yield readings as they arrive until the sensor stops, `cancel` is set or the generator closes."""
        inbox: queue.Queue[object] = queue.Queue(maxsize=100)
        with self._lock:
            self._queues.append(inbox)
        try:
            while cancel is None or not cancel.is_set():
                try:
                    item = inbox.get(timeout=0.1)
                except queue.Empty:
                    if self.health.state == SensorState.STOPPED:
                        return
                    continue
                if item is _END:
                    return
                assert isinstance(item, DistanceReading)
                yield item
        finally:
            with self._lock:
                self._queues.remove(inbox)

    def _publish(self, reading: DistanceReading) -> None:
        self._latest = reading
        self.stats.readings += 1
        for callback in list(self._callbacks):
            call_safely(callback, reading)
        with self._lock:
            for q in self._queues:
                _offer(q, reading)

    def _set_health(self, state: SensorState, message: str) -> None:
        self._reporter.set(state, message)

    @abstractmethod
    def _run(self, stop: threading.Event) -> None:
        """The I/O loop, on the worker thread, until `stop` is set."""


def _offer(inbox: queue.Queue[object], item: object) -> None:
    """Put without blocking: a slow consumer loses its oldest reading, the sensor never waits for it."""
    with contextlib.suppress(queue.Full):
        if inbox.full():
            with contextlib.suppress(queue.Empty):
                inbox.get_nowait()
        inbox.put_nowait(item)
