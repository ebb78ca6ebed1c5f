"""Analysed frames and the per-camera ring buffer that gives an alert clip its seconds of pre-roll."""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from core.timeutil import utcnow


@dataclass(frozen=True, eq=False)
class VideoFrame:
    """One frame as the pipeline sees it.

    `t` is seconds on the source's own clock (a file's timestamps, or monotonic time for live cameras), so
    dwell and stillness are judged the same whether a file plays in real time or flat out; `at` is the
    wall-clock moment for store hours and for the alert.
    """

    image: np.ndarray  # BGR uint8, H x W x 3, at analysis size
    t: float
    at: datetime = field(default_factory=utcnow)

    @property
    def height(self) -> int:
        return int(self.image.shape[0])

    @property
    def width(self) -> int:
        return int(self.image.shape[1])


class FrameRing:
    """The last `seconds` of frames; thread-safe, oldest dropped first."""

    def __init__(self, seconds: float, max_frames: int = 600) -> None:
        self.seconds = seconds
        self._frames: deque[VideoFrame] = deque(maxlen=max_frames)
        self._lock = threading.Lock()

    def push(self, frame: VideoFrame) -> None:
        with self._lock:
            self._frames.append(frame)
            while self._frames and frame.t - self._frames[0].t > self.seconds:
                self._frames.popleft()

    def since(self, t: float) -> list[VideoFrame]:
        """Frames at or after source time `t`, oldest first."""
        with self._lock:
            return [f for f in self._frames if f.t >= t]

    def last(self, count: int) -> list[VideoFrame]:
        with self._lock:
            return list(self._frames)[-count:] if count > 0 else []

    def __len__(self) -> int:
        with self._lock:
            return len(self._frames)
