"""Features of one (series, origin, step) row: what was known at the origin, and the target day's calendar.

A row predicts demand on day t = origin + step from what was known at the end of the origin day: trailing
levels, the weekday profile, last year's movement, the share of zero and of observed days, the series' age
and its cross-sectional prior. Everything about sales reads days <= origin only (the leakage test replaces
every later day with garbage and expects identical rows). Target-day inputs are the calendar and the
planned price and promotion, which are known in advance.

Demand is modelled relative to a per-row scale (the trailing 364-day mean, shrunk towards the prior when the
series is young), so one global model serves a product selling 0.2 a day and one selling 200.
"""

from __future__ import annotations

import numpy as np

from inference.forecast.calendar import CALENDAR_FEATURES, DayCalendar
from inference.forecast.panel import FloatArray, IntArray, SalesPanel
from inference.forecast.priors import prior_levels
from inference.forecast.windows import WeekdaySums, WindowSums

SCALE_WINDOW = 364  # a year: the steadiest level; recent changes enter as ratios to it
SHARE_WINDOW = 91  # zero and observed shares: the recent quarter
PRIOR_WEIGHT = 7.0  # a young series' own days count against the prior as if the prior were 7 days of data
MIN_SCALE = 0.02
MAX_AGE = 730
YEAR = 364  # 52 weeks: last year's same weekday

ORIGIN_FEATURES = (
    "log_scale",
    "recent_7",
    "recent_28",
    "recent_91",
    "zero_share",
    "observed_share",
    "age",
    "prior_ratio",
    "recent_promo_share",
)
TARGET_FEATURES = (
    "step",
    "weekday_ratio",
    "last_year_move",
    "price_ratio",
    "promo",
)
FEATURE_NAMES = ORIGIN_FEATURES + TARGET_FEATURES + tuple(CALENDAR_FEATURES)


class FeatureBuilder:
    """Builds feature rows for a panel; construct once, then call `build` for any set of rows."""

    def __init__(self, panel: SalesPanel, *, censoring_aware: bool = True, max_horizon: int = 400) -> None:
        self.panel = panel
        self.demand = panel.demand_view(censoring_aware=censoring_aware)
        self.sums = WindowSums(self.demand)
        self.weekday = WeekdaySums(self.demand)
        zeros = np.where(np.isfinite(self.demand), (self.demand == 0).astype(np.float64), np.nan)
        self.zero_sums = WindowSums(zeros)
        self.calendar = DayCalendar(panel.start, panel.n_days + max_horizon).matrix()
        all_rows = np.repeat(np.arange(panel.n_series), panel.n_days)
        all_days = np.tile(np.arange(panel.n_days), panel.n_series)
        levels = self.sums.mean(all_rows, all_days, SCALE_WINDOW).reshape(panel.n_series, panel.n_days)
        self.prior = prior_levels(panel, levels)
        self.price_sums = None if panel.price is None else _prefix_sums(panel.price)
        self.promo_sums = None if panel.promo is None else _prefix_sums(panel.promo.astype(np.float64))

    def scale(self, rows: IntArray, origins: IntArray) -> FloatArray:
        total, count = self.sums.window(rows, origins, SCALE_WINDOW)
        prior = self.prior[rows, np.minimum(origins, self.panel.n_days - 1)]
        scale: FloatArray = np.maximum((total + PRIOR_WEIGHT * prior) / (count + PRIOR_WEIGHT), MIN_SCALE)
        return scale

    def build(self, rows: IntArray, origins: IntArray, steps: IntArray) -> tuple[FloatArray, FloatArray]:
        """(features, scale) for each (series row, origin day, step); features in FEATURE_NAMES order."""
        if np.any(origins >= self.panel.n_days) or np.any(steps < 1):
            raise ValueError("origins must be observed days and steps at least 1")
        targets = origins + steps
        scale = self.scale(rows, origins)
        cols: dict[str, FloatArray] = {}
        self._origin_columns(rows, origins, scale, cols)
        self._target_columns(rows, origins, targets, scale, cols)
        cols["step"] = steps.astype(np.float64)
        calendar = self.calendar[targets]
        for j, name in enumerate(CALENDAR_FEATURES):
            cols[name] = calendar[:, j]
        matrix = np.column_stack([cols[name] for name in FEATURE_NAMES])
        return matrix, scale

    def _origin_columns(
        self, rows: IntArray, origins: IntArray, scale: FloatArray, cols: dict[str, FloatArray]
    ) -> None:
        cols["log_scale"] = np.log(scale)
        for days in (7, 28, 91):
            cols[f"recent_{days}"] = self.sums.mean(rows, origins, days) / scale
        listed_days = np.clip(origins - self.panel.first_day[rows] + 1, 0, None)
        _total, observed = self.sums.window(rows, origins, SHARE_WINDOW)
        cols["zero_share"] = self.zero_sums.mean(rows, origins, SHARE_WINDOW)
        with np.errstate(invalid="ignore", divide="ignore"):
            cols["observed_share"] = np.where(
                listed_days > 0, observed / np.minimum(listed_days, SHARE_WINDOW), np.nan
            )
        cols["age"] = np.minimum(listed_days, MAX_AGE).astype(np.float64)
        cols["prior_ratio"] = self.prior[rows, origins] / scale
        if self.promo_sums is None:
            cols["recent_promo_share"] = np.zeros(len(rows))
        else:
            lo = np.maximum(origins - 27, 0)
            promo_days = self.promo_sums[rows, origins + 1] - self.promo_sums[rows, lo]
            cols["recent_promo_share"] = promo_days / (origins + 1 - lo)

    def _target_columns(
        self,
        rows: IntArray,
        origins: IntArray,
        targets: IntArray,
        scale: FloatArray,
        cols: dict[str, FloatArray],
    ) -> None:
        last_same_weekday = origins - ((origins - targets) % 7)
        seen = last_same_weekday >= 0
        last_safe = np.maximum(last_same_weekday, 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            weekday_mean = self.weekday.mean(rows, last_safe, 8)
            cols["weekday_ratio"] = np.where(seen, weekday_mean / self.sums.mean(rows, origins, 56), np.nan)
            year_ago = np.minimum(targets - YEAR + 3, origins)
            last_year = self.sums.mean(rows, year_ago, 7)
            last_year_origin = self.sums.mean(rows, origins - YEAR, 28)
            cols["last_year_move"] = last_year / last_year_origin
        cols["price_ratio"], cols["promo"] = self._price_columns(rows, origins, targets)

    def _price_columns(
        self, rows: IntArray, origins: IntArray, targets: IntArray
    ) -> tuple[FloatArray, FloatArray]:
        """The target day's planned price against the trailing 28-day mean price, and its promotion flag."""
        price, promo = self.panel.price, self.panel.promo
        if price is None:
            price_ratio = np.ones(len(rows))
        else:
            assert self.price_sums is not None
            lo = np.maximum(origins - 27, 0)
            reference = (self.price_sums[rows, origins + 1] - self.price_sums[rows, lo]) / (origins + 1 - lo)
            planned = price[rows, np.minimum(targets, price.shape[1] - 1)]
            # past the planned prices, the price at the origin holds
            planned = np.where(targets < price.shape[1], planned, price[rows, origins])
            with np.errstate(invalid="ignore", divide="ignore"):
                price_ratio = planned / reference
        if promo is None:
            promo_flag = np.zeros(len(rows))
        else:
            inside = targets < promo.shape[1]
            promo_flag = np.where(inside, promo[rows, np.minimum(targets, promo.shape[1] - 1)], False)
        return price_ratio, promo_flag.astype(np.float64)


def _prefix_sums(values: FloatArray) -> FloatArray:
    out: FloatArray = np.concatenate([np.zeros((len(values), 1)), np.cumsum(values, axis=1)], axis=1)
    return out
