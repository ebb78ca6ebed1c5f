"""Routes: a store's inventory, bulk adjustments (all or nothing) and each product's stock ledger."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from backend.api.deps import Caller, State, require_store
from backend.errors import error_responses, forbidden
from backend.services import inventory, inventory_batch
from core.schemas.common import Page, Role
from core.schemas.inventory import (
    InventoryBatchRequest,
    InventoryBatchResult,
    InventoryBulkRequest,
    InventoryOut,
    StockMovementOut,
)

router = APIRouter(tags=["inventory"])
_ERRORS = error_responses(403, 404, 409, 422)
STOCK_READERS = (Role.owner, Role.staff, Role.support)
STOCK_WRITERS = (Role.owner, Role.staff)


@router.get("/stores/{store_id}/inventory", responses=_ERRORS)
def list_inventory(
    store_id: int,
    state: State,
    caller: Caller,
    q: Annotated[str | None, Query(max_length=100, description="Search SKU, barcode and names")] = None,
    low: Annotated[bool, Query(description="Only products at or below their reorder level")] = False,
    zero: Annotated[bool, Query(description="Only products with nothing (or less) on the shelf")] = False,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> Page[InventoryOut]:
    require_store(caller, store_id, *STOCK_READERS)
    with state.db.read() as s:
        return inventory.list_inventory(s, store_id, q=q, low=low, zero=zero, offset=offset, limit=limit)


@router.post("/stores/{store_id}/inventory/adjustments", responses=_ERRORS)
def adjust_inventory(
    store_id: int, body: InventoryBulkRequest, state: State, caller: Caller
) -> list[InventoryOut]:
    """Receipts, counts (`quantity` is what is on the shelf) and corrections, applied together or not at
    all; a stale `expected_version` answers 409 `inventory_conflict` naming the products."""
    require_store(caller, store_id, *STOCK_WRITERS)
    with state.db.write() as s:
        rows, evented = inventory.adjust_inventory(s, store_id, body, caller.actor)
        s.commit()
    if evented:
        state.notifier.notify()
    return rows


@router.post("/stores/{store_id}/inventory/batch", responses=_ERRORS)
def save_inventory_batch(
    store_id: int, body: InventoryBatchRequest, state: State, caller: Caller
) -> InventoryBatchResult:
    """Stock adjustments of this store and brand-wide price changes in one transaction: on any problem
    nothing is applied. Stale versions answer 409 `batch_conflict` naming every product concerned
    (`adjustments.2.expected_version`, `prices.0.expected_version`). Prices are the owner's to change."""
    require_store(caller, store_id, *STOCK_WRITERS)
    if body.prices and caller.role != Role.owner:
        raise forbidden("Only the owner may change prices.")
    with state.db.write() as s:
        result, evented = inventory_batch.apply_batch(s, store_id, body, caller.actor)
        s.commit()
    if evented:
        state.notifier.notify()
    return result


@router.get("/stores/{store_id}/inventory/{product_id}/movements", responses=_ERRORS)
def list_movements(
    store_id: int,
    product_id: int,
    state: State,
    caller: Caller,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Page[StockMovementOut]:
    """The product's stock ledger in this store, newest first."""
    require_store(caller, store_id, *STOCK_READERS)
    with state.db.read() as s:
        return inventory.list_movements(s, store_id, product_id, offset=offset, limit=limit)
