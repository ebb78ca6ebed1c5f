"""People: YOLOX-Nano detections (or, by choice, foreground blobs) turned into tracks for later detectors.

YOLOX scores a person lying on the floor, half out of the picture, far lower than one standing; that is
exactly the person the fall detector must keep. So weak detections may continue a track (never start
one), and a track the model loses is continued for a while by the foreground blob where it was.
"""

from __future__ import annotations

import logging

import cv2
import numpy as np

from inference.models import ModelError, ModelRegistry
from inference.vision.config_detectors import PersonConfig
from inference.vision.detectors.base import Detector, DetectorStatus, Finding, FrameContext
from inference.vision.tracker import Box, Detection, IouTracker, Track, centre, iou

log = logging.getLogger(__name__)
WEAK_FRACTION = 0.3  # weak detections: down to this share of min_score


def foreground_boxes(mask: np.ndarray, frame_shape: tuple[int, ...], min_area: float) -> list[Box]:
    """Boxes (in frame pixels) of the connected changed regions of a motion mask."""
    if not np.any(mask):
        return []
    joined = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined)
    sx, sy = frame_shape[1] / mask.shape[1], frame_shape[0] / mask.shape[0]
    boxes = []
    for x, y, w, h, area in stats[1:count]:
        if area >= min_area * mask.size:
            boxes.append((float(x * sx), float(y * sy), float((x + w) * sx), float((y + h) * sy)))
    return boxes


class PersonDetector(Detector):
    name = "person"
    classes = ()

    def __init__(self, config: PersonConfig, registry: ModelRegistry, idle_check_s: float = 1.0) -> None:
        self.config = config
        self.idle_check_s = idle_check_s
        self.tracker = IouTracker(max_age_s=config.max_age_s, min_hits=config.min_hits)
        self.unavailable = ""
        self._model = None
        self._last_run_t = float("-inf")
        if config.backend == "yolox":
            from inference.vision.detectors.yolox import YoloxPersons

            try:
                path = registry.path(config.model)
                self._model = YoloxPersons(path, config.input_size, config.min_score * WEAK_FRACTION)
            except ModelError as exc:
                self.unavailable = str(exc)

    def status(self) -> DetectorStatus:
        if self.unavailable:
            return DetectorStatus((), {"person": self.unavailable})
        return DetectorStatus(("person",))

    def wants_frame(self, ctx: FrameContext) -> bool:
        # Someone still in the picture (lying after a fall, waiting in a zone) moves too little for the
        # motion gate; look again now and then so their track lives on.
        return bool(self.tracker.tracks) and ctx.frame.t - self._last_run_t >= self.idle_check_s

    def process(self, ctx: FrameContext) -> list[Finding]:
        t = ctx.frame.t
        self._last_run_t = t
        ctx.people_source = self.config.backend
        if self.config.backend == "blob":
            blobs = self._person_sized(foreground_boxes(ctx.motion.mask, ctx.image.shape, 0.002), ctx)
            self.tracker.update([Detection(b, 1.0) for b in blobs], t)
        elif self._model is not None:
            found = self._model.detect(ctx.image)
            strong = [d for d in found if d.score >= self.config.min_score]
            weak = [d for d in found if d.score < self.config.min_score]
            self.tracker.update(strong, t, weak)
            self._coast_on_foreground(ctx)
        ctx.tracks = self.tracker.tracks
        return []

    def _person_sized(self, boxes: list[Box], ctx: FrameContext) -> list[Box]:
        min_side = self.config.min_height * ctx.frame.height
        return [b for b in boxes if max(b[2] - b[0], b[3] - b[1]) >= min_side]

    def _coast_on_foreground(self, ctx: FrameContext) -> None:
        lost = self.tracker.lost(ctx.frame.t)
        if not lost:
            return
        blobs = foreground_boxes(ctx.motion.mask, ctx.image.shape, 0.002)
        for track in lost:
            best = max(blobs, key=lambda b: self._closeness(track, b), default=None)
            if best is not None and self._closeness(track, best) > 0:
                self.tracker.extend(track, best, ctx.frame.t, score=0.0)
                blobs.remove(best)

    @staticmethod
    def _closeness(track: Track, blob: Box) -> float:
        # About the same size as the person: lying down keeps the area roughly, while a blob many times
        # larger is the person merged with something else (a shadow, a ghost of where someone stood).
        area = (blob[2] - blob[0]) * (blob[3] - blob[1])
        if not 1 / 3 <= area / max(track.width * track.height, 1.0) <= 3:
            return 0.0
        overlap = iou(track.box, blob)
        if overlap > 0.1:
            return 1.0 + overlap
        (tx, ty), (bx, by) = centre(track.box), centre(blob)
        size = max(track.width, track.height, 1.0)
        distance = ((tx - bx) ** 2 + (ty - by) ** 2) ** 0.5 / size
        return 1.0 - distance if distance < 0.6 else 0.0

    def close(self) -> None:
        self._model = None
