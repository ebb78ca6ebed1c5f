"""Cameras through OpenCV (imported lazily on the camera's thread): a device index, an RTSP/HTTP stream,
or a video file (looped for demos, or ending cleanly)."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any, cast

from hardware.camera.base import Camera, CameraUnavailable, EndOfStream
from hardware.device import Backoff

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger(__name__)

DEFAULT_FILE_FPS = 25.0


class OpenCvCamera(Camera):
    """`source` is a device index (int), a stream URL (rtsp://, http://) or a file path."""

    def __init__(
        self,
        source: int | str,
        loop: bool = True,
        fps: float | None = None,
        timeout: float = 5.0,
        failures_before_disconnect: int = 5,
        backoff: Backoff | None = None,
    ) -> None:
        self.is_file = isinstance(source, str) and "://" not in source
        kind = "camera" if isinstance(source, int) else "video file" if self.is_file else "stream"
        super().__init__(f"{kind} {_redact(source)}", backoff, failures_before_disconnect)
        self.source, self.loop, self.fps, self.timeout = source, loop, fps, timeout
        self._capture: Any = None

    def _open(self) -> str:
        import cv2  # lazily: OpenCV takes a while to import and the kiosk must cold-start fast

        if self.is_file and not os.path.isfile(str(self.source)):
            raise CameraUnavailable(f"video file not found: {self.source}")
        if isinstance(self.source, int):
            capture = cv2.VideoCapture(self.source)
        else:
            # Without these, FFmpeg can wait half a minute on a dead RTSP camera before giving up.
            timeout_ms = int(self.timeout * 1000)
            params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, timeout_ms, cv2.CAP_PROP_READ_TIMEOUT_MSEC, timeout_ms]
            capture = cv2.VideoCapture(self.source, cv2.CAP_FFMPEG, params)
        if not capture.isOpened():
            capture.release()
            if isinstance(self.source, int):
                hint = "unplugged, or in use by another program?"
            elif self.is_file:
                hint = "not a video OpenCV can read?"
            else:
                hint = "camera unreachable, wrong address or password?"
            raise CameraUnavailable(f"cannot open {self.name} ({hint})")
        self._capture = capture
        if self.is_file:
            # Files play at their own rate (or `fps`), not as fast as they decode.
            file_fps = capture.get(cv2.CAP_PROP_FPS) or 0.0
            rate = self.fps or (file_fps if 0 < file_fps < 1000 else DEFAULT_FILE_FPS)
            self.frame_period = 1.0 / rate
        return self.name

    def preload(self) -> None:
        import cv2  # noqa: F401  (a few hundred ms of import, off the first customer's path)

    def _read(self) -> np.ndarray | None:
        import cv2

        ok, image = self._capture.read()
        if ok:
            return cast("np.ndarray", image)
        if not self.is_file:
            return None
        if not self.loop:
            raise EndOfStream
        self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
        ok, image = self._capture.read()
        return cast("np.ndarray", image) if ok else None

    def _close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None


def _redact(source: int | str) -> str:
    """rtsp://user:password@host/... -> rtsp://***@host/...: camera passwords stay out of logs."""
    text = str(source)
    scheme, sep, rest = text.partition("://")
    if sep and "@" in rest.split("/", 1)[0]:
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return text
