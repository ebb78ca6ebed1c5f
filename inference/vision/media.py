"""Alert media: an H.264 MP4 clip (PyAV's libx264; OpenCV's wheels have no H.264 encoder) and a JPEG
snapshot with the detection's box drawn on it."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np

from inference.vision.tracker import Box


def write_mp4(frames: Sequence[np.ndarray], fps: float, path: Path, crf: int = 28) -> None:
    """Encode BGR frames as H.264 (yuv420p, faststart so a player can start before the whole file is in)."""
    import av

    if not frames:
        raise ValueError("a clip needs at least one frame")
    height, width = frames[0].shape[:2]
    even_w, even_h = width - width % 2, height - height % 2  # yuv420p needs even sides
    rate = Fraction(round(fps * 1000), 1000)
    with av.open(str(path), mode="w", format="mp4", options={"movflags": "+faststart"}) as container:
        stream = container.add_stream("libx264", rate=rate)
        stream.width, stream.height, stream.pix_fmt = even_w, even_h, "yuv420p"
        stream.codec_context.options = {"preset": "veryfast", "crf": str(crf), "tune": "zerolatency"}
        stream.codec_context.thread_count = 1  # the worker's cores belong to the cameras
        for image in frames:
            if image.shape[:2] != (height, width):
                image = cv2.resize(image, (width, height))
            frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(image[:even_h, :even_w]), format="bgr24")
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def snapshot_jpeg(image: np.ndarray, box: Box | None = None, label: str = "", quality: int = 85) -> bytes:
    shown = image.copy()
    if box is not None:
        x0, y0, x1, y1 = (round(v) for v in box)
        thickness = max(1, shown.shape[1] // 320)
        cv2.rectangle(shown, (x0, y0), (x1, y1), (0, 0, 255), thickness)
        if label:
            cv2.putText(
                shown, label, (x0, max(12, y0 - 4)), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 255), thickness
            )
    ok, encoded = cv2.imencode(".jpg", shown, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("JPEG encoding failed")
    return encoded.tobytes()
