"""Baselines every forecast must beat: the seasonal naive and the moving average.

Both read demand, not raw sales: with `censoring_aware` a stockout day is a gap, so the seasonal naive
falls back to the mean of recent same weekdays and the moving average averages the days the shelf was
stocked. Neither needs fitting; `fit` exists so that all forecasters share one interface.
"""

from __future__ import annotations

import numpy as np

from inference.forecast.panel import FloatArray, SalesPanel


def _nanmean(values: FloatArray, axis: int) -> FloatArray:
    """Mean over observed values; NaN where there are none (new or long-empty series), without the
    warning np.nanmean gives (silencing it with catch_warnings is not thread-safe)."""
    observed = np.isfinite(values)
    count = observed.sum(axis=axis)
    total = np.where(observed, values, 0.0).sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: FloatArray = np.where(count > 0, total / np.maximum(count, 1), np.nan)
    return out


class SeasonalNaive:
    """Demand on day t is demand on the last observed day with t's weekday (season length m)."""

    name = "seasonal_naive"

    def __init__(self, season: int = 7, *, fallback_seasons: int = 4, censoring_aware: bool = True) -> None:
        self.season = season
        self.fallback_seasons = fallback_seasons
        self.censoring_aware = censoring_aware

    def fit(self, panel: SalesPanel, origin: int, horizon: int) -> SeasonalNaive:
        return self

    def predict(self, panel: SalesPanel, origin: int, horizon: int) -> FloatArray:
        m = self.season
        demand = panel.demand_view(censoring_aware=self.censoring_aware)[:, : origin + 1]
        width = m * self.fallback_seasons
        recent = np.full((panel.n_series, width), np.nan)
        take = min(width, demand.shape[1])
        recent[:, width - take :] = demand[:, demand.shape[1] - take :]
        last_season = recent[:, -m:]
        # a gap in the last season: the mean of the same phase in the seasons before it
        phase_mean = _nanmean(recent.reshape(panel.n_series, self.fallback_seasons, m), axis=1)
        season = np.where(np.isfinite(last_season), last_season, phase_mean)
        season = np.where(np.isfinite(season), season, _nanmean(recent, axis=1)[:, None])
        season = np.where(np.isfinite(season), season, 0.0)
        reps = -(-horizon // m)
        out: FloatArray = np.tile(season, (1, reps))[:, :horizon]
        return out


class MovingAverage:
    """Demand on every future day is the mean demand of the last `window` observed days."""

    name = "moving_average"

    def __init__(self, window: int = 28, *, censoring_aware: bool = True) -> None:
        self.window = window
        self.censoring_aware = censoring_aware

    def fit(self, panel: SalesPanel, origin: int, horizon: int) -> MovingAverage:
        return self

    def predict(self, panel: SalesPanel, origin: int, horizon: int) -> FloatArray:
        demand = panel.demand_view(censoring_aware=self.censoring_aware)[:, : origin + 1]
        level = _nanmean(demand[:, -self.window :], axis=1)
        # a series with no stocked day in the window: its longer history, else nothing to go on
        longer = _nanmean(demand[:, -4 * self.window :], axis=1)
        level = np.where(np.isfinite(level), level, longer)
        level = np.where(np.isfinite(level), level, 0.0)
        out: FloatArray = np.repeat(level[:, None], horizon, axis=1)
        return out
