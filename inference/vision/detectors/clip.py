"""The learned clip classifier as a detector plugin: theft, damage, smoking (fire and fall: a second opinion).

No weights ship with the product, so until the owner installs a trained model its classes are reported as
not monitored, with the reason, instead of being silently skipped. It runs on the last `frames` analysed
frames, once every `every_s` seconds while there is motion: a clip costs tens of ms.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np

from inference.models import ModelError, ModelRegistry
from inference.vision.config_detectors import ClipClassifierConfig
from inference.vision.detectors.base import Detector, DetectorStatus, Finding, FrameContext

log = logging.getLogger(__name__)


class ClipModel(Protocol):
    @property
    def monitored(self) -> tuple[str, ...]: ...

    def predict(self, clip: np.ndarray) -> dict[str, float]: ...


def load_clip_model(path: Path) -> ClipModel:
    from inference.vision.classifier import ClipClassifier

    model: ClipModel = ClipClassifier(path)
    return model


class ClipClassifierDetector(Detector):
    name = "clip_classifier"

    def __init__(
        self, config: ClipClassifierConfig, registry: ModelRegistry, model: ClipModel | None = None
    ) -> None:
        self.config = config
        self.classes = tuple(config.classes)
        self.unavailable = ""
        self._model = model
        self._last_t = float("-inf")
        if model is None:
            from inference.vision.classifier import ClipModelError

            try:
                self._model = load_clip_model(registry.path(config.model))
            except ModelError as exc:
                self.unavailable = f"no trained clip classifier is installed ({exc})"
            except (ClipModelError, ImportError) as exc:
                self.unavailable = f"the installed clip classifier cannot run ({exc})"

    def status(self) -> DetectorStatus:
        if self._model is None:
            return DetectorStatus((), {kind: self.unavailable for kind in self.classes})
        known = set(self._model.monitored)
        missing = {
            k: "the installed clip classifier was not trained on it" for k in self.classes if k not in known
        }
        return DetectorStatus(tuple(k for k in self.classes if k in known), missing)

    def process(self, ctx: FrameContext) -> list[Finding]:
        if self._model is None or ctx.frame.t - self._last_t < self.config.every_s:
            return []  # no evaluation this frame: not a window for the smoother either
        frames = ctx.ring.last(self.config.frames)
        if len(frames) < self.config.frames:
            return []
        self._last_t = ctx.frame.t
        clip = np.stack([cv2.cvtColor(f.image, cv2.COLOR_BGR2RGB) for f in frames])
        scores = self._model.predict(clip)
        normal = round(scores.get("normal", 0.0), 3)
        return [
            Finding(kind, float(scores[kind]), details={"normal": normal})
            for kind in self.classes
            if kind in scores  # a class the model was not trained on is reported as not monitored
        ]
