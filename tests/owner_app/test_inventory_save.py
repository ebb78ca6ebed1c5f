"""The inventory grid against a real backend: edits (stock and price) saved in one action and one request,
undo before saving, and an edit that meets a change someone else made meanwhile (to stock or to a price):
then nothing at all is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from core.schemas.catalogue import ProductPatch
from core.schemas.inventory import InventoryAdjustment, InventoryBulkRequest, MovementReason
from owner_app.inventory.columns import COLUMN_BY_FIELD
from owner_app.inventory.history_dialog import HistoryDialog
from owner_app.inventory.rows import Field
from owner_app.pages.inventory import InventoryPage
from owner_app.window import OwnerWindow
from tests.owner_app.conftest import WAIT_MS, Live, cell, wait_idle


def open_inventory(qtbot: QtBot, window: OwnerWindow) -> InventoryPage:
    assert window.shell is not None
    page = window.shell.show_page("inventory")
    assert isinstance(page, InventoryPage)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT_MS)
    return page


def edit(page: InventoryPage, sku: str, field: Field, value: object) -> None:
    """Type into the cell as a person would (setData is what the cell editor calls)."""
    model = page.model
    row = next(i for i in range(model.rowCount()) if model.row_at(i).sku == sku)
    assert model.setData(model.index(row, COLUMN_BY_FIELD[field]), value, Qt.ItemDataRole.EditRole)


def server_row(live: Live, sku: str) -> tuple[int, int, str]:
    client = live.client("owner_a")
    item = next(i for i in client.inventory(live.world.store_a1).items if i.sku == sku)
    return item.quantity, item.reorder_level, item.shelf_location


def test_edits_are_saved_in_one_action(qtbot: QtBot, owner_window: OwnerWindow, live: Live) -> None:
    page = open_inventory(qtbot, owner_window)
    edit(page, "SKU-1", Field.quantity, 7)
    edit(page, "SKU-1", Field.shelf_location, "B-04")
    edit(page, "SKU-2", Field.reorder_level, "12")
    edit(page, "SKU-3", Field.price, "1,650")
    assert page.model.pending.cell_count == 4
    assert page.toolbar.save.isEnabled() and page.toolbar.save.text() == "Save changes (4)"
    assert not page.model.setData(page.model.index(0, COLUMN_BY_FIELD[Field.quantity]), -3)  # refused

    page.model.undo_stack.undo()  # the price edit, before saving
    assert page.model.pending.cell_count == 3
    page.model.undo_stack.redo()
    assert page.model.pending.cell_count == 4

    page.toolbar.save.click()
    qtbot.waitUntil(lambda: page.result.property("tone") == "ok", timeout=WAIT_MS)
    assert page.result.text.text() == "Saved: stock of 2 product(s), price of 1 product(s)."
    assert page.model.pending.cell_count == 0 and not page.model.undo_stack.canUndo()
    assert server_row(live, "SKU-1") == (7, 5, "B-04")
    assert server_row(live, "SKU-2") == (20, 12, "")
    prices = {p.sku: p.price for p in live.client("owner_a").products().items}
    assert prices["SKU-3"] == 1650
    saved = page.model.row_by_id(live.world.products_a[0])
    assert saved is not None and saved.quantity == 7 and saved.version > 1  # the grid holds the new version

    # The count is in the item's ledger, as the history dialog shows it.
    page.table.setCurrentIndex(page.model.index(0, 0))
    dialog = page.show_history()
    assert isinstance(dialog, HistoryDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() >= 1, timeout=WAIT_MS)
    assert cell(dialog.table, 0, 1) == "Count"
    assert cell(dialog.table, 0, 2) == "-13"
    dialog.close()


def test_an_edit_that_meets_a_concurrent_change_is_refused_clearly(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live
) -> None:
    page = open_inventory(qtbot, owner_window)
    edit(page, "SKU-1", Field.quantity, 9)
    edit(page, "SKU-2", Field.quantity, 4)

    # Meanwhile a member of staff counts SKU-1 on the shelf with their own client.
    staff = live.client("staff_a1")
    count = InventoryAdjustment(product_id=live.world.products_a[0], reason=MovementReason.count, quantity=15)
    staff.adjust_inventory(live.world.store_a1, InventoryBulkRequest(adjustments=[count]))

    page.toolbar.save.click()
    qtbot.waitUntil(lambda: page.result.property("tone") == "error", timeout=WAIT_MS)
    message = page.result.text.text()
    assert message.startswith("Nothing was saved: 1 item(s) changed since you loaded them (SKU-1)")
    assert set(page.model.conflicts) == {live.world.products_a[0]}
    assert server_row(live, "SKU-1")[0] == 15 and server_row(live, "SKU-2")[0] == 20  # all or nothing
    assert page.model.pending.cell_count == 2  # the person's edits are kept

    # The grid pulls the current figures in by itself; the edit now stands on them and saves.
    row = page.model.row_by_id(live.world.products_a[0])
    qtbot.waitUntil(
        lambda: row is not None and page.model.row_by_id(row.product_id).quantity == 15,  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
    index = page.model.index(0, COLUMN_BY_FIELD[Field.quantity])
    assert "changed meanwhile" in page.model.data(index, Qt.ItemDataRole.ToolTipRole)
    page.toolbar.save.click()
    qtbot.waitUntil(lambda: page.result.property("tone") == "ok", timeout=WAIT_MS)
    assert server_row(live, "SKU-1")[0] == 9 and server_row(live, "SKU-2")[0] == 4
    assert not page.model.conflicts


def test_a_price_changed_meanwhile_refuses_the_stock_edits_too(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live
) -> None:
    page = open_inventory(qtbot, owner_window)
    water, _cola, rice = live.world.products_a
    edit(page, "SKU-1", Field.quantity, 6)
    edit(page, "SKU-3", Field.price, "1,650")

    # Meanwhile another owner's session reprices SKU-3.
    live.client("owner_a").patch_product(rice, ProductPatch(version=1, price=1900))

    page.toolbar.save.click()
    qtbot.waitUntil(lambda: page.result.property("tone") == "error", timeout=WAIT_MS)
    assert page.result.text.text().startswith(
        "Nothing was saved: 1 item(s) changed since you loaded them (SKU-3)"
    )
    assert set(page.model.conflicts) == {rice}
    assert server_row(live, "SKU-1")[0] == 20  # the stock edit was not saved on its own
    prices = {p.sku: p.price for p in live.client("owner_a").products().items}
    assert prices["SKU-3"] == 1900
    assert page.model.pending.cell_count == 2

    # The current price is pulled in under the edit; saving again saves both, together.
    qtbot.waitUntil(lambda: page.model.row_by_id(rice).price == 1900, timeout=WAIT_MS)  # type: ignore[union-attr]
    page.toolbar.save.click()
    qtbot.waitUntil(lambda: page.result.property("tone") == "ok", timeout=WAIT_MS)
    assert page.result.text.text() == "Saved: stock of 1 product(s), price of 1 product(s)."
    assert server_row(live, "SKU-1")[0] == 6
    assert {p.id: p.price for p in live.client("owner_a").products().items}[rice] == 1650
    assert page.model.row_by_id(water).quantity == 6  # type: ignore[union-attr]


def test_offline_grid_is_read_only(qtbot: QtBot, owner_window: OwnerWindow, live: Live) -> None:
    page = open_inventory(qtbot, owner_window)
    assert owner_window.context is not None
    owner_window.context.set_online(False)
    assert page.editable_fields() == frozenset()
    assert (
        not page.model.flags(page.model.index(0, COLUMN_BY_FIELD[Field.quantity]))
        & Qt.ItemFlag.ItemIsEditable
    )
    assert "read-only while offline" in page.footer.text()
    owner_window.context.set_online(True)
    assert Field.price in page.editable_fields()


def test_unsaved_edits_survive_live_changes_and_page_switches(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live
) -> None:
    assert owner_window.shell is not None and owner_window.feed is not None
    page = open_inventory(qtbot, owner_window)
    qtbot.waitUntil(lambda: "Live" in owner_window.shell.live.text(), timeout=WAIT_MS)  # type: ignore[union-attr]
    edit(page, "SKU-2", Field.reorder_level, 9)
    owner_window.shell.show_page("dashboard")
    staff = live.client("staff_a1")
    count = InventoryAdjustment(product_id=live.world.products_a[0], reason=MovementReason.count, quantity=11)
    staff.adjust_inventory(live.world.store_a1, InventoryBulkRequest(adjustments=[count]))
    qtbot.waitUntil(lambda: page.stale, timeout=WAIT_MS)  # the live event marked the hidden grid out of date
    owner_window.shell.show_page("inventory")
    sku1 = live.world.products_a[0]
    qtbot.waitUntil(lambda: page.model.row_by_id(sku1).quantity == 11, timeout=WAIT_MS)  # type: ignore[union-attr]
    assert page.model.pending.is_edited(live.world.products_a[1], Field.reorder_level)  # still there
    page.model.discard_edits()  # closing the window would otherwise ask about them
