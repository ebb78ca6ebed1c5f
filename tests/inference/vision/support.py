"""Helpers shared by the vision worker's tests: configs, pipelines, the shared models and clips."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from inference.models import ModelRegistry
from inference.vision.config import VisionConfig, parse_config
from inference.vision.disk_queue import DiskQueue
from inference.vision.events import Incident
from inference.vision.frames import VideoFrame
from inference.vision.pipeline import CameraPipeline

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
YOLOX = SHARED / "models" / "yolox_nano" / "yolox_nano.onnx"
VIDEO = SHARED / "data" / "video"
FALL_CLIP = VIDEO / "urfd_fall-01_cam0_with_overlays.mp4"
WALKERS_CLIP = VIDEO / "overhead_walkers.avi"


def config(tmp_path: Path, camera: dict[str, Any], **top: Any) -> VisionConfig:
    camera = {"name": "cam", "source": 0, **camera}
    return parse_config(
        {
            "queue_dir": str(tmp_path / "queue"),
            "models_dir": str(tmp_path / "models"),
            "cameras": [camera],
            **top,
        }
    )


def pipeline(tmp_path: Path, camera: dict[str, Any], **top: Any) -> CameraPipeline:
    cfg = config(tmp_path, camera, **top)
    registry = ModelRegistry(cfg.models_dir)
    return CameraPipeline(cfg.cameras[0], cfg.events, cfg.store, registry, DiskQueue(cfg.queue_dir))


def run(pipe: CameraPipeline, frames: Iterable[VideoFrame]) -> list[Incident]:
    incidents: list[Incident] = []
    for frame in frames:
        incidents += pipe.process(frame)
    pipe.finish()
    return incidents


def install_yolox(models_dir: Path) -> None:
    """The real YOLOX-Nano from ../shared (tests only); skips the test where it is absent."""
    if not YOLOX.is_file():
        pytest.skip("../shared/models/yolox_nano/yolox_nano.onnx is not available")
    pytest.importorskip("onnxruntime")
    ModelRegistry(models_dir).install("yolox_nano", YOLOX)


def need_clip(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"{path} is not available (../shared/data/video)")
    return path
