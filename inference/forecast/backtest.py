"""Rolling-origin backtests: refit at each origin, forecast the next days, score against what happened.

At every origin the forecaster sees the panel truncated to that day and nothing later; the scores compare
its forecast with the demand of the following `horizon` days (stockout days left out, see metrics). MASE
scales come from the history up to each origin, so a backtest never reads past its own origin either.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from inference.forecast.metrics import SeriesScores, mase_scale, score
from inference.forecast.panel import FloatArray, SalesPanel


class Forecaster(Protocol):
    name: str

    def fit(self, panel: SalesPanel, origin: int, horizon: int) -> Forecaster: ...

    def predict(self, panel: SalesPanel, origin: int, horizon: int) -> FloatArray: ...


@dataclass(frozen=True)
class OriginResult:
    origin: int
    forecast: FloatArray  # (series, horizon)
    actual: FloatArray  # (series, horizon), NaN where unobserved or past the data
    scale: FloatArray  # (series,) in-sample seasonal-naive MAE up to the origin


@dataclass(frozen=True)
class BacktestReport:
    name: str
    origins: list[OriginResult]
    scores: SeriesScores  # per series over all origins, and overall


def actuals_after(panel: SalesPanel, origin: int, horizon: int) -> FloatArray:
    """Observed demand on the `horizon` days after `origin` (censoring-aware), NaN-padded past the data."""
    demand = panel.demand_view(censoring_aware=True)
    out = np.full((panel.n_series, horizon), np.nan)
    stop = min(panel.n_days, origin + 1 + horizon)
    out[:, : stop - origin - 1] = demand[:, origin + 1 : stop]
    return out


def history_scale(panel: SalesPanel, origin: int, season: int = 7) -> FloatArray:
    return mase_scale(panel.demand_view(censoring_aware=True)[:, : origin + 1], season)


def run_origin(forecaster: Forecaster, panel: SalesPanel, origin: int, horizon: int) -> OriginResult:
    forecaster.fit(panel, origin, horizon)
    return OriginResult(
        origin=origin,
        forecast=forecaster.predict(panel, origin, horizon),
        actual=actuals_after(panel, origin, horizon),
        scale=history_scale(panel, origin),
    )


def combine(results: Sequence[OriginResult]) -> SeriesScores:
    """Scores over several origins: each origin's errors divided by that origin's MASE scale."""
    if len(results) == 1:
        r = results[0]
        return score(r.forecast, r.actual, r.scale)
    # rescale every origin to a common scale of 1 so one `score` call pools them
    with np.errstate(invalid="ignore", divide="ignore"):
        forecasts = [r.forecast / r.scale[:, None] for r in results]
        actuals = [r.actual / r.scale[:, None] for r in results]
    ones = np.ones(len(results[0].scale))
    scaled = score(np.concatenate(forecasts, axis=1), np.concatenate(actuals, axis=1), ones)
    raw = score(
        np.concatenate([r.forecast for r in results], axis=1),
        np.concatenate([r.actual for r in results], axis=1),
        ones,
    )
    return SeriesScores(
        mase=scaled.mase,
        wape=raw.wape,
        bias=raw.bias,
        overall_mase=scaled.overall_mase,
        overall_wape=raw.overall_wape,
        overall_bias=raw.overall_bias,
        n_scored=scaled.n_scored,
    )


def rolling_origin_backtest(
    make_forecaster: Callable[[], Forecaster], panel: SalesPanel, origins: Sequence[int], horizon: int
) -> BacktestReport:
    """Fit a fresh forecaster at each origin and score its `horizon`-day forecast."""
    if not origins:
        raise ValueError("a backtest needs at least one origin")
    results = []
    name = ""
    for origin in origins:
        forecaster = make_forecaster()
        name = forecaster.name
        results.append(run_origin(forecaster, panel, origin, horizon))
    return BacktestReport(name=name, origins=results, scores=combine(results))


def spaced_origins(last_origin: int, horizon: int, count: int, step: int | None = None) -> list[int]:
    """`count` origins ending `horizon` days before `last_origin`, `step` days apart (default: horizon)."""
    step = step or horizon
    first = last_origin - horizon - step * (count - 1)
    return [first + i * step for i in range(count) if first + i * step > 0]
