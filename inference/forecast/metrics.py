"""Forecast accuracy: MASE, WAPE, bias and interval coverage, per series and overall.

Errors are counted on observed days only: a stockout day's sales are a lower bound of demand, not demand,
so scoring a forecast against them would reward forecasting the empty shelf.

- MASE: mean absolute error over the in-sample mean absolute error of the seasonal naive (m = 7), computed
  on the history up to the origin. Overall MASE is the mean of the per-series values.
- WAPE: sum |error| / sum actual. Bias: sum (forecast - actual) / sum actual (positive = over-forecast).
- Coverage: the share of observed days whose actual lies within [lower, upper].
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from inference.forecast.panel import BoolArray, FloatArray


def mase_scale(history: FloatArray, season: int = 7) -> FloatArray:
    """Per series in-sample mean |y_t - y_(t-season)| over pairs where both days are observed (NaN = gap)."""
    diffs = np.abs(history[:, season:] - history[:, :-season])
    observed = np.isfinite(diffs)
    count = observed.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out: FloatArray = np.where(
            count > 0, np.where(observed, diffs, 0.0).sum(axis=1) / np.maximum(count, 1), np.nan
        )
    return out


@dataclass(frozen=True)
class SeriesScores:
    """Per-series arrays (NaN where a series had nothing to score) and overall figures."""

    mase: FloatArray
    wape: FloatArray
    bias: FloatArray
    overall_mase: float
    overall_wape: float
    overall_bias: float
    n_scored: int


def _ratio(num: FloatArray, den: FloatArray) -> FloatArray:
    with np.errstate(invalid="ignore", divide="ignore"):
        out: FloatArray = np.where(den > 0, num / den, np.nan)
    return out


def score(forecast: FloatArray, actual: FloatArray, scale: FloatArray) -> SeriesScores:
    """Score (series, horizon) forecasts against actuals (NaN = unobserved day) with MASE scales."""
    observed = np.isfinite(actual) & np.isfinite(forecast)
    error = np.where(observed, forecast - np.where(observed, actual, 0.0), 0.0)
    y = np.where(observed, actual, 0.0)
    n_obs = observed.sum(axis=1)
    abs_err = np.abs(error).sum(axis=1)
    usable = (n_obs > 0) & np.isfinite(scale) & (scale > 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mase = np.where(usable, abs_err / np.maximum(n_obs, 1) / scale, np.nan)
    wape = _ratio(abs_err, y.sum(axis=1))
    bias = _ratio(error.sum(axis=1), y.sum(axis=1))
    total = float(y.sum())
    return SeriesScores(
        mase=mase,
        wape=wape,
        bias=bias,
        overall_mase=float(np.nanmean(mase)) if usable.any() else float("nan"),
        overall_wape=float(np.abs(error).sum() / total) if total > 0 else float("nan"),
        overall_bias=float(error.sum() / total) if total > 0 else float("nan"),
        n_scored=int(usable.sum()),
    )


def coverage(actual: FloatArray, lower: FloatArray, upper: FloatArray) -> float:
    """Share of observed (finite) actuals inside [lower, upper]."""
    observed = np.isfinite(actual)
    inside: BoolArray = (actual >= lower) & (actual <= upper) & observed
    n = int(observed.sum())
    return float(inside.sum() / n) if n else float("nan")
