"""The grid's model without a server: filtering, sorting that keeps the selection on its product, pending
edits with undo, merging fresh rows under pending edits, and the requests a save sends."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication

from core.client.errors import ConflictError
from core.qt.theme import LIGHT
from core.schemas.common import ErrorDetail
from core.schemas.inventory import (
    InventoryAdjustment,
    InventoryBatchPrice,
    InventoryBatchRequest,
    MovementReason,
)
from owner_app.inventory.columns import COLUMN_BY_FIELD, COLUMNS, StockFilter, parse_value
from owner_app.inventory.model import InventoryModel
from owner_app.inventory.rows import Field, GridRow
from owner_app.inventory.save import batch_request, conflicts_by_product

QUANTITY = COLUMN_BY_FIELD[Field.quantity]


def rows(n: int) -> list[GridRow]:
    now = datetime.now(UTC)
    return [
        GridRow(
            i,
            f"SKU-{i:05d}",
            f"상품 {i}",
            f"Product {i}",
            "음료" if i % 2 else "과자",
            i % 13,
            4,
            1000 + i,
            f"A-{i % 50:02d}",
            3,
            7,
            "KRW",
            now,
        )
        for i in range(n)
    ]


def model_with(n: int) -> InventoryModel:
    model = InventoryModel(LIGHT, "en")
    model.set_rows(rows(n))
    return model


def test_filter_by_text_and_stock(qapp: QApplication) -> None:
    model = model_with(1000)
    assert model.rowCount() == 1000
    model.set_filter(text="product 12")  # matches 12, 120-129
    assert {model.row_at(i).product_id for i in range(model.rowCount())} == {12, *range(120, 130)}
    model.set_filter(text="", stock=StockFilter.zero)
    assert all(model.row_at(i).quantity == 0 for i in range(model.rowCount())) and model.rowCount() == 77
    model.set_filter(stock=StockFilter.low)
    assert all(model.row_at(i).quantity <= 4 for i in range(model.rowCount()))
    zero = model.index(0, COLUMNS.index(next(c for c in COLUMNS if c.key == "status")))
    assert model.data(zero) in ("Out of stock", "Low")


def test_sort_keeps_the_selection_on_its_product(qapp: QApplication) -> None:
    model = model_with(500)
    held = QPersistentModelIndex(model.index(10, QUANTITY))
    product = model.row_at(10).product_id
    model.sort(QUANTITY, Qt.SortOrder.DescendingOrder)
    quantities = [model.row_at(i).quantity for i in range(model.rowCount())]
    assert quantities == sorted(quantities, reverse=True)
    assert model.row_at(held.row()).product_id == product


def test_edits_undo_and_survive_a_merge(qapp: QApplication) -> None:
    model = model_with(20)
    assert model.edit(3, Field.quantity, 40) and model.edit(3, Field.price, 999)
    assert not model.edit(4, Field.quantity, model.row_by_id(4).quantity)  # type: ignore[union-attr]
    assert model.pending.cell_count == 2
    model.undo_stack.undo()
    assert model.pending.cell_count == 1 and not model.pending.is_edited(3, Field.price)
    model.undo_stack.undo()
    assert len(model.pending) == 0
    model.undo_stack.redo()

    fresh = rows(20)
    fresh[3].quantity, fresh[3].version = 11, 4  # someone else counted it meanwhile
    model.merge_rows(fresh)
    pending = model.pending.row(3)
    assert pending is not None and pending.expected_version == 3  # still the version the edit was made on
    index = model.index(3, QUANTITY)
    assert model.data(index) == "40" and "Saved value: 11" in model.data(index, Qt.ItemDataRole.ToolTipRole)


def test_one_save_request_counts_quantity_adjusts_the_rest_and_carries_prices(qapp: QApplication) -> None:
    model = model_with(5)
    model.edit(1, Field.quantity, 9)
    model.edit(2, Field.reorder_level, 8)
    model.edit(2, Field.shelf_location, "Z-9")
    model.edit(3, Field.price, 1500)
    body = batch_request(model.pending.rows())
    assert [a.product_id for a in body.adjustments] == [1, 2]
    count, adjustment = body.adjustments
    assert (count.reason, count.quantity, count.delta, count.expected_version) == (
        MovementReason.count,
        9,
        None,
        3,
    )
    assert (adjustment.reason, adjustment.reorder_level, adjustment.shelf_location) == (
        MovementReason.adjustment,
        8,
        "Z-9",
    )
    assert body.prices == [InventoryBatchPrice(product_id=3, price=1500, expected_version=7)]


def test_conflicts_in_either_part_map_to_products() -> None:
    body = InventoryBatchRequest(
        adjustments=[
            InventoryAdjustment(product_id=pid, reason=MovementReason.count, quantity=1)
            for pid in (10, 20, 30)
        ],
        prices=[InventoryBatchPrice(product_id=pid, price=100, expected_version=1) for pid in (40, 20)],
    )
    details = [
        ErrorDetail(field="adjustments.1.expected_version", message="Cola changed meanwhile."),
        ErrorDetail(field="prices.0.expected_version", message="Product 40 is at version 2."),
        ErrorDetail(field="prices.1.expected_version", message="Product 20 is at version 3."),
    ]
    error = ConflictError(409, "batch_conflict", "Changed meanwhile.", details)
    assert conflicts_by_product(error, body) == {
        20: "Cola changed meanwhile. Product 20 is at version 3.",
        40: "Product 40 is at version 2.",
    }
    bare = ConflictError(409, "batch_conflict", "Changed meanwhile.")
    assert conflicts_by_product(bare, body) == dict.fromkeys([10, 20, 30, 40], "Changed meanwhile.")


def test_typed_values_are_checked() -> None:
    assert parse_value(Field.quantity, " 1,200 ") == 1200
    assert parse_value(Field.quantity, "-1") is None and parse_value(Field.price, "abc") is None
    assert parse_value(Field.shelf_location, " B-2 ") == "B-2"
    assert parse_value(Field.shelf_location, "x" * 41) is None
