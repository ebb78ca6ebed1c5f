"""A store's catalogue: brand products with that store's price and stock, prepared once per revision.

Kiosks fetch the catalogue often and it changes far less often, so each backend process keeps the
serialised JSON of the latest revision per store and answers from it (or with 304) after one indexed read
of `stores.catalogue_rev`. The revision is bumped in the same transaction as any change the catalogue
shows (a product, a category, that store's stock), so no process serves a body older than the database,
whichever process or machine made the change.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from sqlalchemy import Connection, Table, bindparam, select, update
from sqlalchemy.orm import Session

from backend.db.lookup import RawLookup
from backend.db.models import Category, Inventory, Product, Store
from backend.db.session import Database
from core.schemas.catalogue import CatalogueItem, CategoryOut, StoreCatalogue
from core.timeutil import utcnow

STORES: Table = Store.__table__  # type: ignore[assignment]
PRODUCTS: Table = Product.__table__  # type: ignore[assignment]
CATEGORIES: Table = Category.__table__  # type: ignore[assignment]
INVENTORY: Table = Inventory.__table__  # type: ignore[assignment]
_REVISION = select(STORES.c.catalogue_rev).where(STORES.c.id == bindparam("store_id"))
_REVISION_LOOKUP = RawLookup(_REVISION)


def bump_catalogue_rev(session: Session, *, store_id: int | None = None, brand_id: int | None = None) -> None:
    """Mark one store's catalogue, or every catalogue of a brand, as changed. Call inside the change's
    transaction; store rows are locked in id order so concurrent brand-wide bumps cannot deadlock."""
    if (store_id is None) == (brand_id is None):
        raise ValueError("give exactly one of store_id and brand_id")
    stmt = update(STORES).values(catalogue_rev=STORES.c.catalogue_rev + 1)
    if store_id is not None:
        session.execute(stmt.where(STORES.c.id == store_id))
        return
    ids = session.scalars(
        select(STORES.c.id).where(STORES.c.brand_id == brand_id).order_by(STORES.c.id)
    ).all()
    if ids:
        session.execute(stmt.where(STORES.c.id.in_(ids)))


def build_store_catalogue(session: Session | Connection, store_id: int) -> StoreCatalogue:
    """Every active, non-deleted product of the store's brand, with the store's quantity (0 if none)."""
    brand_id = session.scalar(select(STORES.c.brand_id).where(STORES.c.id == store_id))
    if brand_id is None:
        raise LookupError(f"store {store_id} not found")
    categories = session.execute(
        select(
            CATEGORIES.c.id,
            CATEGORIES.c.code,
            CATEGORIES.c.name_ko,
            CATEGORIES.c.name_en,
            CATEGORIES.c.sort_order,
        )
        .where(CATEGORIES.c.brand_id == brand_id)
        .order_by(CATEGORIES.c.sort_order, CATEGORIES.c.id)
    ).all()
    p = PRODUCTS.c
    rows = session.execute(
        select(
            p.id,
            p.sku,
            p.barcode,
            p.name_ko,
            p.name_en,
            p.category_id,
            p.price,
            p.currency,
            p.image_url,
            p.age_restricted,
            p.version,
            INVENTORY.c.quantity,
        )
        .outerjoin(INVENTORY, (INVENTORY.c.product_id == p.id) & (INVENTORY.c.store_id == store_id))
        .where(p.brand_id == brand_id, p.active.is_(True), p.deleted.is_(False))
        .order_by(p.category_id, p.id)
    ).all()
    # Rows come from our own tables, so model_construct skips re-validating what the database enforces.
    items = [
        CatalogueItem.model_construct(
            product_id=r.id,
            sku=r.sku,
            barcode=r.barcode,
            name_ko=r.name_ko,
            name_en=r.name_en,
            category_id=r.category_id,
            price=r.price,
            currency=r.currency,
            image_url=r.image_url,
            age_restricted=bool(r.age_restricted),
            quantity=r.quantity or 0,
            version=r.version,
        )
        for r in rows
    ]
    return StoreCatalogue.model_construct(
        store_id=store_id,
        categories=[CategoryOut.model_construct(**c._asdict()) for c in categories],
        items=items,
        generated_at=utcnow(),
    )


@dataclass(frozen=True)
class PreparedCatalogue:
    store_id: int
    revision: int
    etag: str
    body: bytes

    def matches(self, if_none_match: str | None) -> bool:
        """Whether an If-None-Match header names this body (weak comparison, as RFC 9110 asks for)."""
        if not if_none_match:
            return False
        wanted = self.etag.removeprefix("W/")
        for tag in if_none_match.split(","):
            tag = tag.strip()
            if tag == "*" or tag.removeprefix("W/") == wanted:
                return True
        return False


def catalogue_etag(body: bytes) -> str:
    """A hash of what the catalogue says, leaving out its `generated_at` stamp (the last field).

    From the content rather than the revision, so every process names the same catalogue alike, and a
    kiosk holding an ETag from before a database reset (where revisions restart) cannot get a wrong 304.
    Weak, because two processes' bodies for the same content differ in the stamp.
    """
    content = body[: body.rindex(b',"generated_at":')]
    return f'W/"{hashlib.blake2b(content, digest_size=12).hexdigest()}"'


class CatalogueCache:
    """The prepared catalogue of each store, for one process; safe to share between request threads."""

    def __init__(self) -> None:
        self._entries: dict[int, PreparedCatalogue] = {}
        self._build_lock = threading.Lock()

    def current(self, db: Database, store_id: int) -> PreparedCatalogue | None:
        """The prepared catalogue if it is still current (one raw indexed read of the revision), else
        None: never built, stale, or no such store. Never builds, so it is quick enough for the event
        loop on SQLite."""
        row = db.quick_read(_REVISION_LOOKUP, store_id=store_id)
        entry = self._entries.get(store_id)
        if row is not None and entry is not None and entry.revision == row[0]:
            return entry
        return None

    def get(self, db: Database, store_id: int) -> PreparedCatalogue:
        """The current catalogue of `store_id`; LookupError for a store that does not exist.

        The common case costs one raw indexed read: the revision matches the prepared body. Otherwise
        the body is rebuilt in one transaction that reads the revision before the products, so a body
        is never older than the revision it is filed under (at worst newer, which the next revision
        replaces). Any revision other than the cached one means a rebuild.
        """
        entry = self.current(db, store_id)
        if entry is not None:
            return entry
        # One build at a time: a burst of kiosks after a price change must not build the same body N times.
        with self._build_lock, db.read_engine.connect() as conn:
            revision = conn.scalar(_REVISION, {"store_id": store_id})
            if revision is None:
                raise LookupError(f"store {store_id} not found")
            entry = self._entries.get(store_id)
            if entry is not None and entry.revision == revision:
                return entry
            body = build_store_catalogue(conn, store_id).model_dump_json().encode()
            entry = PreparedCatalogue(
                store_id=store_id, revision=revision, etag=catalogue_etag(body), body=body
            )
            self._entries[store_id] = entry
            return entry

    def clear(self) -> None:
        self._entries.clear()
