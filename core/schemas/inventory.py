"""Inventory per store x product, and its ledger of stock movements."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from core.schemas.catalogue import ProductOut
from core.schemas.common import Money, WireModel


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


class InventoryBatchPrice(WireModel):
    """A new brand-wide price for one product; `expected_version` is the product version it was edited on."""

    product_id: int
    price: Money
    expected_version: int


class InventoryBatchRequest(WireModel):
    """Stock adjustments of one store and price changes, applied in one transaction or not at all."""

    adjustments: list[InventoryAdjustment] = Field(default_factory=list, max_length=10000)
    prices: list[InventoryBatchPrice] = Field(default_factory=list, max_length=5000)


class InventoryBatchResult(WireModel):
    inventory: list[InventoryOut]  # the store's rows that were adjusted, in product id order
    products: list[ProductOut]  # the products whose price changed, in request order


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
