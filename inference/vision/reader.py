"""Camera reading: decode a device, file or stream on its own thread and hand on frames at analysis size.

Files and RTSP/HTTP streams are decoded with PyAV, which scales and converts straight from the decoder's
YUV to a small BGR frame, only for the frames that will be analysed (a 15 fps stream analysed at 5 fps
converts one frame in three). USB cameras (a device index) go through OpenCV. A live source hands over its
newest frame and drops the rest when analysis falls behind; a file played flat out (`realtime: false`)
hands over every sampled frame, so a test or benchmark sees the same frames on every run.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import numpy as np

from core.timeutil import utcnow
from inference.vision.config import CameraConfig
from inference.vision.frames import VideoFrame

log = logging.getLogger(__name__)
OPEN_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 5.0


class SourceEnded(Exception):
    """A file played to its end (and does not loop)."""


def redact(source: int | str) -> str:
    """rtsp://user:password@host/... -> rtsp://***@host/...: camera passwords stay out of logs."""
    text = str(source)
    scheme, sep, rest = text.partition("://")
    if sep and "@" in rest.split("/", 1)[0]:
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return text


def _size_for(width: int, height: int, camera: CameraConfig) -> tuple[int, int, tuple[int, int, int, int]]:
    """Scaled full-frame size and the crop box in it, so the (cropped) result is `camera.width` wide."""
    x0, y0, x1, y1 = camera.roi or (0.0, 0.0, 1.0, 1.0)
    full_w = round(camera.width / (x1 - x0))
    full_h = round(full_w * height / width)
    full_w, full_h = full_w - full_w % 2, full_h - full_h % 2
    crop = (round(x0 * full_w), round(y0 * full_h), round(x1 * full_w), round(y1 * full_h))
    return full_w, full_h, crop


class Mailbox:
    """Frames from reader to analyser: keeps the newest when lossy, blocks the reader when lossless."""

    def __init__(self, lossless: bool, capacity: int = 4) -> None:
        self.lossless = lossless
        self._queue: queue.Queue[VideoFrame | None] = queue.Queue(maxsize=capacity)
        self.dropped = 0

    def put(self, frame: VideoFrame | None, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self._queue.put(frame, timeout=0.1 if self.lossless else 0)
                return
            except queue.Full:
                if not self.lossless:
                    try:
                        self._queue.get_nowait()
                        self.dropped += 1
                    except queue.Empty:
                        pass

    def get(self, timeout: float) -> VideoFrame | None:
        """A frame; None at the end of the source; raises queue.Empty on timeout."""
        return self._queue.get(timeout=timeout)


def decode_frames(camera: CameraConfig, stop: threading.Event) -> Iterator[tuple[float, np.ndarray]]:
    """(source time, BGR frame at analysis size) for each frame due for analysis."""
    source = camera.substream or camera.source
    frames = (
        _decode_device(source, camera, stop) if isinstance(source, int) else _decode_av(source, camera, stop)
    )
    step = 1.0 / camera.fps
    next_t: float | None = None
    for t, grab in frames:
        if next_t is not None and t < next_t - step / 4:
            continue  # not due: skip without converting it
        next_t = t + step if next_t is None or t - next_t > step else next_t + step
        yield t, grab()


def _decode_av(
    source: str, camera: CameraConfig, stop: threading.Event
) -> Iterator[tuple[float, Callable[[], np.ndarray]]]:
    import av

    options = {"rtsp_transport": "tcp"} if source.startswith("rtsp") else {}
    container = av.open(source, options=options, timeout=(OPEN_TIMEOUT_S, READ_TIMEOUT_S))
    try:
        stream = container.streams.video[0]
        stream.thread_type = "SLICE"  # frame threads add latency and memory; slices do not
        stream.codec_context.thread_count = 1
        size: tuple[int, int, tuple[int, int, int, int]] | None = None
        for frame in container.decode(stream):
            if stop.is_set():
                return
            if size is None:
                size = _size_for(frame.width, frame.height, camera)
            t = float(frame.time) if frame.time is not None else time.monotonic()
            yield t, _converter(frame, size)
    finally:
        container.close()


def _converter(frame: Any, size: tuple[int, int, tuple[int, int, int, int]]) -> Callable[[], np.ndarray]:
    """Scale and convert one decoded frame, later and only if it is due for analysis."""
    full_w, full_h, (cx0, cy0, cx1, cy1) = size

    def grab() -> np.ndarray:
        image = frame.reformat(width=full_w, height=full_h, format="bgr24", interpolation="AREA")
        return np.ascontiguousarray(image.to_ndarray()[cy0:cy1, cx0:cx1])

    return grab


def _decode_device(
    index: int, camera: CameraConfig, stop: threading.Event
) -> Iterator[tuple[float, Callable[[], np.ndarray]]]:
    import cv2

    capture = cv2.VideoCapture(index)
    if not capture.isOpened():
        capture.release()
        raise OSError(f"cannot open camera {index} (unplugged, or in use by another program?)")
    try:
        while not stop.is_set():
            if not capture.grab():
                raise OSError(f"camera {index} stopped delivering frames")
            t = time.monotonic()

            def grab() -> np.ndarray:
                ok, image = capture.retrieve()
                if not ok:
                    raise OSError(f"camera {index} returned an empty frame")
                full_w, full_h, (cx0, cy0, cx1, cy1) = _size_for(image.shape[1], image.shape[0], camera)
                small = cv2.resize(image, (full_w, full_h), interpolation=cv2.INTER_AREA)
                return np.ascontiguousarray(small[cy0:cy1, cx0:cx1])

            yield t, grab
    finally:
        capture.release()


class CameraReader:
    """The decoding thread of one camera. `last_frame_at` (monotonic) feeds the watchdog."""

    def __init__(
        self, camera: CameraConfig, mailbox: Mailbox, wall_clock: Callable[[], datetime] = utcnow
    ) -> None:
        self.camera = camera
        self.mailbox = mailbox
        self.wall_clock = wall_clock
        self.stop_event = threading.Event()
        self.last_frame_at = time.monotonic()
        self.error = ""
        self.ended = False
        self.frames_read = 0  # frames handed on for analysis
        self._t_offset = 0.0  # a looping file keeps its clock going forward
        self._thread = threading.Thread(target=self._run, name=f"reader-{camera.name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stop_event.set()

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def _run(self) -> None:
        is_file = isinstance(self.camera.source, str) and "://" not in self.camera.source
        try:
            while not self.stop_event.is_set():
                self._play_once(is_file)
                if not (is_file and self.camera.loop):
                    break
            if is_file:
                self.ended = True
                self.mailbox.put(None, self.stop_event)  # tells the analyser the file is done
        except Exception as exc:  # PyAV and OpenCV errors: the watchdog restarts us with backoff
            self.error = f"{type(exc).__name__}: {exc}"
            log.warning("camera %s: reading failed: %s", self.camera.name, redact(self.error))

    def _play_once(self, is_file: bool) -> None:
        start_wall, start_mono, first_t = self.wall_clock(), time.monotonic(), None
        t = 0.0
        for source_t, image in decode_frames(self.camera, self.stop_event):
            t = source_t + self._t_offset
            first_t = t if first_t is None else first_t
            if is_file and self.camera.realtime:
                delay = (t - first_t) - (time.monotonic() - start_mono)
                if delay > 0 and self.stop_event.wait(delay):
                    return
            at = start_wall + timedelta(seconds=t - first_t) if is_file else self.wall_clock()
            self.last_frame_at = time.monotonic()
            self.frames_read += 1
            self.mailbox.put(VideoFrame(image, t, at), self.stop_event)
        self._t_offset = t + 1.0 / self.camera.fps
