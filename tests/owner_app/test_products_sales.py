"""The products page (create and edit through the editor, field errors, read-only for staff) and the sales
page (buckets by day / week / month, top products, kiosks, brand rank, CSV export) on a real backend."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.schemas.stats import Granularity
from owner_app.pages.products import ProductsPage
from owner_app.pages.sales import SalesPage
from owner_app.sales.data import SalesReport
from owner_app.window import OwnerWindow
from tests.owner_app.conftest import WAIT_MS, Live, WindowFactory, sign_in, wait_idle
from tests.owner_app.test_live import kiosk_for, sell

pytestmark = pytest.mark.slow


def open_products(qtbot: QtBot, window: OwnerWindow) -> ProductsPage:
    assert window.shell is not None
    page = window.shell.show_page("products")
    assert isinstance(page, ProductsPage)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT_MS)
    return page


def test_owner_creates_and_edits_a_product(qtbot: QtBot, owner_window: OwnerWindow, live: Live) -> None:
    page = open_products(qtbot, owner_window)
    editor = page.open_editor(None)
    editor.sku.setText("SKU-1")  # taken: the backend says so under the field
    editor.name_ko.setText("맥주")
    editor.name_en.setText("Beer")
    editor.price.setValue(3500)
    editor.age_restricted.setChecked(True)
    editor.save_button.click()
    qtbot.waitUntil(lambda: editor.error.isVisible(), timeout=WAIT_MS)
    assert editor.field_errors["sku"].isVisible() and editor.field_errors["sku"].text() == "Already used."
    editor.sku.setText("SKU-BEER")
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save_button.click()
    assert page.model.rowCount() == 4
    beer = next(p for p in live.client("owner_a").products().items if p.sku == "SKU-BEER")
    assert (beer.name_ko, beer.price, beer.age_restricted) == ("맥주", 3500, True)

    row = next(i for i in range(page.model.rowCount()) if page.model.product_at(i).sku == "SKU-BEER")
    editor = page.open_editor(page.model.product_at(row))
    assert editor.sku.isReadOnly() and editor.price.value() == 3500
    editor.price.setValue(3900)
    editor.active.setChecked(False)
    with qtbot.waitSignal(editor.saved, timeout=WAIT_MS):
        editor.save_button.click()
    beer = next(
        p for p in live.client("owner_a").products(include_deleted=False).items if p.sku == "SKU-BEER"
    )
    assert (beer.price, beer.active, beer.version) == (3900, False, 2)


def test_staff_sees_products_read_only(qtbot: QtBot, make_window: WindowFactory, live: Live) -> None:
    window = make_window()
    sign_in(qtbot, window, live, "staff_a1")
    page = open_products(qtbot, window)
    assert not page.new_button.isEnabled()
    editor = page.open_editor(page.model.product_at(0))
    assert not editor.buttons.isEnabled()


def test_sales_report_by_step_with_export(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live, tmp_path: Path
) -> None:
    sell(kiosk_for(live), live, live.world.products_a[1], 2, 1800)  # 3,600 today
    assert owner_window.shell is not None
    page = owner_window.shell.show_page("sales")
    assert isinstance(page, SalesPage)
    reports: list[SalesReport] = []
    page.report_shown.connect(reports.append)
    qtbot.waitUntil(lambda: bool(reports), timeout=WAIT_MS)
    report = reports[-1]
    assert report.series.granularity == Granularity.day and len(report.series.buckets) == 30
    assert report.series.total_revenue == 3600 and page.tiles[0].value.text() == "₩3,600"
    assert [t.sku for t in report.top] == ["SKU-2"]
    assert [d.revenue for d in report.by_device.devices] == [3600]
    assert report.rank() == (1, 2)  # owner A's two stores; only this one sold
    assert page.brand_card.rank.text() == "Rank 1 of 2"

    page.set_granularity(Granularity.month)
    qtbot.waitUntil(lambda: reports[-1].series.granularity == Granularity.month, timeout=WAIT_MS)
    assert page.chart.labels and len(page.chart.values) == len(reports[-1].series.buckets)

    path = tmp_path / "sales.csv"
    page.export_to(path)
    qtbot.waitUntil(path.exists, timeout=WAIT_MS)
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0] == ["period_start", "orders", "items", "revenue", "currency"]
    assert sum(int(r[3]) for r in rows[1:]) == 3600
