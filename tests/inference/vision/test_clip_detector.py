"""The learned clip classifier behind the detector interface (a stand-in model here; the real one is the
classifier's own business): when it runs, what it is fed, and what is reported as not monitored."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from inference.models import ModelRegistry
from inference.vision.config import VisionConfig
from inference.vision.config_detectors import ClipClassifierConfig
from inference.vision.detectors import coverage
from inference.vision.detectors.clip import ClipClassifierDetector
from inference.vision.disk_queue import DiskQueue
from inference.vision.pipeline import CameraPipeline
from tests.inference.vision import synthetic
from tests.inference.vision.support import config, run


def clip_config(cfg: VisionConfig) -> ClipClassifierConfig:
    detector = cfg.cameras[0].detectors[0]
    assert isinstance(detector, ClipClassifierConfig)
    return detector


class FakeClipModel:
    monitored = ("theft", "damage", "fall")

    def __init__(self, theft: float = 0.9) -> None:
        self.theft = theft
        self.clips: list[np.ndarray] = []

    def predict(self, clip: np.ndarray) -> dict[str, float]:
        self.clips.append(clip)
        return {"theft": self.theft, "damage": 0.05, "fall": 0.01, "normal": 0.04}


def test_without_a_model_its_classes_are_not_monitored_and_say_why(tmp_path: Path) -> None:
    detector = ClipClassifierDetector(ClipClassifierConfig(), ModelRegistry(tmp_path))
    status = coverage([detector])
    assert status.monitored == ()
    assert set(status.not_monitored) == {"theft", "damage", "smoking", "fire", "fall"}
    assert "no trained clip classifier is installed" in status.not_monitored["theft"]
    assert "autostore models install vision_clip" in status.not_monitored["theft"]


def test_classes_the_model_was_not_trained_on_are_not_monitored(tmp_path: Path) -> None:
    detector = ClipClassifierDetector(ClipClassifierConfig(), ModelRegistry(tmp_path), model=FakeClipModel())
    status = coverage([detector])
    assert status.monitored == ("theft", "damage", "fall")
    assert status.not_monitored["smoking"] == "the installed clip classifier was not trained on it"


def test_it_classifies_the_last_frames_in_rgb_once_per_interval_and_raises_theft(tmp_path: Path) -> None:
    model = FakeClipModel()
    cfg = config(tmp_path, {"detectors": [{"type": "clip_classifier", "frames": 8, "every_s": 1.0}]})
    pipe = CameraPipeline(
        cfg.cameras[0],
        cfg.events,
        cfg.store,
        ModelRegistry(tmp_path),
        DiskQueue(cfg.queue_dir),
        detectors=[ClipClassifierDetector(clip_config(cfg), ModelRegistry(tmp_path), model=model)],
    )
    clip = synthetic.lingering_blob(seconds=6.0)  # 8 s of motion at 5 fps
    incidents = run(pipe, synthetic.frames(clip))
    assert [i.kind for i in incidents] == ["theft"]
    assert incidents[0].severity == "high"
    assert all(c.shape == (8, 180, 320, 3) and c.dtype == np.uint8 for c in model.clips)
    assert 4 <= len(model.clips) <= 8  # about once a second while there was motion, not every frame
    blue_first = clip[10][..., 0].mean() > clip[10][..., 2].mean()
    fed = model.clips[0][-1]
    assert (fed[..., 2].mean() > fed[..., 0].mean()) == blue_first  # channels swapped: RGB in


def test_a_low_score_raises_nothing(tmp_path: Path) -> None:
    cfg = config(tmp_path, {"detectors": [{"type": "clip_classifier", "frames": 4}]})
    detector = ClipClassifierDetector(clip_config(cfg), ModelRegistry(tmp_path), model=FakeClipModel(0.2))
    pipe = CameraPipeline(
        cfg.cameras[0],
        cfg.events,
        cfg.store,
        ModelRegistry(tmp_path),
        DiskQueue(cfg.queue_dir),
        detectors=[detector],
    )
    assert run(pipe, synthetic.frames(synthetic.lingering_blob(seconds=6.0))) == []
