"""Bulk product changes: create, update and delete in one transaction, all or nothing.

Everything is checked before anything is written, and every problem is reported at once with the path of
the item it concerns (`create.3.sku`, `update.0.version`, `delete.2`), so an owner importing a price list
fixes the file in one pass. Validation problems answer 422; when the only problems are stale versions,
409 `version_conflict`. The caller commits; raising leaves the transaction to roll back.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from backend.services.catalogue import PRODUCTS
from backend.services.products import (
    PRODUCT_OUT_COLUMNS,
    Detail,
    apply_patch,
    category_errors,
    emit_product_events,
    fetch_products,
    patch_values,
    validation_failed,
    version_conflict,
)
from core.schemas.catalogue import ProductBulkRequest, ProductBulkResult
from core.timeutil import utcnow


def _create_errors(session: Session, brand_id: int, body: ProductBulkRequest) -> list[Detail]:
    skus = [item.sku for item in body.create]
    repeated = {sku for sku, n in Counter(skus).items() if n > 1}
    stored = set(
        session.scalars(
            select(PRODUCTS.c.sku).where(PRODUCTS.c.brand_id == brand_id, PRODUCTS.c.sku.in_(skus))
        )
    )
    errors: list[Detail] = []
    for i, sku in enumerate(skus):
        if sku in repeated:
            errors.append({"field": f"create.{i}.sku", "message": f"SKU '{sku}' appears more than once."})
        elif sku in stored:
            errors.append({"field": f"create.{i}.sku", "message": f"SKU '{sku}' is already used."})
    return errors


def _stored_versions(session: Session, brand_id: int, ids: set[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = session.execute(
        select(PRODUCTS.c.id, PRODUCTS.c.version).where(
            PRODUCTS.c.brand_id == brand_id, PRODUCTS.c.deleted.is_(False), PRODUCTS.c.id.in_(ids)
        )
    )
    return {row.id: row.version for row in rows}


def _check(
    session: Session, brand_id: int, body: ProductBulkRequest
) -> tuple[list[dict[str, Any]], list[Detail], list[Detail]]:
    """(update values per item, validation errors, version conflicts)."""
    errors = _create_errors(session, brand_id, body)
    conflicts: list[Detail] = []
    stored = _stored_versions(session, brand_id, {u.id for u in body.update} | set(body.delete))
    updated_ids = Counter(u.id for u in body.update)
    all_values: list[dict[str, Any]] = []
    for i, item in enumerate(body.update):
        values, null_errors = patch_values(item, prefix=f"update.{i}.")
        all_values.append(values)
        errors += null_errors
        if item.id not in stored:
            errors.append({"field": f"update.{i}.id", "message": f"Product {item.id} does not exist."})
        elif updated_ids[item.id] > 1 or item.id in body.delete:
            errors.append({"field": f"update.{i}.id", "message": f"Product {item.id} is changed twice."})
        elif stored[item.id] != item.version:
            conflicts.append(
                {
                    "field": f"update.{i}.version",
                    "message": f"Product {item.id} is at version {stored[item.id]}.",
                }
            )
    for i, product_id in enumerate(body.delete):
        if product_id not in stored:
            errors.append({"field": f"delete.{i}", "message": f"Product {product_id} does not exist."})
    wanted = [(f"create.{i}.category_id", c.category_id) for i, c in enumerate(body.create)]
    wanted += [(f"update.{i}.category_id", v.get("category_id")) for i, v in enumerate(all_values)]
    errors += category_errors(session, brand_id, wanted)
    return all_values, errors, conflicts


def apply_bulk(session: Session, brand_id: int, body: ProductBulkRequest) -> ProductBulkResult:
    all_values, errors, conflicts = _check(session, brand_id, body)
    if errors:
        raise validation_failed(errors + conflicts)
    if conflicts:
        raise version_conflict(conflicts)
    now = utcnow()
    created_ids: list[int] = []
    if body.create:
        rows = [
            {"brand_id": brand_id, "currency": "KRW", "version": 1, "deleted": False, "updated_at": now,
             **item.model_dump()}
            for item in body.create
        ]  # fmt: skip
        result = session.execute(
            insert(PRODUCTS).returning(PRODUCT_OUT_COLUMNS[0], sort_by_parameter_order=True), rows
        )
        created_ids = list(result.scalars())
    for item, values in zip(body.update, all_values, strict=True):
        if not apply_patch(session, item.id, item.version, values):
            # A writer on another connection got there between our check and this update (PostgreSQL).
            raise version_conflict([{"field": "update", "message": f"Product {item.id} changed meanwhile."}])
    if body.delete:
        session.execute(
            update(PRODUCTS)
            .where(PRODUCTS.c.id.in_(body.delete))
            .values(deleted=True, version=PRODUCTS.c.version + 1, updated_at=now)
        )
    changed = created_ids + [u.id for u in body.update]
    emit_product_events(session, brand_id, changed, body.delete)
    by_id = {p.id: p for p in fetch_products(session, changed)}
    return ProductBulkResult(
        created=[by_id[i] for i in created_ids],
        updated=[by_id[u.id] for u in body.update],
        deleted=list(body.delete),
    )
