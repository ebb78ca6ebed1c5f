"""Brands and stores: listing within a scope, creating and editing a brand's stores."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db.models import Brand, Store
from backend.errors import ApiError, not_found
from backend.events import emit
from core.schemas.stores import BrandOut, StoreCreate, StoreOut, StoreUpdate


def list_stores(session: Session, store_ids: Iterable[int]) -> list[StoreOut]:
    ids = list(store_ids)
    if not ids:
        return []
    rows = session.scalars(select(Store).where(Store.id.in_(ids)).order_by(Store.id))
    return [StoreOut.model_validate(store) for store in rows]


def get_store(session: Session, store_id: int) -> Store:
    store = session.get(Store, store_id)
    if store is None:
        raise not_found("store")
    return store


def get_brand(session: Session, brand_id: int | None) -> BrandOut:
    brand = session.get(Brand, brand_id) if brand_id is not None else None
    if brand is None:
        raise not_found("brand")
    return BrandOut.model_validate(brand)


def create_store(session: Session, brand_id: int, body: StoreCreate) -> StoreOut:
    _check_timezone(body.timezone)
    store = Store(
        brand_id=brand_id,
        name=body.name,
        timezone=body.timezone,
        currency=body.currency,
        address=body.address,
        kiosk_config={},
    )
    session.add(store)
    session.flush()
    emit(session, "store.created", store_id=store.id, brand_id=brand_id, data={"store_id": store.id})
    return StoreOut.model_validate(store)


def update_store(session: Session, store: Store, body: StoreUpdate) -> StoreOut:
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    if "timezone" in changes:
        _check_timezone(changes["timezone"])
    for field, value in changes.items():
        setattr(store, field, value)
    if changes:
        session.flush()
        emit(
            session,
            "store.updated",
            store_id=store.id,
            brand_id=store.brand_id,
            data={"store_id": store.id, "fields": sorted(changes)},
        )
    return StoreOut.model_validate(store)


def _check_timezone(name: str) -> None:
    """Daily rollups use the store's zone, so an unknown zone is refused here rather than failing later."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ApiError(
            422,
            "validation_error",
            "Some fields are not valid.",
            [
                {
                    "field": "timezone",
                    "message": f"Unknown time zone {name!r}; use an IANA name like Asia/Seoul.",
                }
            ],
        ) from None
