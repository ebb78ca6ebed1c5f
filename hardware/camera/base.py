"""The camera interface: a worker thread keeps the newest frame; consumers take a stream (`frames()`), a
callback (`start(callback)`) or a burst (`capture_burst`) handed to a pluggable `FrameAnalyser`.

Subclasses only open, read and close a source; this base reconnects with backoff when reads fail (an
unplugged USB camera, a dropped RTSP stream) and reports health."""

from __future__ import annotations

import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from hardware.device import Backoff, DeviceWorker, Health, HealthReporter, call_safely, utcnow

if TYPE_CHECKING:
    import numpy as np  # only for annotations: importing hardware.camera must stay cheap

logger = logging.getLogger(__name__)


class CameraState(StrEnum):
    STOPPED = "stopped"
    CONNECTING = "connecting"
    STREAMING = "streaming"
    DISCONNECTED = "disconnected"  # cannot open, or frames stopped coming: retrying with backoff
    ENDED = "ended"  # a video file played to its end (loop off)


@dataclass(frozen=True, eq=False)
class Frame:
    image: np.ndarray  # BGR, height x width x 3, uint8 (OpenCV's layout)
    index: int  # counts frames since start(), so consumers can tell a new frame from the last one
    at: datetime = field(default_factory=utcnow)
    person_present: bool | None = None  # known only to the simulator: ground truth for tests and demos


class FrameAnalyser(Protocol):
    """Looks at a burst of frames (face analysis comes later) and returns JSON-able findings."""

    def analyse(self, frames: Sequence[Frame]) -> dict[str, Any]: ...


class NoOpAnalyser:
    def analyse(self, frames: Sequence[Frame]) -> dict[str, Any]:
        return {"frames": len(frames)}


class CameraUnavailable(Exception):
    """The source cannot be opened now; the message says why in words a person can act on."""


class EndOfStream(Exception):
    """A finite source (a file without looping) has no more frames."""


FrameCallback = Callable[[Frame], None]


class Camera(ABC):
    def __init__(
        self, name: str, backoff: Backoff | None = None, failures_before_disconnect: int = 5
    ) -> None:
        self.name = name
        self.backoff = backoff or Backoff(initial=0.5, maximum=10.0)
        self.failures_before_disconnect = failures_before_disconnect
        self.frame_period = 0.0  # seconds between frames when the source does not pace itself (files)
        self._reporter: HealthReporter[CameraState] = HealthReporter(CameraState.STOPPED, "not started")
        self._worker = DeviceWorker(name, self._run)
        self._callbacks: list[FrameCallback] = []
        self._new_frame = threading.Condition()
        self._latest: Frame | None = None
        self._count = 0

    @property
    def health(self) -> Health[CameraState]:
        return self._reporter.current

    @property
    def latest(self) -> Frame | None:
        return self._latest

    def on_health(self, listener: Callable[[Health[CameraState]], None]) -> None:
        self._reporter.subscribe(listener)

    def wait_for(self, *states: CameraState, timeout: float | None = None) -> bool:
        return self._reporter.wait_for(*states, timeout=timeout)

    def start(self, callback: FrameCallback | None = None) -> None:
        if callback is not None:
            self._callbacks.append(callback)
        self._reporter.set(CameraState.CONNECTING, f"opening {self.name}")
        self._worker.start()

    def preload(self) -> None:
        """Import what opening this source needs (numpy here; OpenCV in its driver). Call it on a worker
        thread in a quiet moment: the import then neither delays the first customer's burst nor holds the
        interpreter lock while the GUI thread draws that customer's screen."""
        import numpy  # noqa: F401  (frames are numpy arrays)

    def stop(self) -> None:
        self._worker.stop()
        self._reporter.set(CameraState.STOPPED, "stopped")
        with self._new_frame:
            self._new_frame.notify_all()

    def frames(self, cancel: threading.Event | None = None) -> Iterator[Frame]:
        """Yield each new frame (slow consumers skip frames, never lag behind) until the camera stops or
        ends, `cancel` is set, or the generator is closed. Meant for a worker thread."""
        last = self._latest.index if self._latest else -1
        while cancel is None or not cancel.is_set():
            frame = self._next_frame(last, timeout=0.1)
            if frame is None:
                if self._finished():
                    return
                continue
            last = frame.index
            yield frame

    def capture_burst(
        self,
        count: int = 5,
        interval: float = 0.2,
        timeout: float = 5.0,
        cancel: threading.Event | None = None,
    ) -> list[Frame]:
        """`count` new frames at least `interval` s apart; fewer if the camera fails within `timeout`."""
        pause = cancel or threading.Event()
        deadline = time.monotonic() + timeout
        burst: list[Frame] = []
        last = self._latest.index if self._latest else -1
        while len(burst) < count and not pause.is_set():
            remaining = deadline - time.monotonic()
            frame = self._next_frame(last, timeout=min(remaining, 0.1)) if remaining > 0 else None
            if frame is None:
                if remaining <= 0 or self._finished():
                    break
                continue
            burst.append(frame)
            last = frame.index
            if len(burst) < count:
                pause.wait(min(interval, max(0.0, deadline - time.monotonic())))
        return burst

    def analyse_burst(self, analyser: FrameAnalyser, count: int = 5, interval: float = 0.2) -> dict[str, Any]:
        """What the kiosk calls when a customer approaches: a burst, then the analyser's findings."""
        return analyser.analyse(self.capture_burst(count, interval))

    def _next_frame(self, after_index: int, timeout: float) -> Frame | None:
        def ready() -> bool:
            latest = self._latest
            return (latest is not None and latest.index > after_index) or self._finished()

        with self._new_frame:
            self._new_frame.wait_for(ready, max(timeout, 0.0))
            latest = self._latest
            return latest if latest is not None and latest.index > after_index else None

    def _finished(self) -> bool:
        return self.health.state in (CameraState.STOPPED, CameraState.ENDED)

    def _publish(self, image: np.ndarray) -> None:
        frame = Frame(image, self._count, person_present=self._person_present())
        self._count += 1
        with self._new_frame:
            self._latest = frame
            self._new_frame.notify_all()
        for callback in list(self._callbacks):
            call_safely(callback, frame)

    def _run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                description = self._open()
            except Exception as exc:
                if not isinstance(exc, CameraUnavailable):
                    logger.exception("opening %s failed", self.name)
                self._reporter.set(CameraState.DISCONNECTED, f"{exc}; retrying")
                stop.wait(self.backoff.next_delay())
                continue
            try:
                if self._stream(stop, description):
                    return
            except Exception as exc:  # an OpenCV error must not end the camera for good
                logger.exception("%s failed", self.name)
                self._reporter.set(CameraState.DISCONNECTED, f"{self.name} failed ({exc}); reconnecting")
            finally:
                self._close()
            stop.wait(self.backoff.next_delay())

    def _stream(self, stop: threading.Event, description: str) -> bool:
        """Read until stop (True), end of a file (True) or too many failed reads (False: reconnect)."""
        failures = 0
        while not stop.is_set():
            started = time.monotonic()
            try:
                image = self._read()
            except EndOfStream:
                self._reporter.set(CameraState.ENDED, f"{description} played to its end")
                with self._new_frame:
                    self._new_frame.notify_all()
                return True
            if image is None:
                failures += 1
                if failures >= self.failures_before_disconnect:
                    self._reporter.set(
                        CameraState.DISCONNECTED, f"{description} stopped delivering frames; reconnecting"
                    )
                    return False
                stop.wait(0.05)
                continue
            failures = 0
            self.backoff.reset()
            self._reporter.set(CameraState.STREAMING, f"streaming from {description}")
            self._publish(image)
            stop.wait(max(0.0, self.frame_period - (time.monotonic() - started)))
        return True

    def _person_present(self) -> bool | None:
        return None

    @abstractmethod
    def _open(self) -> str:
        """Open the source; return a short description for messages. Raise CameraUnavailable if it can't."""

    @abstractmethod
    def _read(self) -> np.ndarray | None:
        """One BGR frame, None for a failed read, EndOfStream when a finite source is done."""

    @abstractmethod
    def _close(self) -> None: ...
