"""Inventory per store x product: listing, bulk adjustments (all or nothing) and the movement ledger.

A product of the brand with no inventory row yet is listed with quantity 0 and version 0, so a first
receipt or count can name `expected_version: 0` like any other.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import Row, func, insert, or_, select, update
from sqlalchemy.orm import Session

from backend.db.models import Store
from backend.errors import ApiError, conflict, not_found
from backend.services.catalogue import INVENTORY, PRODUCTS, STORES, bump_catalogue_rev
from backend.services.stock import MOVEMENTS, PendingEvent, StockChange, insert_events, record_movements
from core.schemas.common import Page
from core.schemas.inventory import (
    InventoryAdjustment,
    InventoryBulkRequest,
    InventoryOut,
    MovementReason,
    StockMovementOut,
)
from core.timeutil import ensure_utc, utcnow

Detail = dict[str, Any]
MANUAL_REASONS = {MovementReason.receipt, MovementReason.count, MovementReason.adjustment}


def _inventory_query(store_id: int, brand_id: int) -> Any:
    inv, p = INVENTORY.c, PRODUCTS.c
    return (
        select(
            p.id.label("product_id"),
            p.sku,
            p.name_ko,
            p.name_en,
            func.coalesce(inv.quantity, 0).label("quantity"),
            func.coalesce(inv.reorder_level, 0).label("reorder_level"),
            func.coalesce(inv.shelf_location, "").label("shelf_location"),
            func.coalesce(inv.version, 0).label("version"),
            func.coalesce(inv.updated_at, p.updated_at).label("updated_at"),
        )
        .select_from(PRODUCTS)
        .outerjoin(INVENTORY, (inv.product_id == p.id) & (inv.store_id == store_id))
        .where(p.brand_id == brand_id, p.deleted.is_(False))
    )


def _inventory_out(store_id: int, row: Row[Any]) -> InventoryOut:
    values = row._asdict()
    values["updated_at"] = ensure_utc(values["updated_at"])
    return InventoryOut(store_id=store_id, **values)


def store_brand(session: Session, store_id: int) -> tuple[int, str]:
    """(brand id, time zone) of a store; 404 if it does not exist."""
    row = session.execute(select(STORES.c.brand_id, STORES.c.timezone).where(STORES.c.id == store_id)).first()
    if row is None:
        raise not_found("store")
    return row.brand_id, row.timezone


def list_inventory(
    session: Session, store_id: int, *, q: str | None, low: bool, zero: bool, offset: int, limit: int
) -> Page[InventoryOut]:
    brand_id, _tz = store_brand(session, store_id)
    query = _inventory_query(store_id, brand_id)
    if q:
        pattern = f"%{q.strip()}%"
        cols = (PRODUCTS.c.sku, PRODUCTS.c.barcode, PRODUCTS.c.name_ko, PRODUCTS.c.name_en)
        query = query.where(or_(*(col.ilike(pattern) for col in cols)))
    quantity = func.coalesce(INVENTORY.c.quantity, 0)
    if zero:
        query = query.where(quantity <= 0)
    elif low:
        query = query.where(quantity <= func.coalesce(INVENTORY.c.reorder_level, 0))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.execute(query.order_by(PRODUCTS.c.id).offset(offset).limit(limit))
    items = [_inventory_out(store_id, r) for r in rows]
    return Page[InventoryOut](items=items, total=total, offset=offset, limit=limit)


def _request_errors(adjustments: list[InventoryAdjustment]) -> list[Detail]:
    errors: list[Detail] = []
    repeated = {pid for pid, n in Counter(a.product_id for a in adjustments).items() if n > 1}
    for i, adj in enumerate(adjustments):
        field = f"adjustments.{i}"
        is_count = adj.reason == MovementReason.count
        problem: tuple[str, str] | None = None
        if adj.product_id in repeated:
            problem = ("product_id", "Each product may appear once.")
        elif adj.reason not in MANUAL_REASONS:
            problem = ("reason", "Sales and refunds move stock through orders.")
        elif is_count and (adj.quantity is None or adj.delta is not None):
            problem = ("quantity", "A count gives `quantity` and no `delta`.")
        elif not is_count and adj.quantity is not None:
            problem = ("quantity", "Only a count sets an absolute quantity.")
        elif not is_count and (adj.delta, adj.reorder_level, adj.shelf_location) == (None, None, None):
            problem = ("delta", "Nothing to change.")
        if problem:
            errors.append({"field": f"{field}.{problem[0]}", "message": problem[1]})
    return errors


def _stock_errors(
    adjustments: list[InventoryAdjustment], current: dict[int, Row[Any]]
) -> tuple[list[Detail], list[Detail]]:
    """(validation errors, version conflicts) of the adjustments against the stored rows."""
    errors: list[Detail] = []
    conflicts: list[Detail] = []
    for i, adj in enumerate(adjustments):
        row = current.get(adj.product_id)
        if row is None:
            message = f"Product {adj.product_id} does not exist."
            errors.append({"field": f"adjustments.{i}.product_id", "message": message})
            continue
        if adj.expected_version is not None and adj.expected_version != row.version:
            message = (
                f"{row.name_en} ({row.sku}, product {row.product_id}) changed meanwhile: "
                f"now version {row.version}, quantity {row.quantity}."
            )
            conflicts.append({"field": f"adjustments.{i}.expected_version", "message": message})
        if adj.delta is not None and adj.delta < 0 and row.quantity + adj.delta < 0:
            message = f"Only {row.quantity} of {row.name_en} in stock."
            errors.append({"field": f"adjustments.{i}.delta", "message": message})
    return errors, conflicts


def _apply(
    session: Session, store_id: int, adj: InventoryAdjustment, row: Row[Any], now: datetime
) -> StockChange:
    quantity = adj.quantity if adj.quantity is not None else row.quantity + (adj.delta or 0)
    level = adj.reorder_level if adj.reorder_level is not None else row.reorder_level
    values = {
        "quantity": quantity,
        "reorder_level": level,
        "shelf_location": adj.shelf_location if adj.shelf_location is not None else row.shelf_location,
        "updated_at": now,
    }
    if row.version:
        session.execute(
            update(INVENTORY)
            .where(INVENTORY.c.store_id == store_id, INVENTORY.c.product_id == adj.product_id)
            .values(version=INVENTORY.c.version + 1, **values)
        )
    else:  # version 0: the product has no inventory row in this store yet
        session.execute(
            insert(INVENTORY).values(store_id=store_id, product_id=adj.product_id, version=1, **values)
        )
    return StockChange(
        product_id=adj.product_id,
        delta=quantity - row.quantity,
        quantity_after=quantity,
        reorder_level=level,
        reorder_level_before=row.reorder_level,
        sku=row.sku,
        name_ko=row.name_ko,
        name_en=row.name_en,
    )


def adjust_inventory(
    session: Session, store_id: int, body: InventoryBulkRequest, actor: str
) -> tuple[list[InventoryOut], bool]:
    """Apply every adjustment or none; returns the new rows and whether events were added."""
    errors = _request_errors(body.adjustments)
    if errors:
        raise ApiError(422, "validation_error", "Some adjustments are not valid.", errors)
    brand_id, timezone = store_brand(session, store_id)
    # Locks the store row first on PostgreSQL, which queues every writer of this store's stock behind it.
    bump_catalogue_rev(session, store_id=store_id)
    ids = [a.product_id for a in body.adjustments]
    query = _inventory_query(store_id, brand_id).where(PRODUCTS.c.id.in_(ids))
    current = {r.product_id: r for r in session.execute(query)}
    errors, conflicts = _stock_errors(body.adjustments, current)
    if errors:
        raise ApiError(422, "validation_error", "Some adjustments are not valid.", errors + conflicts)
    if conflicts:
        raise conflict(
            "inventory_conflict", "Someone else changed this stock meanwhile. Reload and retry.", conflicts
        )
    now = utcnow()
    by_reason: dict[MovementReason, list[tuple[StockChange, str]]] = {}
    for adj in body.adjustments:
        change = _apply(session, store_id, adj, current[adj.product_id], now)
        if adj.delta is not None or adj.quantity is not None:
            by_reason.setdefault(adj.reason, []).append((change, adj.note))
    store = Store(id=store_id, timezone=timezone)
    events: list[PendingEvent] = []
    for reason, pairs in by_reason.items():
        changes, notes = [c for c, _n in pairs], [n for _c, n in pairs]
        events += record_movements(
            session, store, brand_id, changes, reason=reason, actor=actor, now=now, notes=notes
        )
    insert_events(session, events, store_id=store_id, brand_id=brand_id, now=now)
    rows = session.execute(query.order_by(PRODUCTS.c.id))
    return [_inventory_out(store_id, r) for r in rows], bool(events)


def list_movements(
    session: Session, store_id: int, product_id: int, *, offset: int, limit: int
) -> Page[StockMovementOut]:
    """The product's ledger in this store, newest first."""
    brand_id, _tz = store_brand(session, store_id)
    owner = session.scalar(select(PRODUCTS.c.brand_id).where(PRODUCTS.c.id == product_id))
    if owner != brand_id:
        raise not_found("product")
    where = (MOVEMENTS.c.store_id == store_id, MOVEMENTS.c.product_id == product_id)
    total = session.scalar(select(func.count()).select_from(MOVEMENTS).where(*where)) or 0
    rows = session.execute(
        select(MOVEMENTS).where(*where).order_by(MOVEMENTS.c.id.desc()).offset(offset).limit(limit)
    )
    items = []
    for r in rows:
        values = r._asdict()
        values["order_id"] = str(values["order_id"]) if values["order_id"] else None
        values["created_at"] = ensure_utc(values["created_at"])
        items.append(StockMovementOut.model_validate(values))
    return Page[StockMovementOut](items=items, total=total, offset=offset, limit=limit)
