"""Inventory per store x product, and its ledger of stock movements."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from core.schemas.common import WireModel


class MovementReason(StrEnum):
    sale = "sale"
    refund = "refund"
    receipt = "receipt"
    count = "count"  # type: ignore[assignment]  # shadows str.count on purpose: the wire name
    adjustment = "adjustment"


class InventoryOut(WireModel):
    store_id: int
    product_id: int
    sku: str
    name_ko: str
    name_en: str
    quantity: int
    reorder_level: int
    shelf_location: str
    version: int
    updated_at: datetime


class InventoryAdjustment(WireModel):
    """One line of a bulk adjustment.

    Give `delta` (receipt, adjustment) or `quantity` (a count: the absolute figure found on the shelf).
    `expected_version` makes the change fail with a conflict if someone else changed the row meanwhile.
    """

    product_id: int
    reason: MovementReason
    delta: int | None = None
    quantity: int | None = Field(default=None, ge=0)
    reorder_level: int | None = Field(default=None, ge=0)
    shelf_location: str | None = Field(default=None, max_length=40)
    expected_version: int | None = None
    note: str = Field(default="", max_length=200)


class InventoryBulkRequest(WireModel):
    adjustments: list[InventoryAdjustment] = Field(min_length=1, max_length=10000)


class StockMovementOut(WireModel):
    id: int
    store_id: int
    product_id: int
    delta: int
    quantity_after: int
    reason: MovementReason
    order_id: str | None
    actor: str
    note: str
    created_at: datetime
