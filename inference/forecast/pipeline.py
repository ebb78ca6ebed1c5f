"""The forecast run: backtest every candidate, choose per series, attach intervals, forecast from the origin.

1. Backtest at origin - horizon: the global model (fitted once for all series) and the baselines forecast
   the last `horizon` known days from what was known before them.
2. Each series keeps the global model unless a baseline's backtest MASE is clearly lower (by
   `selection_margin`): on a 28- or 90-day backtest a small difference is noise, not evidence.
3. The chosen forecaster's backtest residuals give the series' dispersion, hence its intervals.
4. The forecasters forecast `horizon` days from the origin; the global model is refitted on all the data
   (alongside the backtest, on the second core) unless `refit` is off, when its backtest fit serves.

A series too young for a backtest keeps the global model (which leans on its cross-sectional prior) and
the pooled dispersion. With too little history for any backtest, everything falls back to the moving
average with a conservative dispersion.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from inference.forecast.backtest import Forecaster, OriginResult, run_origin
from inference.forecast.baselines import MovingAverage, SeasonalNaive
from inference.forecast.intervals import Dispersion, fit_dispersion, fit_level_dispersion, quantile
from inference.forecast.metrics import SeriesScores, score
from inference.forecast.model import GlobalDemandModel, ModelSettings
from inference.forecast.panel import FloatArray, SalesPanel, SeriesKey

QUANTILE_LEVELS = (0.025, 0.1, 0.9, 0.975)
MIN_BACKTEST_DAYS = 7
MIN_TRAINING_DAYS = 56
FALLBACK_DISPERSION = 0.5  # no backtest at all: assume a noisy forecast rather than a Poisson-clean one


@dataclass(frozen=True)
class PipelineSettings:
    horizon: int = 28
    model: ModelSettings = field(default_factory=ModelSettings)
    censoring_aware: bool = True
    refit: bool = True
    selection_margin: float = 0.1


@dataclass
class ForecastRun:
    """Forecasts for every series of a panel from one origin; arrays are (series, horizon)."""

    keys: list[SeriesKey]
    origin: int
    horizon: int
    mean: FloatArray
    quantiles: dict[float, FloatArray]
    chosen: list[str]
    dispersion: FloatArray  # per series alpha: daily variance = mean + alpha * mean^2
    level_dispersion: float  # kappa: the part of alpha shared by all days of a series (see intervals)
    backtest_days: int
    backtest: dict[str, SeriesScores]  # every candidate's backtest
    chosen_backtest: SeriesScores | None  # each series scored with its chosen forecaster
    timings: dict[str, float]


def _candidates(settings: PipelineSettings) -> dict[str, Forecaster]:
    aware = settings.censoring_aware
    return {
        GlobalDemandModel.name: GlobalDemandModel(settings.model, censoring_aware=aware),
        SeasonalNaive.name: SeasonalNaive(censoring_aware=aware),
        MovingAverage.name: MovingAverage(censoring_aware=aware),
    }


def choose(scores: dict[str, SeriesScores], margin: float) -> list[str]:
    """Per series: the global model unless a baseline's MASE beats it by more than `margin` (without a
    global model, the moving average under the same rule)."""
    main = GlobalDemandModel.name if GlobalDemandModel.name in scores else MovingAverage.name
    n = len(scores[main].mase)
    chosen = [main] * n
    best = np.where(np.isfinite(scores[main].mase), scores[main].mase, np.inf)
    for name, s in scores.items():
        if name == main:
            continue
        better = np.isfinite(s.mase) & (s.mase < best * (1.0 - margin))
        for i in np.flatnonzero(better):
            chosen[i] = name
        best = np.where(better, s.mase / (1.0 - margin), best)
    return chosen


def forecast_panel(panel: SalesPanel, settings: PipelineSettings, origin: int | None = None) -> ForecastRun:
    """Run the whole pipeline for every series of `panel`, forecasting from `origin` (default: last day)."""
    origin = panel.last_origin if origin is None else origin
    horizon = settings.horizon
    timings: dict[str, float] = {}
    started = time.perf_counter()
    candidates = _candidates(settings)
    backtest_days = min(horizon, max(0, origin + 1 - MIN_TRAINING_DAYS))
    can_backtest = backtest_days >= MIN_BACKTEST_DAYS
    # the final fit does not depend on the backtest: fit both at once, one core each (two single-threaded
    # fits side by side use two cores without OpenMP's barrier waits, which cost dearly on a busy machine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        final_fit = None
        if can_backtest and settings.refit:
            final_model = GlobalDemandModel(settings.model, censoring_aware=settings.censoring_aware)
            final_fit = pool.submit(_fit_or_none, final_model, panel, origin, horizon)
        results = _backtest(candidates, panel, origin, backtest_days, horizon) if can_backtest else {}
        refitted = final_fit.result() if final_fit is not None else None
    timings["fit_s"] = time.perf_counter() - started
    scores = {name: score(r.forecast, r.actual, r.scale) for name, r in results.items()}
    chosen_backtest = None
    if results:
        chosen = choose(scores, settings.selection_margin)
        dispersions = {name: fit_dispersion(r.forecast, r.actual) for name, r in results.items()}
        alpha = _chosen_alpha(chosen, dispersions)
        picked = np.stack([results[name].forecast[i] for i, name in enumerate(chosen)])
        first = next(iter(results.values()))
        chosen_backtest = score(picked, first.actual, first.scale)
        level = fit_level_dispersion(picked, first.actual)
    else:
        chosen = [MovingAverage.name] * panel.n_series
        alpha = np.full(panel.n_series, FALLBACK_DISPERSION)
        level = FALLBACK_DISPERSION
    predict_started = time.perf_counter()
    mean = np.zeros((panel.n_series, horizon))
    for name in sorted(set(chosen)):
        # the global model: refitted on everything, else its backtest fit; the baselines need no fit
        forecaster = refitted if name == GlobalDemandModel.name and refitted is not None else candidates[name]
        rows = np.array([i for i, c in enumerate(chosen) if c == name])
        mean[rows] = np.maximum(forecaster.predict(panel, origin, horizon)[rows], 0.0)
    quantiles = {level: quantile(level, mean, alpha) for level in QUANTILE_LEVELS}
    timings["predict_s"] = time.perf_counter() - predict_started
    timings["total_s"] = time.perf_counter() - started
    return ForecastRun(
        keys=panel.keys,
        origin=origin,
        horizon=horizon,
        mean=mean,
        quantiles=quantiles,
        chosen=chosen,
        dispersion=alpha,
        level_dispersion=level,
        backtest_days=backtest_days if results else 0,
        backtest=scores,
        chosen_backtest=chosen_backtest,
        timings=timings,
    )


def _fit_or_none(
    model: GlobalDemandModel, panel: SalesPanel, origin: int, horizon: int
) -> GlobalDemandModel | None:
    try:
        return model.fit(panel, origin, horizon)
    except ValueError:  # nothing observed to learn from
        return None


def _backtest(
    candidates: dict[str, Forecaster], panel: SalesPanel, origin: int, days: int, horizon: int
) -> dict[str, OriginResult]:
    """Each candidate forecasts the last `days` known days from what was known before them; a candidate
    that cannot fit (the global model with no observed demand yet) drops out."""
    results = {}
    for name, forecaster in list(candidates.items()):
        try:
            result = run_origin(forecaster, panel, origin - days, horizon)
        except ValueError:
            del candidates[name]
            continue
        results[name] = _clip_to(result, days)
    return results


def _clip_to(result: OriginResult, days: int) -> OriginResult:
    return OriginResult(
        origin=result.origin,
        forecast=result.forecast[:, :days],
        actual=result.actual[:, :days],
        scale=result.scale,
    )


def _chosen_alpha(chosen: list[str], dispersions: dict[str, Dispersion]) -> FloatArray:
    return np.array([dispersions[name].alpha[i] for i, name in enumerate(chosen)])
