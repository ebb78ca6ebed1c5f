"""Saving the grid's pending edits: one user action, one request, all or nothing.

Stock (counted quantity, reorder level, shelf) and price (brand-wide) edits go together to the store's
inventory batch endpoint, which applies them in one transaction: either everything is saved, or nothing is
and the refusal names every item that changed meanwhile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from core.client.api import ApiClient
from core.client.errors import ApiError, ConflictError
from core.schemas.inventory import (
    InventoryAdjustment,
    InventoryBatchPrice,
    InventoryBatchRequest,
    MovementReason,
)
from owner_app.inventory.edits import PendingRow
from owner_app.inventory.rows import Field

NOTE = "owner app grid"
_ITEM = re.compile(r"^(adjustments|prices)\.(\d+)(?:\.|$)")


class SaveConflict(Exception):
    """Someone changed some of the edited items meanwhile; nothing was saved."""

    def __init__(self, conflicts: dict[int, str], error: ConflictError) -> None:
        super().__init__(error.message)
        self.conflicts = conflicts  # product id -> the server's sentence about it
        self.error = error


@dataclass
class SaveOutcome:
    saved: dict[int, dict[str, Any]] = field(default_factory=dict)  # product id -> stored values
    stock_count: int = 0
    price_count: int = 0


def stock_adjustments(rows: list[PendingRow]) -> list[InventoryAdjustment]:
    adjustments = []
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
    return adjustments


def price_changes(rows: list[PendingRow]) -> list[InventoryBatchPrice]:
    return [
        InventoryBatchPrice(
            product_id=row.product_id, price=row.price, expected_version=row.expected_product_version
        )
        for row in rows
        if row.price is not None
    ]


def batch_request(rows: list[PendingRow]) -> InventoryBatchRequest:
    return InventoryBatchRequest(adjustments=stock_adjustments(rows), prices=price_changes(rows))


def conflicts_by_product(error: ApiError, body: InventoryBatchRequest) -> dict[int, str]:
    """Map the error's details (`adjustments.3.expected_version`, `prices.0.expected_version`) to product
    ids; with no usable detail, every item of the request is named with the error's message."""
    ids = {
        "adjustments": [a.product_id for a in body.adjustments],
        "prices": [p.product_id for p in body.prices],
    }
    found: dict[int, str] = {}
    for detail in error.details:
        match = _ITEM.match(detail.field or "")
        if match is None:
            continue
        part, index = ids[match.group(1)], int(match.group(2))
        if index < len(part):
            product_id = part[index]
            found[product_id] = (
                f"{found[product_id]} {detail.message}" if product_id in found else detail.message
            )
    return found or dict.fromkeys(ids["adjustments"] + ids["prices"], error.message)


def save_edits(client: ApiClient, store_id: int, rows: list[PendingRow]) -> SaveOutcome:
    """Raises SaveConflict or ApiError, and then nothing was saved."""
    body = batch_request(rows)
    try:
        result = client.save_inventory_batch(store_id, body)
    except ConflictError as exc:
        raise SaveConflict(conflicts_by_product(exc, body), exc) from exc
    outcome = SaveOutcome(stock_count=len(result.inventory), price_count=len(result.products))
    for inv in result.inventory:
        outcome.saved[inv.product_id] = {
            "quantity": inv.quantity,
            "reorder_level": inv.reorder_level,
            "shelf_location": inv.shelf_location,
            "version": inv.version,
            "updated_at": inv.updated_at,
        }
    for product in result.products:
        outcome.saved.setdefault(product.id, {}).update(price=product.price, product_version=product.version)
    return outcome
