"""The global model and the pipeline: no leakage, stockouts, intermittent and new products, intervals."""

from __future__ import annotations

import numpy as np
import pytest

from inference.forecast.baselines import MovingAverage, SeasonalNaive
from inference.forecast.intervals import fit_dispersion, interval, quantile
from inference.forecast.metrics import SeriesScores, coverage, mase_scale, score
from inference.forecast.model import GlobalDemandModel, ModelSettings
from inference.forecast.panel import SalesPanel
from inference.forecast.pipeline import PipelineSettings, choose, forecast_panel
from inference.forecast.synthetic import SyntheticSales, SyntheticSpec, generate

FAST = ModelSettings(max_iter=80, rows_per_series=300)
HORIZON = 28


@pytest.fixture(scope="module")
def shop() -> SyntheticSales:
    spec = SyntheticSpec(
        n_stores=3,
        n_products=16,
        n_days=2 * 364 + 28,
        stockout_start_rate=0.05,
        mean_stockout_days=5,
        seed=11,
    )
    return generate(spec)


def cutoff(data: SyntheticSales) -> int:
    return data.panel.last_origin - HORIZON


def test_model_ignores_everything_after_the_origin(shop: SyntheticSales) -> None:
    panel, origin = shop.panel, cutoff(shop)
    tampered = SalesPanel(
        start=panel.start,
        keys=panel.keys,
        quantity=panel.quantity.copy(),
        stockout=panel.stockout.copy(),
        first_day=panel.first_day,
        price=panel.price,
        promo=panel.promo,
    )
    tampered.quantity[:, origin + 1 :] *= 50
    tampered.stockout[:, origin + 1 :] = ~tampered.stockout[:, origin + 1 :]
    clean = GlobalDemandModel(FAST).fit(panel, origin, HORIZON).predict(panel, origin, HORIZON)
    dirty = GlobalDemandModel(FAST).fit(tampered, origin, HORIZON).predict(tampered, origin, HORIZON)
    np.testing.assert_array_equal(clean, dirty)


def test_global_model_beats_the_baselines(shop: SyntheticSales) -> None:
    panel, origin = shop.panel, cutoff(shop)
    actual = shop.demand[:, origin + 1 :]
    scale = mase_scale(panel.demand_view()[:, : origin + 1])
    model = GlobalDemandModel(FAST).fit(panel, origin, HORIZON)
    ours = score(model.predict(panel, origin, HORIZON), actual, scale)
    for baseline in (SeasonalNaive(), MovingAverage()):
        theirs = score(baseline.predict(panel, origin, HORIZON), actual, scale)
        assert ours.overall_mase < theirs.overall_mase
        assert ours.overall_wape < theirs.overall_wape


def test_stockout_zeros_do_not_teach_zero_demand(shop: SyntheticSales) -> None:
    """Scored against what customers wanted: the censoring-aware model is unbiased, the naive one is low."""
    panel, origin = shop.panel, cutoff(shop)
    assert panel.stockout[:, : origin + 1].mean() > 0.1  # the shelves really were empty often
    actual = shop.demand[:, origin + 1 :]
    scale = mase_scale(panel.demand_view()[:, : origin + 1])
    aware = GlobalDemandModel(FAST).fit(panel, origin, HORIZON).predict(panel, origin, HORIZON)
    naive = GlobalDemandModel(FAST, censoring_aware=False).fit(panel, origin, HORIZON)
    naive_forecast = naive.predict(panel, origin, HORIZON)
    aware_scores, naive_scores = score(aware, actual, scale), score(naive_forecast, actual, scale)
    assert abs(aware_scores.overall_bias) < 0.06
    assert naive_scores.overall_bias < -0.08
    assert aware_scores.overall_wape < naive_scores.overall_wape


def test_pipeline_intervals_cover_as_promised(shop: SyntheticSales) -> None:
    panel, origin = shop.panel, cutoff(shop)
    run = forecast_panel(panel.truncated(origin), PipelineSettings(horizon=HORIZON, model=FAST))
    actual = shop.demand[:, origin + 1 :]
    assert run.mean.shape == (panel.n_series, HORIZON)
    regular = ~shop.intermittent
    q = run.quantiles
    assert 0.75 <= coverage(actual[regular], q[0.1][regular], q[0.9][regular]) <= 0.86
    assert 0.92 <= coverage(actual[regular], q[0.025][regular], q[0.975][regular]) <= 0.98
    # counts of a slow seller are 0, 1 or 2: an integer interval cannot hold exactly 80 %, so it holds more
    assert coverage(actual, q[0.1], q[0.9]) >= 0.75
    assert coverage(actual, q[0.025], q[0.975]) >= 0.92
    assert (run.quantiles[0.025] <= run.quantiles[0.1]).all()
    assert (run.quantiles[0.1] <= run.quantiles[0.9]).all()
    assert (run.quantiles[0.9] <= run.quantiles[0.975]).all()
    assert run.chosen_backtest is not None and run.backtest_days == HORIZON


def test_new_and_intermittent_products_are_forecast_without_bias() -> None:
    spec = SyntheticSpec(n_stores=3, n_products=24, n_days=2 * 364, new_product_share=0.3, seed=5)
    data = generate(spec)
    panel, origin = data.panel, data.panel.last_origin - HORIZON
    forecast = GlobalDemandModel(FAST).fit(panel, origin, HORIZON).predict(panel, origin, HORIZON)
    expected = data.expected[:, origin + 1 :]
    new = data.new_product
    assert new.sum() >= 9 and (panel.first_day[new] > origin - 160).all()  # weeks to months of history
    for segment in (new, data.intermittent & ~new):
        ratio = forecast[segment].sum() / np.nansum(expected[segment])
        assert 0.8 < ratio < 1.25
    assert (forecast[new].sum(axis=1) > 0).all()


def test_too_little_history_falls_back_to_the_moving_average() -> None:
    data = generate(SyntheticSpec(n_stores=2, n_products=4, n_days=40, new_product_share=0.0, seed=2))
    run = forecast_panel(data.panel, PipelineSettings(horizon=14, model=FAST))
    assert set(run.chosen) == {MovingAverage.name}
    assert run.backtest_days == 0 and run.chosen_backtest is None
    assert (run.quantiles[0.975] >= run.quantiles[0.9]).all()


def _scores(mase: list[float]) -> SeriesScores:
    arr = np.array(mase)
    return SeriesScores(arr, arr, arr, float(np.nanmean(arr)), 0.0, 0.0, len(arr))


def test_choice_per_series_needs_a_clear_margin() -> None:
    scores = {
        "global": _scores([1.0, 1.0, np.nan, 1.0]),
        "seasonal_naive": _scores([0.95, 0.5, 0.7, 0.85]),
        "moving_average": _scores([0.99, 0.8, np.nan, 0.80]),
    }
    assert choose(scores, margin=0.1) == ["global", "seasonal_naive", "seasonal_naive", "moving_average"]


def test_dispersion_is_recovered_from_residuals() -> None:
    rng = np.random.default_rng(5)
    mean = rng.uniform(2.0, 30.0, (200, 90))
    alpha = 0.2
    y = rng.poisson(rng.gamma(1 / alpha, alpha * mean)).astype(float)
    fitted = fit_dispersion(mean, y)
    assert fitted.pooled == pytest.approx(alpha, abs=0.03)
    lower, upper = interval(mean, fitted.alpha, 0.8)
    assert 0.77 <= coverage(y, lower, upper) <= 0.83
    lower95, upper95 = interval(mean, fitted.alpha, 0.95)
    assert 0.935 <= coverage(y, lower95, upper95) <= 0.965


def test_quantiles_of_small_counts() -> None:
    mean = np.array([[0.1, 3.0]])
    poisson = np.zeros(1)
    assert quantile(0.1, mean, poisson)[0, 0] == 0.0
    assert quantile(0.975, mean, poisson)[0, 0] == 1.0  # P(Y > 1) = 0.005 beats P(Y > 0) = 0.095
    assert quantile(0.9, mean, poisson)[0, 1] >= 5.0
