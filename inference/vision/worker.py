"""The vision worker of one store: every camera's reader and pipeline, a watchdog, alert delivery and
camera-health reports, all stopped by one event (SIGINT/SIGTERM in the CLI)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime

from core.timeutil import utcnow
from inference.models import ModelRegistry
from inference.vision.camera_worker import CameraHealthReport, CameraWorker
from inference.vision.config import VisionConfig
from inference.vision.disk_queue import DiskQueue
from inference.vision.pipeline import CameraPipeline
from inference.vision.uplink import AlertPoster, AlertSender

log = logging.getLogger(__name__)
HealthSink = Callable[[list[CameraHealthReport], int], None]  # reports, alerts waiting in the queue


class VisionWorker:
    def __init__(
        self,
        config: VisionConfig,
        poster: AlertPoster | None = None,
        health_sink: HealthSink | None = None,
        wall_clock: Callable[[], datetime] = utcnow,
        camera_names: list[str] | None = None,
        health_every_s: float | None = None,
    ) -> None:
        import cv2

        # Many small images on few cores: OpenCV's own thread pool only adds hand-offs between them.
        cv2.setNumThreads(1)
        self.config = config
        self.health_every_s = health_every_s or (config.backend.health_every_s if config.backend else 30.0)
        self.registry = ModelRegistry(config.models_dir)
        self.queue = DiskQueue(config.queue_dir)
        self.health_sink = health_sink
        self.sender = AlertSender(self.queue, poster) if poster is not None else None
        chosen = [c for c in config.cameras if camera_names is None or c.name in camera_names]
        self.cameras = [
            CameraWorker(
                camera,
                CameraPipeline(camera, config.events, config.store, self.registry, self.queue),
                stall_s=config.watchdog_stall_s,
                wall_clock=wall_clock,
            )
            for camera in chosen
        ]
        self._threads: list[threading.Thread] = []

    def log_coverage(self) -> None:
        """Say plainly, once at start, what each camera watches for and what it cannot."""
        for camera in self.cameras:
            coverage = camera.pipeline.coverage
            watched = ", ".join(coverage.monitored) or "nothing"
            log.info("camera %s monitors: %s", camera.camera.name, watched)

    def run(self, stop: threading.Event, until_files_end: bool = False) -> None:
        """Run until `stop` is set (or, with `until_files_end`, until every file source has ended)."""
        self.log_coverage()
        for camera in self.cameras:
            camera.start()
        sender_stop = threading.Event()
        if self.sender is not None:
            self._spawn("alert-sender", lambda: self.sender.run(sender_stop) if self.sender else None)
        last_health = 0.0
        try:
            while not stop.wait(0.5):
                for camera in self.cameras:
                    camera.check()
                if self.health_sink is not None and time.monotonic() - last_health >= self.health_every_s:
                    last_health = time.monotonic()
                    self._report_health()
                if until_files_end and all(c.ended.is_set() for c in self.cameras):
                    break
        finally:
            for camera in self.cameras:
                camera.stop()
            if self.health_sink is not None:
                self._report_health()
            if self.sender is not None:
                self.sender.deliver_ready()  # one last try for what the cameras just finished
            sender_stop.set()
            for thread in self._threads:
                thread.join(timeout=10)

    def _report_health(self) -> None:
        assert self.health_sink is not None
        try:
            self.health_sink([c.health() for c in self.cameras], len(self.queue))
        except Exception as exc:  # the backend may be down: health is reported again next time
            log.info("camera health not reported: %s", exc)

    def _spawn(self, name: str, target: Callable[[], object]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)
