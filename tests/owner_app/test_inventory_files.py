"""Import with a preview and per-row errors (only good rows become edits, saved with the grid), and export
to CSV and XLSX that imports back unchanged."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from owner_app.inventory.import_dialog import ImportDialog
from owner_app.inventory.importer import ImportPreview, preview_import, read_table
from owner_app.inventory.rows import STOCK_FIELDS, Field, GridRow
from owner_app.window import OwnerWindow
from tests.owner_app.conftest import WAIT_MS, Live, cell
from tests.owner_app.test_inventory_save import open_inventory, server_row


def grid_row(sku: str = "A-1") -> GridRow:
    return GridRow(1, sku, "물", "Water", "", 5, 2, 1000, "", 1, 1, "KRW", datetime.now(UTC))


BAD_FILE = """sku,quantity,reorder_level,price
SKU-1,30,8,
SKU-9,5,,
SKU-2,abc,,
SKU-3,,,"1,900"
SKU-1,2,,
,7,,
"""


def test_import_previews_bad_rows_and_applies_only_good_ones(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live, tmp_path: Path
) -> None:
    page = open_inventory(qtbot, owner_window)
    path = tmp_path / "count.csv"
    path.write_text(BAD_FILE, encoding="utf-8")
    with qtbot.waitSignal(page.files.preview_ready, timeout=WAIT_MS) as ready:
        page.files.import_file(path)
    preview: ImportPreview = ready.args[0]
    dialog = page.files.dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    results = {cell(dialog.table, r, 0): cell(dialog.table, r, 3) for r in range(dialog.table.rowCount())}
    assert results == {
        "2": "OK",
        "3": "No product with SKU SKU-9 in this store.",
        "4": "on hand: 'abc' is not a whole number.",
        "5": "OK",
        "6": "SKU SKU-1 appears more than once; only its first row is used.",
        "7": "No SKU in this row.",
    }
    bad = dialog.table.item(1, 3)
    assert bad is not None and bad.foreground().color().name() == "#c62828"  # errors in red
    assert "on hand 20 → 30 · reorder level 5 → 8" in cell(dialog.table, 0, 2)
    assert len(preview.valid) == 2 and len(preview.invalid) == 4
    assert dialog.apply_button.text() == "Apply 2 row(s)"

    dialog.apply_button.click()
    assert page.model.pending.cell_count == 3  # nothing is sent before Save
    assert server_row(live, "SKU-1")[0] == 20
    page.model.undo_stack.undo()  # the whole import is one undo step
    assert page.model.pending.cell_count == 0
    page.model.undo_stack.redo()

    page.toolbar.save.click()
    qtbot.waitUntil(lambda: page.result.property("tone") == "ok", timeout=WAIT_MS)
    assert server_row(live, "SKU-1")[:2] == (30, 8)
    assert {p.sku: p.price for p in live.client("owner_a").products().items}["SKU-3"] == 1900


def test_export_round_trips_through_import(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live, tmp_path: Path
) -> None:
    page = open_inventory(qtbot, owner_window)
    for name in ("stock.csv", "stock.xlsx"):
        path = tmp_path / name
        with qtbot.waitSignal(page.files.exported, timeout=WAIT_MS):
            page.files.export_to(path)
        table = read_table(path)
        assert table[0][:2] == ["sku", "name_ko"]
        assert [row[0] for row in table[1:]] == ["SKU-1", "SKU-2", "SKU-3"]
        preview = preview_import(table, page.model.rows, page.editable_fields())
        assert preview.valid == [] and preview.invalid == [] and preview.unchanged == 3
    with (tmp_path / "stock.csv").open(encoding="utf-8-sig") as handle:
        assert next(csv.reader(handle))[4] == "quantity"  # BOM first, so Excel reads Korean text


def test_import_reads_korean_headers_and_cp949(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes('상품코드,재고,판매가\nSKU-1,12,"2,500원"\n'.encode("cp949"))
    table = read_table(path)
    assert table == [["상품코드", "재고", "판매가"], ["SKU-1", "12", "2,500원"]]
    preview = preview_import(table, [grid_row("SKU-1")], frozenset(Field))
    assert preview.rows[0].changes == {Field.quantity: 12, Field.price: 2500}


def test_file_without_sku_column_is_refused_whole(tmp_path: Path) -> None:
    preview = preview_import([["name", "qty"], ["Water", "3"]], [], frozenset(Field))
    assert preview.file_problem == "no_sku_column" and preview.rows == []


def test_preview_checks_each_value_and_the_role() -> None:
    table = [["SKU", "On hand", "Reorder level", "Price", "Shelf"], ["a-1", "-4", "1.5", "900", "x" * 41]]
    row = preview_import(table, [grid_row("A-1")], STOCK_FIELDS).rows[
        0
    ]  # a staff member: stock yes, price no
    assert [(p.code, p.column) for p in row.problems] == [
        ("negative", "quantity"),
        ("not_a_number", "reorder_level"),
        ("not_allowed", "price"),
        ("too_long", "shelf_location"),
    ]
    assert row.product_id == 1  # SKUs match whatever their case
