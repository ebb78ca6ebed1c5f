"""Camera: `open_camera(url)` picks the OpenCV driver or the simulator from config.

- `0`, `1`, ...: a local camera by device index
- `rtsp://user:pass@host/stream`: an IP camera (http:// and https:// MJPEG streams too)
- `file:///path/clip.mp4?loop=0`: a video file; loops unless loop=0 (options: loop, fps)
- `sim:?person=1&fps=10`: the simulator (options: person, fps, width, height)
"""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from hardware.camera.base import (
    Camera,
    CameraState,
    CameraUnavailable,
    EndOfStream,
    Frame,
    FrameAnalyser,
    NoOpAnalyser,
)
from hardware.camera.opencv_camera import OpenCvCamera
from hardware.camera.simulator import SimulatedCamera

__all__ = [
    "Camera",
    "CameraState",
    "CameraUnavailable",
    "EndOfStream",
    "Frame",
    "FrameAnalyser",
    "NoOpAnalyser",
    "OpenCvCamera",
    "SimulatedCamera",
    "open_camera",
]

_TRUE = {"1", "true", "yes", "on"}


def open_camera(url: str) -> Camera:
    """Build (not start) the camera a config URL names; ValueError for a URL we do not understand."""
    url = url.strip()
    if url.isdigit():
        return OpenCvCamera(int(url))
    parts = urlsplit(url)
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    try:
        if parts.scheme == "sim":
            sim = SimulatedCamera(
                width=int(options.pop("width", 320)),
                height=int(options.pop("height", 240)),
                fps=float(options.pop("fps", 10)),
                person_present=options.pop("person", "0").lower() in _TRUE,
            )
            _reject_unknown(options)
            return sim
        if parts.scheme == "file":
            path = unquote(parts.path)
            if not path:
                raise ValueError("no file path; e.g. file:///srv/clips/demo.mp4")
            fps = float(options.pop("fps")) if "fps" in options else None
            clip = OpenCvCamera(path, loop=options.pop("loop", "1").lower() in _TRUE, fps=fps)
            _reject_unknown(options)
            return clip
    except ValueError as exc:
        raise ValueError(f"bad camera URL {url!r}: {exc}") from exc
    if parts.scheme in ("rtsp", "rtsps", "http", "https"):
        return OpenCvCamera(url)  # the query belongs to the camera, pass it through untouched
    raise ValueError(f"unknown camera URL {url!r}; use a device index, rtsp://..., file:///... or sim:")


def _reject_unknown(options: dict[str, str]) -> None:
    if options:
        raise ValueError(f"unknown option(s) {', '.join(sorted(options))}")
