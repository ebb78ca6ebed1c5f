"""A store's stock adjustments and brand-wide price changes saved together: one transaction, all or nothing.

The owner app's grid edits stock and prices side by side; saving them in two requests could leave the stock
saved and the prices not. Here both go through the same service functions as their own endpoints (so the
same checks, ledger, events and catalogue revisions), and any problem in either part refuses the whole
batch. Both parts are always checked, so one refusal names every problem at once: validation problems
answer 422, stale versions alone 409 `batch_conflict`. The caller commits; raising leaves the transaction
to roll back, which also undoes whatever the first part had already written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from backend.errors import ApiError, conflict
from backend.services.inventory import Detail, adjust_inventory, store_brand
from backend.services.product_bulk import apply_bulk
from core.schemas.catalogue import ProductBulkRequest, ProductBulkUpdate, ProductOut
from core.schemas.inventory import (
    InventoryBatchPrice,
    InventoryBatchRequest,
    InventoryBatchResult,
    InventoryBulkRequest,
    InventoryOut,
)

T = TypeVar("T")
# product_bulk names its items `update.3.version`; this request calls them `prices.3.expected_version`.
_UPDATE_FIELD = re.compile(r"^update(?:\.(\d+)(?:\.(\w+))?)?$")
_PRICE_FIELD_NAMES = {"id": "product_id", "version": "expected_version", "price": "price"}


def _price_field(field: str) -> str:
    match = _UPDATE_FIELD.match(field)
    if match is None:
        return field
    index, name = match.groups()
    parts = ["prices"]
    if index is not None:
        parts.append(index)
    if name is not None:
        parts.append(_PRICE_FIELD_NAMES.get(name, name))
    return ".".join(parts)


def _price_request(prices: list[InventoryBatchPrice]) -> ProductBulkRequest:
    return ProductBulkRequest(
        update=[
            ProductBulkUpdate(id=item.product_id, version=item.expected_version, price=item.price)
            for item in prices
        ]
    )


def _attempt(run: Callable[[], T]) -> tuple[T | None, ApiError | None]:
    """Run one part; a 409 or 422 comes back as a value so the other part is still checked."""
    try:
        return run(), None
    except ApiError as exc:
        if exc.status not in (409, 422):
            raise
        return None, exc


def apply_batch(
    session: Session, store_id: int, body: InventoryBatchRequest, actor: str
) -> tuple[InventoryBatchResult, bool]:
    """Apply every adjustment and price or none; returns the new rows and products, and whether events
    were added (the caller notifies the streams after committing)."""
    brand_id, _timezone = store_brand(session, store_id)
    # Prices first: their brand-wide revision bump locks the brand's stores in id order (PostgreSQL), the
    # order every other brand-wide writer uses; the stock part then re-locks a store this transaction holds.
    products: list[ProductOut] = []
    price_error: ApiError | None = None
    if body.prices:
        result, price_error = _attempt(lambda: apply_bulk(session, brand_id, _price_request(body.prices)))
        if result is not None:
            products = result.updated
    rows: list[InventoryOut] = []
    stock_evented = False
    stock_error: ApiError | None = None
    if body.adjustments:
        request = InventoryBulkRequest(adjustments=body.adjustments)
        adjusted, stock_error = _attempt(lambda: adjust_inventory(session, store_id, request, actor))
        if adjusted is not None:
            rows, stock_evented = adjusted
    _raise_if_refused(stock_error, price_error)
    return InventoryBatchResult(inventory=rows, products=products), stock_evented or bool(products)


def _raise_if_refused(stock_error: ApiError | None, price_error: ApiError | None) -> None:
    failures = [e for e in (stock_error, price_error) if e is not None]
    if not failures:
        return
    details: list[Detail] = list(stock_error.details) if stock_error else []
    if price_error is not None:
        details += [{**d, "field": _price_field(str(d.get("field", "")))} for d in price_error.details]
    if any(e.status == 422 for e in failures):
        raise ApiError(422, "validation_error", "Some changes are not valid; nothing was saved.", details)
    raise conflict(
        "batch_conflict",
        "Someone else changed some of these items meanwhile; nothing was saved. Reload and retry.",
        details,
    )
