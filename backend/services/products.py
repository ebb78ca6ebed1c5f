"""Brand catalogue: categories and products, with optimistic versions and soft deletes.

Every change bumps the catalogue revision of each store of the brand and appends a brand-level event in
the same transaction, so prepared catalogues and kiosks learn of it whichever process made it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Row, Select, func, or_, select, update
from sqlalchemy.orm import Session

from backend.errors import ApiError, conflict, not_found
from backend.events import emit
from backend.services.catalogue import CATEGORIES, PRODUCTS, bump_catalogue_rev
from core.schemas.catalogue import CategoryIn, CategoryOut, ProductIn, ProductOut, ProductPatch
from core.schemas.common import Page
from core.schemas.events import EventType
from core.timeutil import ensure_utc, utcnow

Detail = dict[str, Any]
# Patch fields the database cannot hold as NULL: an explicit null is an error, not "leave as is".
NOT_NULL_FIELDS = ("name_ko", "name_en", "price", "age_restricted", "active")
PRODUCT_OUT_COLUMNS = (
    PRODUCTS.c.id,
    PRODUCTS.c.sku,
    PRODUCTS.c.barcode,
    PRODUCTS.c.name_ko,
    PRODUCTS.c.name_en,
    PRODUCTS.c.category_id,
    PRODUCTS.c.price,
    PRODUCTS.c.image_url,
    PRODUCTS.c.age_restricted,
    PRODUCTS.c.active,
    PRODUCTS.c.currency,
    PRODUCTS.c.version,
    PRODUCTS.c.updated_at,
)


def validation_failed(details: list[Detail]) -> ApiError:
    return ApiError(422, "validation_error", "Some fields are not valid.", details)


def product_out(row: Row[Any]) -> ProductOut:
    values = row._asdict()
    values["updated_at"] = ensure_utc(values["updated_at"])
    values["age_restricted"] = bool(values["age_restricted"])
    values["active"] = bool(values["active"])
    return ProductOut.model_validate(values)


def select_products() -> Select[Any]:
    return select(*PRODUCT_OUT_COLUMNS)


def fetch_products(session: Session, ids: Iterable[int]) -> list[ProductOut]:
    """The given products in id order, one query."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    rows = session.execute(select_products().where(PRODUCTS.c.id.in_(wanted)).order_by(PRODUCTS.c.id))
    return [product_out(r) for r in rows]


def category_errors(
    session: Session, brand_id: int, wanted: Sequence[tuple[str, int | None]]
) -> list[Detail]:
    """A detail for each (field path, category id) naming a category that is not this brand's."""
    ids = {cid for _field, cid in wanted if cid is not None}
    if not ids:
        return []
    found = set(
        session.scalars(
            select(CATEGORIES.c.id).where(CATEGORIES.c.brand_id == brand_id, CATEGORIES.c.id.in_(ids))
        )
    )
    return [
        {"field": field, "message": f"Category {cid} does not exist."}
        for field, cid in wanted
        if cid is not None and cid not in found
    ]


def patch_values(patch: ProductPatch, prefix: str = "") -> tuple[dict[str, Any], list[Detail]]:
    """The columns a patch sets (only fields the client sent), and errors for nulls the schema allows
    but the table does not."""
    values = patch.model_dump(exclude_unset=True, exclude={"version", "id"})
    errors = [
        {"field": f"{prefix}{name}", "message": "This field cannot be null."}
        for name in NOT_NULL_FIELDS
        if name in values and values[name] is None
    ]
    return values, errors


def emit_product_events(
    session: Session, brand_id: int, changed: Sequence[int], deleted: Sequence[int] = ()
) -> None:
    bump_catalogue_rev(session, brand_id=brand_id)
    if changed:
        emit(
            session,
            EventType.product_changed,
            store_id=None,
            brand_id=brand_id,
            data={"product_ids": sorted(changed)},
        )
    if deleted:
        emit(
            session,
            EventType.product_deleted,
            store_id=None,
            brand_id=brand_id,
            data={"product_ids": sorted(deleted)},
        )


def list_categories(session: Session, brand_id: int) -> list[CategoryOut]:
    rows = session.execute(
        select(
            CATEGORIES.c.id,
            CATEGORIES.c.code,
            CATEGORIES.c.name_ko,
            CATEGORIES.c.name_en,
            CATEGORIES.c.sort_order,
        )
        .where(CATEGORIES.c.brand_id == brand_id)
        .order_by(CATEGORIES.c.sort_order, CATEGORIES.c.id)
    )
    return [CategoryOut.model_validate(r._asdict()) for r in rows]


def create_category(session: Session, brand_id: int, body: CategoryIn) -> CategoryOut:
    taken = session.scalar(
        select(CATEGORIES.c.id).where(CATEGORIES.c.brand_id == brand_id, CATEGORIES.c.code == body.code)
    )
    if taken is not None:
        raise conflict(
            "category_exists",
            f"A category with code '{body.code}' already exists.",
            [{"field": "code", "message": "Already used."}],
        )
    new_id = session.execute(
        CATEGORIES.insert().values(brand_id=brand_id, **body.model_dump()).returning(CATEGORIES.c.id)
    ).scalar_one()
    bump_catalogue_rev(session, brand_id=brand_id)
    return CategoryOut(id=new_id, **body.model_dump())


def list_products(
    session: Session,
    brand_id: int,
    *,
    q: str | None,
    category_id: int | None,
    active: bool | None,
    include_deleted: bool,
    offset: int,
    limit: int,
) -> Page[ProductOut]:
    conditions: list[Any] = [PRODUCTS.c.brand_id == brand_id]
    if not include_deleted:
        conditions.append(PRODUCTS.c.deleted.is_(False))
    if category_id is not None:
        conditions.append(PRODUCTS.c.category_id == category_id)
    if active is not None:
        conditions.append(PRODUCTS.c.active.is_(active))
    if q:
        pattern = f"%{q.strip()}%"
        conditions.append(
            or_(
                *(
                    col.ilike(pattern)
                    for col in (PRODUCTS.c.sku, PRODUCTS.c.barcode, PRODUCTS.c.name_ko, PRODUCTS.c.name_en)
                )
            )
        )
    total = session.scalar(select(func.count()).select_from(PRODUCTS).where(*conditions)) or 0
    rows = session.execute(
        select_products().where(*conditions).order_by(PRODUCTS.c.id).offset(offset).limit(limit)
    )
    return Page[ProductOut](items=[product_out(r) for r in rows], total=total, offset=offset, limit=limit)


def create_product(session: Session, brand_id: int, body: ProductIn) -> ProductOut:
    errors = category_errors(session, brand_id, [("category_id", body.category_id)])
    if errors:
        raise validation_failed(errors)
    taken = session.scalar(
        select(PRODUCTS.c.id).where(PRODUCTS.c.brand_id == brand_id, PRODUCTS.c.sku == body.sku)
    )
    if taken is not None:
        raise conflict(
            "sku_exists",
            f"SKU '{body.sku}' is already used (perhaps by a deleted product).",
            [{"field": "sku", "message": "Already used."}],
        )
    row = session.execute(
        PRODUCTS.insert()
        .values(
            brand_id=brand_id,
            currency="KRW",
            version=1,
            deleted=False,
            updated_at=utcnow(),
            **body.model_dump(),
        )
        .returning(*PRODUCT_OUT_COLUMNS)
    ).one()
    product = product_out(row)
    emit_product_events(session, brand_id, [product.id])
    return product


def live_product_version(session: Session, brand_id: int, product_id: int) -> int:
    """The stored version of a non-deleted product of the brand; 404 otherwise."""
    version = session.scalar(
        select(PRODUCTS.c.version).where(
            PRODUCTS.c.id == product_id, PRODUCTS.c.brand_id == brand_id, PRODUCTS.c.deleted.is_(False)
        )
    )
    if version is None:
        raise not_found("product")
    return int(version)


def version_conflict(details: list[Detail]) -> ApiError:
    return conflict(
        "version_conflict", "Someone else changed this product meanwhile. Reload and retry.", details
    )


def apply_patch(session: Session, product_id: int, version: int, values: dict[str, Any]) -> bool:
    """Update one product if it still has `version`; False if it moved on (a concurrent writer)."""
    result = session.execute(
        update(PRODUCTS)
        .where(PRODUCTS.c.id == product_id, PRODUCTS.c.version == version, PRODUCTS.c.deleted.is_(False))
        .values(**values, version=PRODUCTS.c.version + 1, updated_at=utcnow())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def patch_product(session: Session, brand_id: int, product_id: int, patch: ProductPatch) -> ProductOut:
    stored = live_product_version(session, brand_id, product_id)
    values, errors = patch_values(patch)
    errors += category_errors(session, brand_id, [("category_id", values.get("category_id"))])
    if errors:
        raise validation_failed(errors)
    detail = [{"field": "version", "message": f"The product is at version {stored}, not {patch.version}."}]
    if stored != patch.version or not apply_patch(session, product_id, patch.version, values):
        raise version_conflict(detail)
    emit_product_events(session, brand_id, [product_id])
    return fetch_products(session, [product_id])[0]


def delete_product(session: Session, brand_id: int, product_id: int) -> None:
    """Soft delete: order lines keep pointing at the product; it leaves catalogues and listings."""
    live_product_version(session, brand_id, product_id)
    session.execute(
        update(PRODUCTS)
        .where(PRODUCTS.c.id == product_id)
        .values(deleted=True, version=PRODUCTS.c.version + 1, updated_at=utcnow())
    )
    emit_product_events(session, brand_id, [], [product_id])
