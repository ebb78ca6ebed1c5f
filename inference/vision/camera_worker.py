"""One camera at work: a reader thread decoding, an analysis thread running the pipeline, and `check()`
for the watchdog, which replaces a reader that died or stopped delivering frames (a dead RTSP camera, a
decoder wedged in native code) with backoff between attempts."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from core.timeutil import utcnow
from hardware.device import Backoff
from inference.vision.config import CameraConfig
from inference.vision.pipeline import CameraPipeline
from inference.vision.reader import CameraReader, Mailbox, redact

log = logging.getLogger(__name__)
OFFLINE_AFTER_FAILURES = 3  # consecutive failed restarts before the camera is reported offline


@dataclass(frozen=True)
class CameraHealthReport:
    name: str
    health: str  # ok | degraded | reconnecting | offline (core.schemas.alerts.CameraHealth)
    fps: float
    message: str
    monitored: tuple[str, ...]
    not_monitored: dict[str, str]


class CameraWorker:
    def __init__(
        self,
        camera: CameraConfig,
        pipeline: CameraPipeline,
        stall_s: float = 10.0,
        wall_clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.camera = camera
        self.pipeline = pipeline
        self.stall_s = stall_s
        self.wall_clock = wall_clock
        is_file = isinstance(camera.source, str) and "://" not in camera.source
        self.mailbox = Mailbox(lossless=is_file and not camera.realtime)
        self.reader = CameraReader(camera, self.mailbox, wall_clock)
        self.backoff = Backoff(initial=1.0, maximum=30.0)
        self.failures = 0
        self.restarts = 0
        self.last_error = ""  # why the last reader was replaced, for the health report
        self.ended = threading.Event()
        self._retry_at = 0.0
        self._stop = threading.Event()
        self._processed: deque[float] = deque(maxlen=200)  # monotonic times of analysed frames
        self._analyser = threading.Thread(target=self._analyse, name=f"analyse-{camera.name}", daemon=True)

    def start(self) -> None:
        self.reader.start()
        self._analyser.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self.reader.stop()
        self._analyser.join(timeout)
        self.reader.join(timeout=1.0)
        self.pipeline.close()

    def _analyse(self) -> None:
        while not self._stop.is_set():
            try:
                frame = self.mailbox.get(timeout=0.2)
            except queue.Empty:
                continue
            if frame is None:
                self.pipeline.finish()
                self.ended.set()
                log.info("camera %s: the file has ended", self.camera.name)
                return
            try:
                self.pipeline.process(frame)
            except Exception:  # a detector bug must not stop the camera; log it and go on
                log.exception("camera %s: analysis failed on a frame", self.camera.name)
            self._processed.append(time.monotonic())

    def fps(self, window_s: float = 10.0) -> float:
        now = time.monotonic()
        recent = [t for t in self._processed if now - t <= window_s]
        if len(recent) < 2:
            return 0.0
        return (len(recent) - 1) / max(recent[-1] - recent[0], 1e-6)

    def check(self) -> None:
        """Watchdog tick: restart a reader that died, or that has been silent for `stall_s`."""
        if self._stop.is_set() or self.ended.is_set() or self.reader.ended:
            return
        now = time.monotonic()
        dead = not self.reader.is_alive()
        stalled = not dead and now - self.reader.last_frame_at > self.stall_s
        if not (dead or stalled):
            if now - self.reader.last_frame_at < 1.0:
                self.failures = 0
                self.backoff.reset()
            return
        if now < self._retry_at:
            return
        reason = self.reader.error or f"no frames for {now - self.reader.last_frame_at:.0f} s"
        self.last_error = reason
        log.warning("camera %s: restarting the reader (%s)", self.camera.name, redact(reason))
        self.reader.stop()  # a reader stuck in native code is abandoned; it exits when its call returns
        self.failures += 1
        self.restarts += 1
        self._retry_at = now + self.backoff.next_delay()
        self.reader = CameraReader(self.camera, self.mailbox, self.wall_clock)
        self.reader.last_frame_at = now  # the new reader gets a full stall period to deliver
        self.reader.start()

    def health(self) -> CameraHealthReport:
        coverage = self.pipeline.coverage
        if self.ended.is_set():
            state, message = "offline", "the video file has ended"
        elif self.failures >= OFFLINE_AFTER_FAILURES:
            state, message = "offline", redact(self.reader.error or self.last_error)
        elif self.failures:
            state, message = "reconnecting", redact(self.reader.error or self.last_error)
        else:
            fps = self.fps()
            slow = fps < 0.7 * self.camera.fps and len(self._processed) > 10
            state = "degraded" if slow else "ok"
            message = f"analysing {fps:.1f} of {self.camera.fps:g} fps" if state == "degraded" else ""
        return CameraHealthReport(
            self.camera.name,
            state,
            round(self.fps(), 2),
            message[:300],
            coverage.monitored,
            dict(coverage.not_monitored),
        )
