"""Baselines, accuracy metrics and rolling-origin backtests, on hand-checked numbers."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

import numpy as np
import pytest

from inference.forecast.backtest import rolling_origin_backtest, spaced_origins
from inference.forecast.baselines import MovingAverage, SeasonalNaive
from inference.forecast.metrics import coverage, mase_scale, score
from inference.forecast.panel import FloatArray, SalesPanel, SeriesKey


def make_panel(quantity: FloatArray | list[list[float]], stockout: np.ndarray | None = None) -> SalesPanel:
    quantity = np.atleast_2d(np.asarray(quantity, dtype=np.float64))
    return SalesPanel(
        start=date(2024, 1, 1),
        keys=[SeriesKey(1, i + 1) for i in range(len(quantity))],
        quantity=quantity,
        stockout=np.zeros_like(quantity, dtype=bool) if stockout is None else np.atleast_2d(stockout),
        first_day=np.zeros(len(quantity), dtype=np.int64),
    )


def test_seasonal_naive_repeats_the_last_week() -> None:
    week = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
    panel = make_panel([[9.0] * 7 + week])
    forecast = SeasonalNaive().predict(panel, panel.last_origin, 10)
    np.testing.assert_array_equal(forecast[0], week + week[:3])


def test_seasonal_naive_fills_a_stockout_from_earlier_weeks() -> None:
    q = np.array([[4.0, 1, 1, 1, 1, 1, 1, 6.0, 1, 1, 1, 1, 1, 1, 0.0, 1, 1, 1, 1, 1, 1]])
    stockout = np.zeros_like(q, dtype=bool)
    stockout[0, 14] = True  # the shelf was empty on the last Monday
    panel = make_panel(q, stockout)
    aware = SeasonalNaive().predict(panel, panel.last_origin, 7)
    naive = SeasonalNaive(censoring_aware=False).predict(panel, panel.last_origin, 7)
    assert aware[0, 0] == pytest.approx(5.0)  # the mean of the Mondays before: (4 + 6) / 2
    assert naive[0, 0] == 0.0


def test_moving_average_skips_stockout_days() -> None:
    q = np.array([[10.0] * 25 + [0.0, 0.0, 0.0]])
    stockout = np.zeros_like(q, dtype=bool)
    stockout[0, -3:] = True
    aware = MovingAverage(window=28).predict(make_panel(q, stockout), 27, 5)
    naive = MovingAverage(window=28, censoring_aware=False).predict(make_panel(q, stockout), 27, 5)
    np.testing.assert_allclose(aware, 10.0)
    np.testing.assert_allclose(naive, 250.0 / 28)


def test_moving_average_reads_only_up_to_the_origin() -> None:
    q = np.array([[2.0] * 30 + [100.0] * 10])
    assert MovingAverage(window=7).predict(make_panel(q), 29, 3)[0, 0] == pytest.approx(2.0)


def test_mase_wape_bias_by_hand() -> None:
    history = np.array([[1.0, 2, 3, 4, 5, 6, 7, 3, 2, 3, 4, 5, 6, 7]])
    scale = mase_scale(history)  # |3-1|, then zeros: mean of 7 diffs = 2 / 7
    assert scale[0] == pytest.approx(2 / 7)
    forecast = np.array([[4.0, 4.0, 4.0]])
    actual = np.array([[2.0, np.nan, 6.0]])  # the middle day was a stockout: not scored
    s = score(forecast, actual, scale)
    assert s.mase[0] == pytest.approx(((2 + 2) / 2) / (2 / 7))
    assert s.overall_wape == pytest.approx(4 / 8)
    assert s.overall_bias == pytest.approx(0.0)
    s2 = score(np.array([[3.0, 3.0]]), np.array([[2.0, 2.0]]), np.array([1.0]))
    assert s2.overall_bias == pytest.approx(0.5)  # over-forecast by half


def test_overall_mase_is_the_mean_over_series() -> None:
    forecast = np.array([[1.0, 1.0], [0.0, 0.0]])
    actual = np.array([[2.0, 2.0], [1.0, 3.0]])
    s = score(forecast, actual, np.array([1.0, 2.0]))
    np.testing.assert_allclose(s.mase, [1.0, 1.0])
    assert s.overall_mase == pytest.approx(1.0)
    assert s.n_scored == 2


def test_coverage_counts_observed_days_inside_the_interval() -> None:
    actual = np.array([[1.0, 5.0, np.nan, 3.0]])
    lower, upper = np.full((1, 4), 1.0), np.full((1, 4), 3.0)
    assert coverage(actual, lower, upper) == pytest.approx(2 / 3)


class SpyForecaster:
    """Records how much of the panel it was shown at each origin."""

    name = "spy"
    seen: ClassVar[list[tuple[int, int]]] = []

    def fit(self, panel: SalesPanel, origin: int, horizon: int) -> SpyForecaster:
        return self

    def predict(self, panel: SalesPanel, origin: int, horizon: int) -> FloatArray:
        visible = panel.truncated(origin)
        SpyForecaster.seen.append((origin, visible.n_days))
        return np.repeat(visible.quantity[:, -1:], horizon, axis=1)


def test_rolling_origin_backtest_refits_at_each_origin() -> None:
    q = np.tile(np.arange(1.0, 8.0), 10)[None, :]  # a clean weekly cycle, 70 days
    origins = spaced_origins(q.shape[1] - 1, horizon=7, count=3)
    assert origins == [48, 55, 62]
    SpyForecaster.seen = []
    report = rolling_origin_backtest(SpyForecaster, make_panel(q), origins, 7)
    assert SpyForecaster.seen == [(48, 49), (55, 56), (62, 63)]
    assert len(report.origins) == 3
    seasonal = rolling_origin_backtest(SeasonalNaive, make_panel(q), origins, 7)
    assert seasonal.scores.overall_wape == 0.0  # the seasonal naive is exact on a pure weekly cycle
    # ... and so is its in-sample error: MASE is undefined (NaN), not a division by zero
    assert np.isnan(seasonal.scores.overall_mase)
    assert report.scores.overall_wape > 0.0
