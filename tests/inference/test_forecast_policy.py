"""Replenishment arithmetic on hand-checked cases, ABC/XYZ classes and purchase-order drafts."""

from __future__ import annotations

import csv
import io
import math
from datetime import date

import numpy as np
import pytest
from openpyxl import load_workbook

from inference.forecast.classify import abc_classes, weekly_cv, xyz_classes
from inference.forecast.policy import SupplyTerms, round_to_packs, service_z, suggest_order
from inference.forecast.purchase_order import PurchaseOrderLine, draft_csv, draft_xlsx

Z95 = 1.6448536269514722


def flat(value: float, days: int = 28) -> np.ndarray:
    return np.full(days, value)


def test_service_level_quantile() -> None:
    assert service_z(0.95) == pytest.approx(Z95)
    assert service_z(0.5) == pytest.approx(0.0)


def test_policy_by_hand_order_now() -> None:
    # 10 a day, Poisson (variance 10 a day); lead time 2, review every 7 days, 95 % service
    terms = SupplyTerms(lead_time_days=2, review_period_days=7, pack_size=12, min_order_qty=24)
    plan = suggest_order(flat(10.0), on_hand=50, terms=terms)
    assert plan.safety_stock == pytest.approx(Z95 * math.sqrt(90))  # 15.60
    assert plan.reorder_point == pytest.approx(20 + Z95 * math.sqrt(20))  # 27.36
    assert plan.order_up_to == pytest.approx(90 + Z95 * math.sqrt(90))  # 105.60
    # projected stock 50 - 10 d meets the reorder point on day 3 (50 - 30 = 20 <= 27.36), before the
    # next review in 7 days: order now, 105.6 - 50 = 55.6 rounded up to whole packs of 12 = 60
    assert plan.reorder_day == 3
    assert plan.order_now
    assert plan.suggested_qty == 60


def test_policy_by_hand_wait_for_next_review() -> None:
    terms = SupplyTerms(lead_time_days=2, review_period_days=7)
    plan = suggest_order(flat(10.0), on_hand=200, terms=terms)
    # 200 - 10 d <= 27.36 first on day 18: the review in 7 days comes first
    assert plan.reorder_day == 18
    assert not plan.order_now
    assert plan.suggested_qty == 0


def test_on_order_stock_counts_towards_the_position() -> None:
    terms = SupplyTerms(lead_time_days=2, review_period_days=7)
    plan = suggest_order(flat(10.0), on_hand=10, terms=terms, on_order=100)
    assert plan.inventory_position == 110
    assert plan.reorder_day == 9  # 110 - 90 = 20 <= 27.36


def test_a_level_error_adds_up_over_the_lead_time() -> None:
    # alpha 0.03 of which 0.01 is level error: over n days of 10 a day the variance is
    # 10n + 0.02 * 100n + 0.01 * (10n)^2, so 9 days: 90 + 18 + 81 = 189 and 2 days: 20 + 4 + 4 = 28
    terms = SupplyTerms(lead_time_days=2, review_period_days=7)
    plan = suggest_order(flat(10.0), on_hand=0, terms=terms, dispersion=0.03, level_dispersion=0.01)
    assert plan.safety_stock == pytest.approx(Z95 * math.sqrt(189))
    assert plan.reorder_point == pytest.approx(20 + Z95 * math.sqrt(28))
    assert plan.reorder_day == 0 and plan.suggested_qty == math.ceil(90 + Z95 * math.sqrt(189))
    # a level error larger than the whole daily dispersion is capped by it: all of it is level error
    capped = suggest_order(flat(10.0), on_hand=0, terms=terms, dispersion=0.01, level_dispersion=0.5)
    assert capped.safety_stock == pytest.approx(Z95 * math.sqrt(90 + 0.01 * 90**2))


def test_short_forecasts_are_extended_over_long_lead_times() -> None:
    terms = SupplyTerms(lead_time_days=20, review_period_days=10)
    plan = suggest_order(flat(2.0, days=7), on_hand=0, terms=terms)
    assert plan.order_up_to == pytest.approx(60.0 + Z95 * math.sqrt(60.0))  # 30 days of 2, Poisson


def test_round_to_packs_and_minimum_order() -> None:
    assert round_to_packs(5, pack_size=6, min_order_qty=24) == 24
    assert round_to_packs(25, pack_size=6, min_order_qty=24) == 30
    assert round_to_packs(12, pack_size=6, min_order_qty=0) == 12
    assert round_to_packs(0.0, pack_size=6, min_order_qty=24) == 0
    assert round_to_packs(20, pack_size=6, min_order_qty=21) == 24  # the minimum, in whole packs


def test_supply_terms_are_validated() -> None:
    with pytest.raises(ValueError):
        SupplyTerms(pack_size=0)
    with pytest.raises(ValueError):
        SupplyTerms(service_level=1.0)


def test_abc_by_cumulative_value() -> None:
    assert abc_classes(np.array([5.0, 50.0, 10.0, 30.0, 5.0, 0.0])) == ["B", "A", "B", "A", "C", "C"]
    assert abc_classes(np.zeros(3)) == ["C", "C", "C"]


def test_xyz_by_weekly_variation() -> None:
    steady = np.full(91, 3.0)
    alternating = np.concatenate([np.full(7, 0.0 if w % 3 else 9.0) for w in range(13)])  # 1 week in 3
    new = np.concatenate([np.full(70, np.nan), np.full(21, 3.0)])
    cv = weekly_cv(np.stack([steady, alternating, new]))
    assert cv[0] == pytest.approx(0.0)
    assert cv[1] > 1.0
    assert np.isnan(cv[2])  # three weeks are not enough to judge
    assert xyz_classes(cv) == ["X", "Z", "Z"]
    assert xyz_classes(np.array([0.7])) == ["Y"]


def test_weekly_cv_scales_up_weeks_with_stockout_days() -> None:
    week = [7.0, 7.0, 7.0, np.nan, np.nan, 7.0, 7.0]  # two empty-shelf days: the week sold 35, wanted 49
    cv = weekly_cv(np.array([week * 13]))
    assert cv[0] == pytest.approx(0.0)


LINES = [
    PurchaseOrderLine("두부공장", "SKU-2", "두부", 24, 12, 900, 3, 10.5, 40.2, date(2026, 3, 2)),
    PurchaseOrderLine("Acme Drinks", "SKU-9", "콜라", 30, 6, 1200, 0, 8.0, 31.0, None),
    PurchaseOrderLine("Acme Drinks", "SKU-1", "생수", 12, 12, 500, 5, 6.0, 18.0, date(2026, 3, 1)),
    PurchaseOrderLine("Acme Drinks", "SKU-5", "사이다", 0, 6, 1100, 50, 8.0, 31.0, None),
]


def test_purchase_order_csv() -> None:
    body = draft_csv(LINES)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:4] == ["supplier", "sku", "name", "quantity"]
    assert [r[1] for r in rows[1:]] == ["SKU-1", "SKU-9", "SKU-2"]  # by supplier, then SKU; zero lines out
    assert rows[2][5] == "5" and rows[2][7] == "36000"  # 30 units = 5 packs of 6; 30 x 1200 won


def test_purchase_order_xlsx_has_a_sheet_per_supplier() -> None:
    book = load_workbook(io.BytesIO(draft_xlsx(LINES)))
    assert book.sheetnames == ["Acme Drinks", "두부공장"]
    acme = book["Acme Drinks"]
    values = [[c.value for c in row] for row in acme.iter_rows()]
    assert values[1][1] == "SKU-1" and values[2][1] == "SKU-9"
    assert values[-1][0] == "Total" and values[-1][7] == 12 * 500 + 30 * 1200
    empty = load_workbook(io.BytesIO(draft_xlsx([])))
    assert empty.sheetnames == ["Draft"]
