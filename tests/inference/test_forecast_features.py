"""Feature building: window arithmetic, Korean holidays, and no leakage across the forecast origin."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from inference.forecast.calendar import DayCalendar
from inference.forecast.features import FEATURE_NAMES, FeatureBuilder
from inference.forecast.panel import DailyRecord, SalesPanel, SeriesKey, fill_forward, panel_from_records
from inference.forecast.synthetic import SyntheticSpec, generate
from inference.forecast.windows import WeekdaySums, WindowSums


def test_window_means_skip_gaps_and_clip_at_the_start() -> None:
    values = np.array([[1.0, 2.0, np.nan, 4.0, 5.0, 6.0]])
    sums = WindowSums(values)
    rows = np.zeros(3, dtype=np.int64)
    means = sums.mean(rows, np.array([3, 5, 1]), 3)
    # days 1..3 = 2, nan, 4 -> 3.0; days 3..5 -> 5.0; days -1..1 clipped to 0..1 -> 1.5
    assert means == pytest.approx([3.0, 5.0, 1.5])
    assert np.isnan(sums.mean(np.zeros(1, dtype=np.int64), np.array([2]), 1))[0]


def test_weekday_means_step_by_seven_days() -> None:
    values = np.arange(30, dtype=np.float64)[None, :]
    values[0, 15] = np.nan
    sums = WeekdaySums(values)
    row = np.zeros(1, dtype=np.int64)
    assert sums.mean(row, np.array([22]), 3)[0] == pytest.approx((22 + 8) / 2)  # day 15 is a gap
    assert sums.mean(row, np.array([20]), 2)[0] == pytest.approx((20 + 13) / 2)
    assert sums.mean(row, np.array([3]), 4)[0] == pytest.approx(3.0)  # older weeks lie before the data


def test_korean_holidays_come_from_the_holidays_package() -> None:
    start = date(2024, 9, 1)
    feats = DayCalendar(start, 40).features()
    chuseok = (date(2024, 9, 17) - start).days
    assert feats["holiday"][chuseok] == 1.0
    assert feats["holiday"][chuseok - 1] == 1.0  # the day before Chuseok is a holiday too
    assert feats["long_holiday"][chuseok] == 1.0
    assert feats["days_to_holiday"][chuseok - 2] == 1.0
    assert feats["dow"][0] == 6.0  # 2024-09-01 was a Sunday
    hangul = (date(2024, 10, 9) - start).days
    assert feats["holiday"][hangul] == 1.0
    assert feats["holiday"][hangul + 1] == 0.0


def test_features_do_not_read_past_the_origin() -> None:
    data = generate(SyntheticSpec(n_stores=2, n_products=6, n_days=500, seed=3))
    panel = data.panel
    origin = 420
    rng = np.random.default_rng(0)
    tampered = SalesPanel(
        start=panel.start,
        keys=panel.keys,
        quantity=panel.quantity.copy(),
        stockout=panel.stockout.copy(),
        first_day=panel.first_day,
        price=panel.price,
        promo=panel.promo,
    )
    tampered.quantity[:, origin + 1 :] = rng.integers(0, 1000, tampered.quantity[:, origin + 1 :].shape)
    tampered.stockout[:, origin + 1 :] = rng.random(tampered.stockout[:, origin + 1 :].shape) < 0.5
    n = panel.n_series
    rows = np.repeat(np.arange(n, dtype=np.int64), 60)
    steps = np.tile(np.arange(1, 61, dtype=np.int64), n)
    origins = np.full(len(rows), origin, dtype=np.int64)
    clean, clean_scale = FeatureBuilder(panel).build(rows, origins, steps)
    dirty, dirty_scale = FeatureBuilder(tampered).build(rows, origins, steps)
    np.testing.assert_array_equal(clean_scale, dirty_scale)
    np.testing.assert_array_equal(np.isnan(clean), np.isnan(dirty))
    np.testing.assert_array_equal(np.nan_to_num(clean), np.nan_to_num(dirty))
    assert clean.shape == (len(rows), len(FEATURE_NAMES))


def test_stockout_days_are_gaps_in_the_demand_view() -> None:
    quantity = np.array([[5.0, 0.0, 0.0, 6.0]])
    stockout = np.array([[False, True, False, False]])
    panel = SalesPanel(
        start=date(2024, 1, 1),
        keys=[SeriesKey(1, 1)],
        quantity=quantity,
        stockout=stockout,
        first_day=np.array([0]),
    )
    aware = panel.demand_view(censoring_aware=True)
    naive = panel.demand_view(censoring_aware=False)
    assert np.isnan(aware[0, 1]) and aware[0, 2] == 0.0  # a zero on a stocked day is real zero demand
    assert naive[0, 1] == 0.0


def test_scale_of_a_new_series_leans_on_its_product_elsewhere() -> None:
    n_days = 200
    quantity = np.full((3, n_days), 10.0)
    quantity[2, :] = 0.0
    quantity[2, -3:] = [9.0, 11.0, 10.0]  # the product just launched in store 3
    panel = SalesPanel(
        start=date(2024, 1, 1),
        keys=[SeriesKey(1, 7), SeriesKey(2, 7), SeriesKey(3, 7)],
        quantity=quantity,
        stockout=np.zeros_like(quantity, dtype=bool),
        first_day=np.array([0, 0, n_days - 3]),
    )
    builder = FeatureBuilder(panel)
    scale = builder.scale(np.array([2]), np.array([n_days - 1]))
    assert scale[0] == pytest.approx(10.0, rel=0.05)
    age = builder.build(np.array([2]), np.array([n_days - 1]), np.array([1]))[0][
        0, FEATURE_NAMES.index("age")
    ]
    assert age == 3.0


def test_panel_from_sparse_records() -> None:
    start = date(2024, 3, 1)
    records = [
        DailyRecord(1, 10, start, 4.0, price=1000.0),
        DailyRecord(1, 10, start + timedelta(days=2), 0.0, stockout=True),
        DailyRecord(2, 10, start + timedelta(days=3), 2.0, price=900.0, promo=True),
    ]
    panel = panel_from_records(records, end=start + timedelta(days=4))
    assert panel.keys == [SeriesKey(1, 10), SeriesKey(2, 10)]
    np.testing.assert_array_equal(panel.quantity, [[4, 0, 0, 0, 0], [0, 0, 0, 2, 0]])
    assert panel.stockout[0, 2] and not panel.stockout[1].any()
    assert list(panel.first_day) == [0, 3]
    assert panel.price is not None and panel.promo is not None
    np.testing.assert_array_equal(panel.price[1], [900.0] * 5)  # back-filled, then carried forward
    assert panel.promo[1, 3]


def test_fill_forward() -> None:
    values = np.array([[np.nan, 2.0, np.nan, 3.0], [np.nan, np.nan, np.nan, np.nan]])
    out = fill_forward(values)
    np.testing.assert_array_equal(out[0], [2.0, 2.0, 2.0, 3.0])
    assert np.isnan(out[1]).all()
