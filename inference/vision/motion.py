"""Motion gating: frame differencing on a small grey copy, so a quiet camera costs a fraction of a ms.

The reference is a slowly updated background (not just the previous frame), so a slow walker still shows,
and lighting that drifts is absorbed. The gate stays open `hold_s` after the last motion, so a person who
stops moving for a moment is not dropped mid-action.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from inference.vision.config import MotionConfig


@dataclass(frozen=True)
class MotionResult:
    moving: bool  # changed area above the threshold in this frame
    fraction: float  # share of the frame that changed
    gate_open: bool  # moving now, or recently enough that detectors should still run
    mask: np.ndarray  # uint8 0/255 at motion size; where the change is


class MotionGate:
    def __init__(self, config: MotionConfig, learning_rate: float = 0.05) -> None:
        self.config = config
        self.learning_rate = learning_rate
        self._background: np.ndarray | None = None
        self._last_motion_t: float | None = None
        self._kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))

    def small_grey(self, image: np.ndarray) -> np.ndarray:
        height, width = image.shape[:2]
        target_w = min(self.config.width, width)
        target_h = max(1, round(height * target_w / width))
        grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
        if target_w != width:
            grey = cv2.resize(grey, (target_w, target_h), interpolation=cv2.INTER_AREA)
        return cv2.GaussianBlur(grey, (5, 5), 0)

    def update(self, image: np.ndarray, t: float) -> MotionResult:
        grey = self.small_grey(image)
        if self._background is None or self._background.shape != grey.shape:
            self._background = grey.astype(np.float32)
            empty = np.zeros_like(grey)
            return MotionResult(False, 0.0, self._recently_moved(t), empty)
        diff = cv2.absdiff(grey, cv2.convertScaleAbs(self._background))
        _, mask = cv2.threshold(diff, self.config.pixel_threshold, 255, cv2.THRESH_BINARY)
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, self._kernel)  # camera noise is single pixels
        fraction = float(cv2.countNonZero(mask)) / mask.size
        moving = fraction >= self.config.min_area
        # Where something moves the background learns 20x slower: a person who stands still does not fade
        # into it at once, yet a parked trolley or a light switched on stops counting as motion in a minute.
        cv2.accumulateWeighted(grey, self._background, self.learning_rate, mask=cv2.bitwise_not(mask))
        cv2.accumulateWeighted(grey, self._background, self.learning_rate / 20, mask=mask)
        if moving:
            self._last_motion_t = t
        return MotionResult(moving, fraction, self._recently_moved(t), mask)

    def _recently_moved(self, t: float) -> bool:
        return self._last_motion_t is not None and t - self._last_motion_t <= self.config.hold_s
