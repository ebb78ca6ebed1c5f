"""One camera's analysis: motion gate, detectors (only where there is motion), smoothing, alerts.

`CameraPipeline.process` takes each analysed frame in order. A frame with no motion costs the motion
check alone, unless a detector asks to look anyway (someone lying still after a fall, someone waiting in
a zone), which it does about once a second.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from inference.models import ModelRegistry
from inference.vision.config import CameraConfig, EventsConfig
from inference.vision.detectors import Detector, FrameContext, build_detectors, coverage
from inference.vision.detectors.base import DetectorStatus
from inference.vision.disk_queue import DiskQueue
from inference.vision.events import EventSmoother, Incident
from inference.vision.frames import FrameRing, VideoFrame
from inference.vision.hours import StoreHours
from inference.vision.motion import MotionGate
from inference.vision.recorder import IncidentRecorder

log = logging.getLogger(__name__)
RING_EXTRA_S = 2.0  # the ring holds a little more than the pre-roll, for the clip classifier too


@dataclass
class PipelineStats:
    frames: int = 0
    analysed: int = 0  # frames the detectors ran on
    motion_ms: float = 0.0  # CPU time of this thread, so other cameras' work does not count
    detect_ms: float = 0.0
    per_detector_ms: dict[str, float] = field(default_factory=dict)


class CameraPipeline:
    def __init__(
        self,
        camera: CameraConfig,
        events: EventsConfig,
        hours: StoreHours,
        registry: ModelRegistry,
        queue: DiskQueue,
        detectors: list[Detector] | None = None,
    ) -> None:
        self.camera = camera
        self.hours = hours
        self.detectors = detectors if detectors is not None else build_detectors(camera, registry)
        self.motion = MotionGate(camera.motion)
        self.ring = FrameRing(events.pre_s + RING_EXTRA_S + 16 / camera.fps)
        self.smoother = EventSmoother(camera.name, events)
        self.recorder = IncidentRecorder(
            queue, self.ring, camera.fps, events.pre_s, events.post_s, events.notify_before_clip
        )
        self.stats = PipelineStats()
        self.coverage: DetectorStatus = coverage(self.detectors)
        for kind, reason in self.coverage.not_monitored.items():
            log.warning("camera %s: %s is NOT monitored: %s", camera.name, kind, reason)

    def process(self, frame: VideoFrame) -> list[Incident]:
        started = time.thread_time()
        self.stats.frames += 1
        self.ring.push(frame)
        motion = self.motion.update(frame.image, frame.t)
        after_motion = time.thread_time()
        self.stats.motion_ms += (after_motion - started) * 1000
        ctx = FrameContext(frame, motion, self.ring, store_closed=self.hours.is_closed(frame.at))
        incidents: list[Incident] = []
        if motion.gate_open or any(d.wants_frame(ctx) for d in self.detectors):
            self.stats.analysed += 1
            for detector in self.detectors:
                t0 = time.thread_time()
                findings = detector.process(ctx)
                spent = (time.thread_time() - t0) * 1000
                self.stats.per_detector_ms[detector.name] = (
                    self.stats.per_detector_ms.get(detector.name, 0) + spent
                )
                for finding in findings:
                    incident = self.smoother.update(detector.name, finding, frame.t, frame.at)
                    if incident is not None:
                        incidents.append(incident)
            self.stats.detect_ms += (time.thread_time() - after_motion) * 1000
        self.recorder.add(frame)
        for incident in incidents:
            self.recorder.start(incident, frame)
        return incidents

    def finish(self) -> None:
        """The source ended or the worker stops: complete open clips."""
        self.recorder.flush()

    def close(self) -> None:
        self.recorder.close()
        for detector in self.detectors:
            detector.close()
