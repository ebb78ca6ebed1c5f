"""The comparison forecasters of forecast_bench.py, each timed and with 80 % / 95 % intervals.

- baselines (seasonal naive, moving average): intervals from a negative binomial whose dispersion is
  fitted on one backtest of the same length before the cutoff, as our pipeline does;
- harmonic regression: per series least squares on log(1 + y) with a linear trend, weekday dummies and
  three yearly harmonics (an MSTL-like decomposition in closed form), normal intervals on the log scale
  from its residuals; the statistical model that always runs here;
- statsforecast's AutoETS and MSTL [7, 365], when statsforecast is importable (it is not a dependency of
  the product: install it in a separate environment to run them).
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from statistics import NormalDist

import numpy as np

from inference.forecast.backtest import Forecaster, actuals_after
from inference.forecast.intervals import fit_dispersion, interval
from inference.forecast.panel import FloatArray, SalesPanel, SeriesKey


@dataclass
class Forecast:
    name: str
    mean: FloatArray
    bounds: dict[float, tuple[FloatArray, FloatArray]]  # coverage -> (lower, upper)
    wall_s: float
    cpu_s: float
    dispersion: FloatArray | None = None  # ours: per series alpha, for the replenishment check
    level_dispersion: float = 0.0


def timed(
    name: str, run: Callable[[], tuple[FloatArray, dict[float, tuple[FloatArray, FloatArray]]]]
) -> Forecast:
    wall, cpu = time.perf_counter(), _cpu_seconds()
    mean, bounds = run()
    return Forecast(name, mean, bounds, time.perf_counter() - wall, _cpu_seconds() - cpu)


def _cpu_seconds() -> float:
    """This process's CPU time (all threads) plus that of its finished children (statsforecast's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def load_store_item_demand(path: Path) -> SalesPanel:
    """The Kaggle train.csv (date,store,item,sales) as a 500-series panel, store-major."""
    raw = np.loadtxt(path, delimiter=",", skiprows=1, dtype=str)
    days = raw[:, 0].astype("datetime64[D]")
    store, item, sales = raw[:, 1].astype(int), raw[:, 2].astype(int), raw[:, 3].astype(float)
    first = days.min()
    day_index = (days - first).astype(int)
    n_items = int(item.max())
    series = (store - 1) * n_items + (item - 1)
    quantity = np.zeros((int(series.max()) + 1, int(day_index.max()) + 1))
    quantity[series, day_index] = sales
    keys = [SeriesKey(s + 1, i + 1) for s in range(int(store.max())) for i in range(n_items)]
    return SalesPanel(
        start=date.fromisoformat(str(first)),
        keys=keys,
        quantity=quantity,
        stockout=np.zeros_like(quantity, dtype=bool),
        first_day=np.zeros(len(keys), dtype=np.int64),
    )


def baseline(forecaster: Forecaster, panel: SalesPanel, cutoff: int, horizon: int) -> Forecast:
    def run() -> tuple[FloatArray, dict[float, tuple[FloatArray, FloatArray]]]:
        back = forecaster.predict(panel, cutoff - horizon, horizon)
        alpha = fit_dispersion(back, actuals_after(panel, cutoff - horizon, horizon)).alpha
        mean = forecaster.predict(panel, cutoff, horizon)
        return mean, {c: interval(mean, alpha, c) for c in (0.8, 0.95)}

    return timed(forecaster.name.replace("_", " "), run)


def harmonic_regression(panel: SalesPanel, cutoff: int, horizon: int, history: int = 3 * 364) -> Forecast:
    def design(days: np.ndarray) -> FloatArray:
        weekday = np.array([(panel.start.toordinal() + int(d)) % 7 for d in days])
        cols = [np.ones(len(days)), days / 365.25]
        cols += [(weekday == w).astype(float) for w in range(1, 7)]
        for k in (1, 2, 3):
            angle = 2 * np.pi * k * days / 365.25
            cols += [np.sin(angle), np.cos(angle)]
        return np.column_stack(cols)

    def run() -> tuple[FloatArray, dict[float, tuple[FloatArray, FloatArray]]]:
        first = max(0, cutoff + 1 - history)
        past = np.arange(first, cutoff + 1)
        demand = panel.demand_view()[:, first : cutoff + 1]
        target = np.log1p(np.where(np.isfinite(demand), demand, 0.0))
        x_past = design(past)
        if np.isfinite(demand).all():
            coef = np.linalg.lstsq(x_past, target.T, rcond=None)[0]
        else:  # gaps differ per series: one small fit each
            coef = np.column_stack(
                [
                    np.linalg.lstsq(x_past[ok], row[ok], rcond=None)[0]
                    for row, ok in zip(target, np.isfinite(demand), strict=True)
                ]
            )
        resid = target - (x_past @ coef).T
        sigma = np.sqrt(np.nanmean(resid**2, axis=1))[:, None]
        log_mean = (design(np.arange(cutoff + 1, cutoff + 1 + horizon)) @ coef).T
        mean = np.expm1(log_mean + sigma**2 / 2)
        bounds = {}
        for c in (0.8, 0.95):
            z = NormalDist().inv_cdf(0.5 + c / 2)
            bounds[c] = (np.maximum(np.expm1(log_mean - z * sigma), 0.0), np.expm1(log_mean + z * sigma))
        return mean, bounds

    return timed("harmonic regression", run)


def statsforecast_models(panel: SalesPanel, cutoff: int, horizon: int, n_jobs: int = 2) -> list[Forecast]:
    """AutoETS and MSTL [7, 365] from statsforecast, or [] when it is not installed."""
    try:
        import pandas as pd
        from statsforecast import StatsForecast
        from statsforecast.models import MSTL, AutoETS
    except ImportError:
        return []
    n, _ = panel.quantity.shape
    days = np.arange(cutoff + 1)
    frame = pd.DataFrame(
        {
            "unique_id": np.repeat(np.arange(n), len(days)),
            "ds": np.tile(np.datetime64(panel.start) + days, n),
            "y": panel.quantity[:, : cutoff + 1].reshape(-1),
        }
    )
    out = []
    for name, model in (
        ("AutoETS (statsforecast)", AutoETS(season_length=7)),
        (
            "MSTL [7, 365] (statsforecast)",
            MSTL(season_length=[7, 365], trend_forecaster=AutoETS(model="ZZN")),
        ),
    ):

        def run(model: object = model) -> tuple[FloatArray, dict[float, tuple[FloatArray, FloatArray]]]:
            sf = StatsForecast(models=[model], freq="D", n_jobs=n_jobs)
            fc = sf.forecast(df=frame, h=horizon, level=[80, 95]).sort_values(["unique_id", "ds"])
            column = [
                c for c in fc.columns if c not in ("unique_id", "ds") and "-lo-" not in c and "-hi-" not in c
            ]
            base = column[0]
            shape = (n, horizon)

            def values(col: str) -> FloatArray:
                arr: FloatArray = fc[col].to_numpy(dtype=float).reshape(shape)
                return arr

            bounds = {
                c: (values(f"{base}-lo-{int(c * 100)}"), values(f"{base}-hi-{int(c * 100)}"))
                for c in (0.8, 0.95)
            }
            return np.maximum(values(base), 0.0), bounds

        out.append(timed(name, run))
    return out
