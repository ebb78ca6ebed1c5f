"""Calendar features of each day: weekday, season and Korean public holidays.

Holidays come from the maintained `holidays` package (lunar-calendar Seollal and Chuseok, substitute and
election days included), never from a hand-kept list that goes stale. Sales shift around a holiday, not
only on it (stocking up before Chuseok, a quiet day after), so each day also gets its distance to the next
and from the previous holiday, capped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

DISTANCE_CAP = 8  # days; beyond a week a holiday no longer moves daily sales
CALENDAR_FEATURES = (
    "dow",
    "month",
    "day_of_year",
    "day_of_month",
    "holiday",
    "days_to_holiday",
    "days_from_holiday",
    "long_holiday",
)


@lru_cache(maxsize=8)
def _holidays_between(country: str, first_year: int, last_year: int) -> frozenset[date]:
    calendar = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    return frozenset(calendar.keys())


@dataclass(frozen=True)
class DayCalendar:
    """Calendar features for `n_days` consecutive days from `start`: one array per name, indexed by day."""

    start: date
    n_days: int
    country: str = "KR"

    def features(self) -> dict[str, FloatArray]:
        return _calendar_features(self.start, self.n_days, self.country)

    def matrix(self) -> FloatArray:
        """(days, len(CALENDAR_FEATURES)) in the order of CALENDAR_FEATURES."""
        feats = self.features()
        return np.stack([feats[name] for name in CALENDAR_FEATURES], axis=1)


@lru_cache(maxsize=16)
def _calendar_features(start: date, n_days: int, country: str) -> dict[str, FloatArray]:
    # pad by the cap on both sides so distances at the edges see holidays just outside the range
    pad = DISTANCE_CAP
    first = start - timedelta(days=pad)
    days = [first + timedelta(days=i) for i in range(n_days + 2 * pad)]
    known = _holidays_between(country, days[0].year, days[-1].year)
    is_holiday = np.array([d in known for d in days])
    weekend = np.array([d.weekday() >= 5 for d in days])
    off = is_holiday | weekend
    to_next = _distance(is_holiday[::-1])[::-1]
    from_prev = _distance(is_holiday)
    # a run of three or more consecutive days off that contains a holiday: the big travel weekends
    run = _run_lengths(off)
    long_holiday = (run >= 3) & _run_has(off, is_holiday)
    core = slice(pad, pad + n_days)
    inner = days[core]
    result = {
        "dow": np.array([d.weekday() for d in inner], dtype=np.float64),
        "month": np.array([d.month for d in inner], dtype=np.float64),
        "day_of_year": np.array([d.timetuple().tm_yday for d in inner], dtype=np.float64),
        "day_of_month": np.array([d.day for d in inner], dtype=np.float64),
        "holiday": is_holiday[core].astype(np.float64),
        "days_to_holiday": to_next[core],
        "days_from_holiday": from_prev[core],
        "long_holiday": long_holiday[core].astype(np.float64),
    }
    for arr in result.values():
        arr.flags.writeable = False  # shared through the cache
    return result


def _distance(flags: NDArray[np.bool_]) -> FloatArray:
    """Days since the last True (0 on a True day), capped at DISTANCE_CAP."""
    out = np.empty(len(flags))
    since = DISTANCE_CAP
    for i, flag in enumerate(flags):
        since = 0 if flag else min(since + 1, DISTANCE_CAP)
        out[i] = since
    return out


def _run_lengths(flags: NDArray[np.bool_]) -> NDArray[np.int64]:
    """For each True day, the length of the run of True days it belongs to (0 on False days)."""
    out = np.zeros(len(flags), dtype=np.int64)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = j - i
        i = j
    return out


def _run_has(flags: NDArray[np.bool_], marks: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """True on days of a True run of `flags` that contains at least one `marks` day."""
    out = np.zeros(len(flags), dtype=bool)
    i = 0
    while i < len(flags):
        if not flags[i]:
            i += 1
            continue
        j = i
        while j < len(flags) and flags[j]:
            j += 1
        out[i:j] = bool(marks[i:j].any())
        i = j
    return out
