"""Cameras: the OpenCV driver on a video file the test writes, bursts and analysers, and the simulator."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from hardware.camera import (
    Camera,
    CameraState,
    Frame,
    NoOpAnalyser,
    OpenCvCamera,
    SimulatedCamera,
    open_camera,
)
from hardware.device import Backoff
from tests.hardware.mjpeg_server import MjpegCamera
from tests.hardware.recorder import WAIT, Recorder

FRAMES_IN_CLIP = 12


def write_clip(path: Path, frames: int = FRAMES_IN_CLIP, size: tuple[int, int] = (64, 48)) -> Path:
    """An MJPG .avi whose frame i is a flat grey of level 20 * i, so a frame's position can be checked."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 25.0, size)
    assert writer.isOpened()
    for i in range(frames):
        writer.write(np.full((size[1], size[0], 3), 20 * i, dtype=np.uint8))
    writer.release()
    return path


Track = Callable[[Camera], Camera]


@pytest.fixture
def cameras() -> Iterator[Track]:
    started: list[Camera] = []

    def track(camera: Camera) -> Camera:
        started.append(camera)
        return camera

    yield track
    for camera in started:
        camera.stop()


def test_file_plays_every_frame_then_ends(tmp_path: Path, cameras: Track) -> None:
    clip = write_clip(tmp_path / "clip.avi")
    camera = cameras(open_camera(f"file://{clip}?loop=0&fps=200"))
    frames: Recorder[Frame] = Recorder()
    camera.start(frames)

    assert camera.wait_for(CameraState.ENDED, timeout=WAIT)
    assert [f.index for f in frames.items] == list(range(FRAMES_IN_CLIP))
    assert frames.items[0].image.shape == (48, 64, 3)
    levels = [int(f.image.mean()) for f in frames.items]
    assert all(abs(level - 20 * i) <= 3 for i, level in enumerate(levels)), levels  # in order, none lost
    assert list(camera.frames()) == []  # an ended camera's stream ends at once


def test_looping_file_and_frames_generator(tmp_path: Path, cameras: Track) -> None:
    clip = write_clip(tmp_path / "loop.avi")
    camera = cameras(OpenCvCamera(str(clip), loop=True, fps=200))
    camera.start()
    cancel = threading.Event()
    indexes = []
    for frame in camera.frames(cancel):
        indexes.append(frame.index)
        if frame.index > FRAMES_IN_CLIP * 2:  # played past the end twice: it loops
            cancel.set()
    assert indexes == sorted(indexes) and len(set(indexes)) == len(indexes)
    assert camera.health.state == CameraState.STREAMING


class MeanBrightness:
    """A stand-in for the face analyser: proves the burst reaches a pluggable analyser."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    def analyse(self, frames: Sequence[Frame]) -> dict[str, Any]:
        self.seen = [f.index for f in frames]
        return {"mean": float(np.mean([f.image.mean() for f in frames]))}


def test_burst_capture_goes_to_the_analyser(tmp_path: Path, cameras: Track) -> None:
    clip = write_clip(tmp_path / "burst.avi")
    camera = cameras(OpenCvCamera(str(clip), loop=True, fps=100))
    camera.start()
    assert camera.wait_for(CameraState.STREAMING, timeout=WAIT)

    burst = camera.capture_burst(count=4, interval=0.03)
    assert len(burst) == 4
    assert all(later.index > earlier.index for earlier, later in itertools.pairwise(burst))
    analyser = MeanBrightness()
    findings = camera.analyse_burst(analyser, count=3, interval=0.01)
    assert len(analyser.seen) == 3 and 0 <= findings["mean"] <= 255
    assert camera.analyse_burst(NoOpAnalyser(), count=2, interval=0.0) == {"frames": 2}


def test_missing_file_is_a_state_and_recovers_when_it_appears(tmp_path: Path, cameras: Track) -> None:
    clip = tmp_path / "later.avi"
    camera = cameras(OpenCvCamera(str(clip), loop=False, fps=200, backoff=Backoff(0.05, 0.2)))
    camera.start()
    assert camera.wait_for(CameraState.DISCONNECTED, timeout=WAIT)
    assert "not found" in camera.health.message and str(clip) in camera.health.message
    assert camera.capture_burst(count=2, timeout=0.2) == []  # no frames, no exception

    write_clip(tmp_path / "staging.avi").rename(clip)
    assert camera.wait_for(CameraState.STREAMING, CameraState.ENDED, timeout=WAIT)


def test_unreadable_file_is_a_state(tmp_path: Path, cameras: Track) -> None:
    junk = tmp_path / "junk.avi"
    junk.write_bytes(b"this is not a video" * 100)
    camera = cameras(OpenCvCamera(str(junk), backoff=Backoff(0.05, 0.2)))
    camera.start()
    assert camera.wait_for(CameraState.DISCONNECTED, timeout=WAIT)
    assert "junk.avi" in camera.health.message


def test_simulator_person_flag_and_unplug(cameras: Track) -> None:
    camera = SimulatedCamera(width=64, height=48, fps=100, backoff=Backoff(0.05, 0.1))
    cameras(camera)
    frames: Recorder[Frame] = Recorder()
    camera.start(frames)
    empty = frames.wait_for(lambda f: f.person_present is False)
    camera.set_person_present(True)
    person = frames.wait_for(lambda f: f.person_present is True)
    # The synthetic person is drawn: the head region differs clearly from the empty scene.
    head = (slice(12, 20), slice(28, 36))
    assert abs(float(person.image[head].mean()) - float(empty.image[head].mean())) > 20
    assert person.image.dtype == np.uint8 and person.image.shape == (48, 64, 3)

    camera.unplug()
    assert camera.wait_for(CameraState.DISCONNECTED, timeout=WAIT)
    camera.replug()
    assert camera.wait_for(CameraState.STREAMING, timeout=WAIT)
    camera.stop()
    assert camera.health.state == CameraState.STOPPED and list(camera.frames()) == []


def test_open_camera_urls() -> None:
    device = open_camera("0")
    assert isinstance(device, OpenCvCamera) and device.source == 0
    stream = open_camera("rtsp://admin:secret@10.0.0.5:554/stream1")
    assert isinstance(stream, OpenCvCamera) and "secret" not in stream.name and "10.0.0.5" in stream.name
    clip = open_camera("file:///srv/clips/demo%20one.mp4?loop=0&fps=12.5")
    assert isinstance(clip, OpenCvCamera)
    assert (clip.source, clip.loop, clip.fps, clip.is_file) == ("/srv/clips/demo one.mp4", False, 12.5, True)
    sim = open_camera("sim:?person=1&fps=5")
    assert isinstance(sim, SimulatedCamera) and sim.person and sim.frame_period == 0.2
    for bad in ("ftp://camera", "file://", "sim:?fps=zero", "usb", "sim:?colour=red", "file:///a.avi?lop=0"):
        with pytest.raises(ValueError):
            open_camera(bad)


def test_network_camera_drops_out_and_comes_back(cameras: Track) -> None:
    ip_camera = MjpegCamera().start()
    try:
        camera = cameras(open_camera(ip_camera.url))
        assert isinstance(camera, OpenCvCamera)
        camera.backoff = Backoff(0.05, 0.2)
        frames: Recorder[Frame] = Recorder()
        camera.start(frames)
        assert camera.wait_for(CameraState.STREAMING, timeout=WAIT)
        frames.wait_until(lambda items: len(items) >= 3)

        ip_camera.stop()  # power cut at the camera
        assert camera.wait_for(CameraState.DISCONNECTED, timeout=WAIT)
        seen = len(frames.items)
        ip_camera.start()  # back on the same address
        assert camera.wait_for(CameraState.STREAMING, timeout=WAIT)
        frames.wait_until(lambda items: len(items) > seen)
    finally:
        ip_camera.stop()


class FlakyCamera(SimulatedCamera):
    """Its driver raises now and then, as OpenCV does on a corrupt stream."""

    def __init__(self) -> None:
        super().__init__(width=32, height=32, fps=200, backoff=Backoff(0.05, 0.1))
        self.reads = 0

    def _read(self) -> np.ndarray | None:
        self.reads += 1
        if self.reads == 5:
            raise RuntimeError("corrupt frame")
        return super()._read()


def test_a_driver_exception_is_a_reconnect_not_a_dead_thread(cameras: Track) -> None:
    camera = FlakyCamera()
    cameras(camera)
    states: Recorder[CameraState] = Recorder()
    camera.on_health(lambda health: states(health.state))
    frames: Recorder[Frame] = Recorder()
    camera.start(frames)
    frames.wait_until(lambda items: len(items) >= 10)
    assert CameraState.DISCONNECTED in states.items
    assert states.items[-1] == CameraState.STREAMING
