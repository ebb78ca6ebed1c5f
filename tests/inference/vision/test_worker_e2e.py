"""The whole worker: files decoded by PyAV, the pipeline, alerts with snapshot and H.264 clip in the queue
(the fake sink here; test_live_backend.py posts to a real backend), and the watchdog."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import pytest

from hardware.device import Backoff
from inference.vision import reader
from inference.vision.camera_worker import CameraWorker
from inference.vision.config import parse_config
from inference.vision.disk_queue import CLIP, SNAPSHOT, DiskQueue
from inference.vision.worker import VisionWorker
from tests.inference.vision import synthetic
from tests.inference.vision.support import FALL_CLIP, WALKERS_CLIP, install_yolox, need_clip, pipeline


def run_worker(tmp_path: Path, cameras: list[dict[str, object]], **top: object) -> DiskQueue:
    config = parse_config(
        {
            "queue_dir": str(tmp_path / "queue"),
            "models_dir": str(tmp_path / "models"),
            "cameras": cameras,
            **top,
        }
    )
    worker = VisionWorker(config)
    worker.run(threading.Event(), until_files_end=True)
    return worker.queue


def clip_frames(data: bytes, tmp_path: Path) -> tuple[str, int]:
    path = tmp_path / "check.mp4"
    path.write_bytes(data)
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return stream.codec_context.name, sum(1 for _ in container.decode(stream))


@pytest.mark.slow
def test_real_clips_a_fall_alert_on_the_fall_and_nothing_on_the_walkers(tmp_path: Path) -> None:
    """UR Fall's fall-01 (640x240, depth | RGB side by side: the RGB half is watched) and a crowd walking.
    The fall clip ends 1.5 s after the person reaches the floor: stillness is judged over 0.5 s at 10 fps."""
    need_clip(FALL_CLIP)
    need_clip(WALKERS_CLIP)
    install_yolox(tmp_path / "models")
    detectors = [{"type": "person"}, {"type": "fall", "still_s": 0.5}, {"type": "fire_smoke"}]
    common = {"realtime": False, "fps": 10, "detectors": detectors}
    cameras = [
        {"name": "office", "source": str(FALL_CLIP), "roi": [0.5, 0, 1, 1], **common},
        {"name": "hall", "source": str(WALKERS_CLIP), **common},
    ]
    queue = run_worker(tmp_path, cameras, events={"window": 3, "hits": 2, "pre_s": 2, "post_s": 1})
    alerts = [(item.alert()["camera_id"], item.alert()["type"]) for item in queue.pending()]
    assert alerts == [("office", "fall")]
    item = queue.pending()[0]
    assert item.alert()["severity"] == "critical" and item.alert()["detector"] == "fall"
    assert (item.media(SNAPSHOT) or b"")[:2] == b"\xff\xd8"  # a JPEG
    codec, count = clip_frames(item.media(CLIP) or b"", tmp_path)
    assert codec == "h264" and count >= 15  # 2 s before to the end of the file, at 10 fps


def test_synthetic_fall_through_the_file_reader(tmp_path: Path) -> None:
    source = synthetic.write_clip(tmp_path / "fall.mp4", synthetic.toppling_box())
    people = {"type": "person", "backend": "blob", "min_height": 0.2}
    camera = {
        "name": "aisle",
        "source": str(source),
        "realtime": False,
        "detectors": [people, {"type": "fall", "still_s": 2}],
    }
    queue = run_worker(tmp_path, [camera], events={"pre_s": 3, "post_s": 2})
    [item] = queue.pending()
    assert item.alert()["type"] == "fall"
    codec, count = clip_frames(item.media(CLIP) or b"", tmp_path)
    assert codec == "h264" and 20 <= count <= 30  # 3 s before and 2 s after, at 5 fps


def test_the_reader_scales_crops_and_samples(tmp_path: Path) -> None:
    images = [np.full((240, 640, 3), 60, np.uint8) for _ in range(30)]
    for image in images:
        image[:, 320:] = 200  # the right half is bright
    source = synthetic.write_clip(tmp_path / "split.mp4", images, fps=15)
    camera = parse_config(
        {
            "queue_dir": "q",
            "cameras": [{"name": "c", "source": str(source), "fps": 5, "width": 160, "roi": [0.5, 0, 1, 1]}],
        }
    ).cameras[0]
    got = list(reader.decode_frames(camera, threading.Event()))
    assert len(got) == 10  # 2 s at 5 fps out of 15
    assert [round(t, 2) for t, _ in got[:3]] == [0.0, 0.2, 0.4]
    assert got[0][1].shape == (120, 160, 3)
    assert got[0][1].mean() > 180  # only the bright half


def stalling_decoder(calls: list[int]) -> object:
    """Yields two frames, then hangs like a wedged RTSP read (until told to stop)."""

    def decode(camera: object, stop: threading.Event) -> Iterator[tuple[float, np.ndarray]]:
        calls.append(1)
        for i in range(2):
            yield time.monotonic() + i, synthetic.background()
        stop.wait(30)

    return decode


def test_the_watchdog_restarts_a_stuck_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    monkeypatch.setattr(reader, "decode_frames", stalling_decoder(calls))
    pipe = pipeline(
        tmp_path,
        {"name": "door", "source": "rtsp://camera.invalid/stream", "detectors": [{"type": "fire_smoke"}]},
    )
    worker = CameraWorker(pipe.camera, pipe, stall_s=0.3)
    worker.backoff = Backoff(initial=0.05, maximum=0.1)
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while worker.restarts < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
            worker.check()
        assert worker.restarts >= 2 and len(calls) >= 3
        assert worker.health().health in ("reconnecting", "offline")
        assert pipe.stats.frames >= 4  # every new reader delivered again
    finally:
        worker.stop()


def test_the_watchdog_reports_a_camera_that_cannot_be_opened(tmp_path: Path) -> None:
    pipe = pipeline(
        tmp_path,
        {"name": "gone", "source": str(tmp_path / "missing.mp4"), "detectors": [{"type": "fire_smoke"}]},
    )
    worker = CameraWorker(pipe.camera, pipe, stall_s=5)
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while worker.failures < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
            worker.check()
        report = worker.health()
        assert report.health == "reconnecting"
        assert "missing.mp4" in report.message or "No such file" in report.message
        assert report.monitored == ("fire", "smoke")
    finally:
        worker.stop()
