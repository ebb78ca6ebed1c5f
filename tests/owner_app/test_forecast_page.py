"""The forecast page on a real backend with 150 days of sales and a real forecast run: history, forecast and
both bands for the store total, a category total and one product (with projected stock and reorder point),
hover read-outs, the reorder table (sortable, MASE per product) and the purchase-order draft exported with
the quantities as edited."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from backend.services.forecasts import run_forecasts
from owner_app.forecast.data import HISTORY_DAYS, ForecastData, Series
from owner_app.forecast.reorder import COLUMNS, QTY, SORT_ROLE
from owner_app.pages.forecast import ForecastPage
from owner_app.window import OwnerWindow
from tests.backend.test_forecasts_api import FAST, put_history
from tests.owner_app.conftest import WAIT_MS, Live, WindowFactory, sign_in

pytestmark = pytest.mark.slow


def open_forecast(qtbot: QtBot, window: OwnerWindow) -> ForecastPage:
    assert window.shell is not None
    page = window.shell.pages["forecast"]
    assert isinstance(page, ForecastPage)
    with qtbot.waitSignal(page.data_shown, timeout=WAIT_MS):
        window.shell.show_page("forecast")
    return page


def assert_banded(series: Series, horizon: int) -> None:
    assert len(series.history) == HISTORY_DAYS and sum(series.history) > 0
    assert len(series.days) == horizon and series.days[0] > series.history_days[-1]
    for i in range(horizon):
        assert series.p025[i] <= series.p10[i] <= series.mean[i] <= series.p90[i] <= series.p975[i]
    assert series.p975[0] > series.p025[0]  # a real band, not a line


@pytest.fixture
def forecast_live(live: Live) -> Live:
    put_history(live.state, live.world)
    run_forecasts(live.state.db, store_id=live.world.store_a1, settings=FAST)
    return live


def test_chart_for_total_category_and_product(
    qtbot: QtBot, make_window: WindowFactory, forecast_live: Live
) -> None:
    window = make_window()
    sign_in(qtbot, window, forecast_live)
    page = open_forecast(qtbot, window)
    data = page.data
    assert isinstance(data, ForecastData) and len(data.forecasts) == 3
    horizon = len(data.forecasts[0].days)

    total = page.chart.series  # the store total is shown first
    assert_banded(total, horizon)
    assert not total.stock and not page.chart.stock.isVisible()
    assert total.mean[0] == pytest.approx(sum(f.days[0].mean for f in data.forecasts))

    category = data.categories[0]
    page.choose("category", category.id)
    assert_banded(page.chart.series, horizon)
    assert page.chart.series.mean == pytest.approx(total.mean)  # the world's products are all drinks

    product_id = forecast_live.world.products_a[2]
    page.choose("product", product_id)
    series = page.chart.series
    assert_banded(series, horizon)
    assert len(series.stock) == horizon and page.chart.stock.isVisible()
    suggestion = next(s for s in data.suggestions if s.product_id == product_id)
    assert series.reorder_point == pytest.approx(suggestion.reorder_point)
    assert series.stock[0] == pytest.approx(max(0.0, suggestion.on_hand - series.mean[0]))
    assert "MASE" in page.accuracy.text()

    view = page.chart.demand.getViewBox()
    page.chart._hover(view.mapViewToScene(QPointF(2, 1)))
    assert page.chart.hover_text.startswith(f"{series.days[2]:%Y-%m-%d}")
    assert "80%" in page.chart.hover_text and "95%" in page.chart.hover_text
    page.chart._hover(view.mapViewToScene(QPointF(-3, 1)))
    assert page.chart.hover_text == f"{series.history_days[-3]:%Y-%m-%d}  {series.history[-3]:.0f}"

    view.scaleBy((0.5, 1.0))  # what the wheel does: both plots follow along the days
    zoomed = view.viewRange()[0]
    # pyqtgraph links x by pixels: plots whose axes differ in width by a few pixels may differ by a fraction
    # of a day at the edges, so compare within two days (the zoomed span is ~75 days).
    assert page.chart.stock.getViewBox().viewRange()[0] == pytest.approx(zoomed, abs=2.0)
    page.chart.reset_view()
    assert view.viewRange()[0][1] - view.viewRange()[0][0] > zoomed[1] - zoomed[0]


def test_reorder_table_edit_and_export(
    qtbot: QtBot, make_window: WindowFactory, forecast_live: Live, tmp_path: Path
) -> None:
    window = make_window()
    sign_in(qtbot, window, forecast_live)
    page = open_forecast(qtbot, window)
    model, proxy = page.model, page.proxy
    assert model.rowCount() == 3  # 20 on hand against 3 to 9 a day: everything needs ordering soon
    mase_column = COLUMNS.index("mase")
    assert model.headerData(mase_column, Qt.Orientation.Horizontal) == "MASE"
    scores = {f.sku: f.backtest_mase for f in page.data.forecasts} if page.data else {}
    for row in range(model.rowCount()):
        sku = model.rows[row].suggestion.sku
        shown = model.data(model.index(row, mase_column))
        assert shown == (f"{scores[sku]:.2f}" if scores[sku] is not None else "–")

    page.table.sortByColumn(QTY, Qt.SortOrder.DescendingOrder)
    shown = [proxy.data(proxy.index(r, QTY), SORT_ROLE) for r in range(proxy.rowCount())]
    assert shown == sorted(shown, reverse=True)

    sku_row = next(r for r in range(proxy.rowCount()) if proxy.data(proxy.index(r, 0)) == "SKU-1")
    assert proxy.flags(proxy.index(sku_row, QTY)) & Qt.ItemFlag.ItemIsEditable
    assert proxy.setData(proxy.index(sku_row, QTY), 37)
    model.set_quantity("SKU-2", 0)  # not ordered at all: left out of the draft

    csv_path, xlsx_path = tmp_path / "draft.csv", tmp_path / "draft.xlsx"
    for path in (csv_path, xlsx_path):
        page.export_to(path)
        qtbot.waitUntil(path.exists, timeout=WAIT_MS)
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8-sig")))
    quantities = {r["sku"]: int(r["quantity"]) for r in rows}
    assert quantities["SKU-1"] == 37 and "SKU-2" not in quantities
    sku3 = next(r for r in model.rows if r.suggestion.sku == "SKU-3").suggestion.suggested_qty
    assert quantities.get("SKU-3", 0) == sku3
    backend_draft = forecast_live.client("owner_a").purchase_order_draft(forecast_live.world.store_a1)
    assert "SKU-2" in backend_draft.decode("utf-8-sig")  # the backend's draft has the unedited suggestion

    sheet = load_workbook(xlsx_path).worksheets[0]
    header = [c.value for c in sheet[1]]
    xlsx_rows = {r[header.index("sku")]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert xlsx_rows["SKU-1"][header.index("quantity")] == 37 and "SKU-2" not in xlsx_rows


def test_staff_reads_but_cannot_run_the_job(
    qtbot: QtBot, make_window: WindowFactory, forecast_live: Live
) -> None:
    window = make_window()
    sign_in(qtbot, window, forecast_live, "staff_a1")
    page = open_forecast(qtbot, window)
    assert page.model.rowCount() == 3 and not page.run_button.isVisible()
