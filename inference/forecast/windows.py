"""Window statistics over demand arrays with gaps (NaN), for many series and many days at once.

Prefix sums of the observed values and of the observed-day counts give any window's mean in O(1), so a
feature for every (series, origin) pair costs one gather, not a Python loop. Windows are [end - length + 1,
end], inclusive of `end`; a window with no observed day gives NaN.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


class WindowSums:
    """Prefix sums along the day axis of a (series, days) array with NaN gaps."""

    def __init__(self, values: FloatArray) -> None:
        observed = np.isfinite(values)
        n, _t = values.shape
        zero = np.zeros((n, 1))
        self.sums = np.concatenate([zero, np.cumsum(np.where(observed, values, 0.0), axis=1)], axis=1)
        self.counts = np.concatenate([zero, np.cumsum(observed, axis=1, dtype=np.float64)], axis=1)
        self.n_days = values.shape[1]

    def window(self, rows: IntArray, end: IntArray, length: int) -> tuple[FloatArray, FloatArray]:
        """(sum, observed-day count) of the window of `length` days ending at `end` (clipped to the data)."""
        hi = np.clip(end + 1, 0, self.n_days)
        lo = np.clip(end + 1 - length, 0, self.n_days)
        return self.sums[rows, hi] - self.sums[rows, lo], self.counts[rows, hi] - self.counts[rows, lo]

    def mean(self, rows: IntArray, end: IntArray, length: int, min_count: int = 1) -> FloatArray:
        total, count = self.window(rows, end, length)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count >= min_count, total / np.maximum(count, 1.0), np.nan)


class WeekdaySums:
    """Prefix sums that step by 7 days: the mean of the last `weeks` same-weekday days before a date."""

    def __init__(self, values: FloatArray) -> None:
        observed = np.isfinite(values)
        filled = np.where(observed, values, 0.0)
        n, t = values.shape
        self.sums = np.zeros((n, t + 7))
        self.counts = np.zeros((n, t + 7))
        # sums[:, d + 7] = value[d] + sums[:, d]: a prefix sum within each weekday phase
        for phase in range(7):
            self.sums[:, phase + 7 :: 7] = np.cumsum(filled[:, phase::7], axis=1)
            self.counts[:, phase + 7 :: 7] = np.cumsum(observed[:, phase::7], axis=1)
        self.n_days = t

    def mean(self, rows: IntArray, last: IntArray, weeks: int) -> FloatArray:
        """Mean over days last, last-7, ..., last-7*(weeks-1) (`last` must be < n_days; older days clip)."""
        hi = last + 7
        lo = hi - 7 * weeks
        lo = np.where(lo < 0, lo % 7, lo)  # the same weekday phase's zero entry, before the data
        total = self.sums[rows, hi] - self.sums[rows, lo]
        count = self.counts[rows, hi] - self.counts[rows, lo]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(count > 0, total / np.maximum(count, 1.0), np.nan)
