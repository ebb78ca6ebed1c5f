"""Saving the grid's pending edits: one user action, at most two requests.

Stock (counted quantity, reorder level, shelf) goes in one all-or-nothing inventory adjustment batch; price
is brand-wide, so price edits go in one all-or-nothing product bulk update. The backend has no endpoint
taking both in one transaction, so stock is saved first (the more likely to conflict: every sale moves
it); if the prices then fail, the outcome says exactly that and the price edits stay pending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from core.client.api import ApiClient
from core.client.errors import ApiError, ConflictError
from core.schemas.catalogue import ProductBulkRequest, ProductBulkUpdate
from core.schemas.inventory import InventoryAdjustment, InventoryBulkRequest, MovementReason
from owner_app.inventory.edits import PendingRow
from owner_app.inventory.rows import Field

NOTE = "owner app grid"
_INDEX = re.compile(r"^(?:adjustments|update)\.(\d+)\.")


class SaveConflict(Exception):
    """Someone changed some of the edited items meanwhile; nothing of `stage` was saved."""

    def __init__(self, stage: str, conflicts: dict[int, str], error: ConflictError) -> None:
        super().__init__(error.message)
        self.stage = stage  # "stock" or "price"
        self.conflicts = conflicts  # product id -> the server's sentence about it
        self.error = error


@dataclass
class SaveOutcome:
    saved: dict[int, dict[str, Any]] = field(default_factory=dict)  # product id -> stored values
    stock_count: int = 0
    price_count: int = 0
    price_error: ApiError | None = None  # stock was saved, prices were not
    price_failed: set[int] = field(default_factory=set)
    price_conflicts: dict[int, str] = field(default_factory=dict)


def inventory_request(rows: list[PendingRow]) -> tuple[InventoryBulkRequest | None, list[int]]:
    adjustments, ids = [], []
    for row in rows:
        values = row.stock_values
        if not values:
            continue
        quantity = values.get(Field.quantity)
        reorder = values.get(Field.reorder_level)
        shelf = values.get(Field.shelf_location)
        adjustments.append(
            InventoryAdjustment(
                product_id=row.product_id,
                # A typed quantity is what is on the shelf: a count. Level or shelf alone: an adjustment.
                reason=MovementReason.count if quantity is not None else MovementReason.adjustment,
                quantity=int(quantity) if quantity is not None else None,
                reorder_level=int(reorder) if reorder is not None else None,
                shelf_location=str(shelf) if shelf is not None else None,
                expected_version=row.expected_version,
                note=NOTE,
            )
        )
        ids.append(row.product_id)
    return (InventoryBulkRequest(adjustments=adjustments) if adjustments else None), ids


def price_request(rows: list[PendingRow]) -> tuple[ProductBulkRequest | None, list[int]]:
    updates = [
        ProductBulkUpdate(id=row.product_id, version=row.expected_product_version, price=row.price)
        for row in rows
        if row.price is not None
    ]
    return (ProductBulkRequest(update=updates) if updates else None), [u.id for u in updates]


def conflicts_by_product(error: ApiError, ids: list[int]) -> dict[int, str]:
    """Map the error's details (`adjustments.3.expected_version`) to product ids; with no usable detail,
    every item of the request is named with the error's message."""
    found: dict[int, str] = {}
    for detail in error.details:
        match = _INDEX.match(detail.field or "")
        if match and int(match.group(1)) < len(ids):
            found[ids[int(match.group(1))]] = detail.message
    return found or dict.fromkeys(ids, error.message)


def save_edits(client: ApiClient, store_id: int, rows: list[PendingRow]) -> SaveOutcome:
    """Raises SaveConflict (nothing saved) or ApiError (nothing saved); a price failure after the stock
    was saved comes back in the outcome instead, since part of the action did happen."""
    outcome = SaveOutcome()
    stock, stock_ids = inventory_request(rows)
    prices, price_ids = price_request(rows)
    if stock is not None:
        try:
            stored = client.adjust_inventory(store_id, stock)
        except ConflictError as exc:
            raise SaveConflict("stock", conflicts_by_product(exc, stock_ids), exc) from exc
        for inv in stored:
            outcome.saved[inv.product_id] = {
                "quantity": inv.quantity,
                "reorder_level": inv.reorder_level,
                "shelf_location": inv.shelf_location,
                "version": inv.version,
                "updated_at": inv.updated_at,
            }
        outcome.stock_count = len(stored)
    if prices is not None:
        try:
            result = client.bulk_products(prices)
        except ApiError as exc:
            if stock is None:
                if isinstance(exc, ConflictError):
                    raise SaveConflict("price", conflicts_by_product(exc, price_ids), exc) from exc
                raise
            outcome.price_error = exc
            outcome.price_failed = set(price_ids)
            if isinstance(exc, ConflictError):
                outcome.price_conflicts = conflicts_by_product(exc, price_ids)
            return outcome
        for product in result.updated:
            outcome.saved.setdefault(product.id, {}).update(
                price=product.price, product_version=product.version
            )
        outcome.price_count = len(result.updated)
    return outcome
