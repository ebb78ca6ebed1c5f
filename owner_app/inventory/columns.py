"""The grid's columns (which are editable, how they sort and align) and how typed input is read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from owner_app.inventory.edits import Value
from owner_app.inventory.rows import Field

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
MAX_NUMBER = 1_000_000_000
SHELF_MAX = 40


class StockFilter(StrEnum):
    all = "all"
    low = "low"
    zero = "zero"
    edited = "edited"


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # source text, translated in headerData
    field: Field | None = None
    numeric: bool = False
    width: int = 110


COLUMNS = (
    Column("sku", str(QT_TRANSLATE_NOOP("InventoryModel", "SKU")), width=120),
    Column("name", str(QT_TRANSLATE_NOOP("InventoryModel", "Product")), width=300),
    Column("category", str(QT_TRANSLATE_NOOP("InventoryModel", "Category")), width=120),
    Column("quantity", str(QT_TRANSLATE_NOOP("InventoryModel", "On hand")), Field.quantity, True, 100),
    Column(
        "reorder_level",
        str(QT_TRANSLATE_NOOP("InventoryModel", "Reorder at")),
        Field.reorder_level,
        True,
        100,
    ),
    Column("price", str(QT_TRANSLATE_NOOP("InventoryModel", "Price")), Field.price, True, 110),
    Column(
        "shelf_location", str(QT_TRANSLATE_NOOP("InventoryModel", "Shelf")), Field.shelf_location, False, 100
    ),
    Column("status", str(QT_TRANSLATE_NOOP("InventoryModel", "Status")), width=110),
)
COLUMN_BY_FIELD = {c.field: i for i, c in enumerate(COLUMNS) if c.field is not None}


def parse_value(name: Field, value: Any) -> Value | None:
    """The typed value of an edit, or None when it is not acceptable (negative, not a number, too long)."""
    if name == Field.shelf_location:
        text = str(value).strip()
        return text if len(text) <= SHELF_MAX else None
    try:
        number = int(str(value).replace(",", "").strip())
    except ValueError:
        return None
    return number if 0 <= number <= MAX_NUMBER else None
