"""`autostore seed-demo`: a demo brand, two Seoul stores, users, a catalogue, stock and 18 months of sales.

The history before the last two weeks exists only as daily rollups (what the statistics and forecasts
read); the last two weeks are real orders, with lines, sandbox-approved payments and the stock ledger, and
the rollups of those days are exactly their sums. Everything is written with bulk inserts in one
transaction, so a failed seed leaves nothing behind.
"""

from __future__ import annotations

import logging
import secrets
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import ValidationError
from sqlalchemy import ColumnElement, Select, delete, or_, select
from sqlalchemy.orm import Session

from backend.db.migrate import upgrade_to_head
from backend.db.models import (
    Base,
    Brand,
    Category,
    Device,
    Order,
    Product,
    Store,
    SupportAssignment,
    User,
)
from backend.db.session import Database
from backend.security import hash_password
from backend.seed_data import CATEGORIES, PRODUCTS, PROMOTIONS_KO, ean13, sku
from backend.seed_orders import DemoIds, write_sales
from backend.seed_sales import StoreProfile, simulate_history
from backend.settings import BackendSettings
from core.schemas.devices import KioskConfig
from core.timeutil import local_date, utcnow

log = logging.getLogger("autostore.seed")

DEMO_BRAND = "오토스토어 데모"
DEMO_EMAILS = {
    "owner": "owner@demo.autostore",
    "staff": "staff@demo.autostore",
    "support": "support@demo.autostore",
}
TIMEZONE = "Asia/Seoul"
ORDER_WINDOW_DAYS = 14
DEFAULT_SEED = 20240601
STORES = [
    ("오토스토어 강남역점", "서울특별시 강남구 강남대로 396", StoreProfile(level=1.25, growth_per_year=0.12)),
    ("오토스토어 망원점", "서울특별시 마포구 망원로 47", StoreProfile(level=0.85, growth_per_year=0.04)),
]


class DemoExistsError(RuntimeError):
    """The demo brand (or one of its users) is already in the database."""


@dataclass(frozen=True)
class SeedSummary:
    brand_id: int
    store_ids: list[int]
    store_names: list[str]
    emails: dict[str, str]
    password: str
    password_generated: bool
    products: int
    first_day: date
    last_day: date
    orders: int
    order_lines: int
    store_day_rows: int
    product_day_rows: int
    seconds: float = field(compare=False)


def seed_demo(
    db: Database,
    password: str | None,
    *,
    today: date | None = None,
    days: int = 548,
    seed: int = DEFAULT_SEED,
) -> SeedSummary:
    """Create the demo data for the `days` days before `today` (Seoul time); the same seed gives the
    same data. Raises DemoExistsError when the demo is already there (see `reset_demo`)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    today = today or local_date(utcnow(), TIMEZONE)
    first_day = today - timedelta(days=days)
    window = min(ORDER_WINDOW_DAYS, days)
    generated = password is None
    password = password or secrets.token_urlsafe(9)
    history = simulate_history(rng, first_day, days, PRODUCTS, [p for _n, _a, p in STORES], window)
    password_hash = hash_password(password)  # before the transaction: Argon2 is slow on purpose
    with db.write() as s:
        if _demo_present(s):
            raise DemoExistsError(
                f"The demo brand '{DEMO_BRAND}' or its users already exist. "
                "Run `autostore seed-demo --reset` to replace them."
            )
        ids = _create_entities(s, password_hash, first_day + timedelta(days=days - window))
        counts = write_sales(s, rng, ids, history, window, TIMEZONE)
        s.commit()
    return SeedSummary(
        brand_id=ids.brand_id,
        store_ids=ids.store_ids,
        store_names=[name for name, _a, _p in STORES],
        emails=dict(DEMO_EMAILS),
        password=password,
        password_generated=generated,
        products=len(ids.product_ids),
        first_day=first_day,
        last_day=today - timedelta(days=1),
        orders=counts.orders,
        order_lines=counts.order_lines,
        store_day_rows=counts.store_day_rows,
        product_day_rows=counts.product_day_rows,
        seconds=time.perf_counter() - started,
    )


def _demo_present(s: Session) -> bool:
    brand = s.scalar(select(Brand.id).where(Brand.name == DEMO_BRAND))
    user = s.scalar(select(User.id).where(User.email.in_(DEMO_EMAILS.values())).limit(1))
    return brand is not None or user is not None


def _create_entities(s: Session, password_hash: str, devices_since: date) -> DemoIds:
    brand = Brand(name=DEMO_BRAND)
    s.add(brand)
    s.flush()
    config = KioskConfig(language="ko", promotions=PROMOTIONS_KO, offline_floor_limit=30_000)
    stores = [
        Store(
            brand_id=brand.id,
            name=name,
            address=address,
            timezone=TIMEZONE,
            currency="KRW",
            kiosk_config=config.model_dump(mode="json"),
        )
        for name, address, _profile in STORES
    ]
    s.add_all(stores)
    s.flush()
    owner = User(email=DEMO_EMAILS["owner"], role="owner", brand_id=brand.id, full_name="김민준 (점주)")
    staff = User(
        email=DEMO_EMAILS["staff"], role="staff", brand_id=brand.id, store_id=stores[0].id, full_name="이서연"
    )
    support = User(email=DEMO_EMAILS["support"], role="support", brand_id=None, full_name="박지훈 (지원)")
    for user in (owner, staff, support):
        user.password_hash = password_hash
    s.add_all([owner, staff, support])
    s.flush()
    s.add(SupportAssignment(user_id=support.id, store_id=stores[1].id))
    categories = {}
    for order, cat in enumerate(CATEGORIES):
        categories[cat.code] = Category(
            brand_id=brand.id, code=cat.code, name_ko=cat.name_ko, name_en=cat.name_en, sort_order=order
        )
    s.add_all(categories.values())
    s.flush()
    restricted = {c.code for c in CATEGORIES if c.age_restricted}
    products = [
        Product(
            brand_id=brand.id,
            sku=sku(i, p.category),
            barcode=ean13(i + 1),
            name_ko=p.name_ko,
            name_en=p.name_en,
            category_id=categories[p.category].id,
            price=p.price,
            currency="KRW",
            age_restricted=p.category in restricted,
        )
        for i, p in enumerate(PRODUCTS)
    ]
    s.add_all(products)
    devices_at = _local_noon(devices_since)
    devices = [
        [
            Device(store_id=store.id, kind="kiosk", name=name, app_version="demo", created_at=devices_at)
            for name in ("키오스크 1 (입구)", "키오스크 2")
        ]
        for store in stores
    ]
    s.add_all([d for per_store in devices for d in per_store])
    s.flush()
    return DemoIds(
        brand_id=brand.id,
        store_ids=[st.id for st in stores],
        device_ids=[[d.id for d in per_store] for per_store in devices],
        product_ids=[p.id for p in products],
        prices=np.array([p.price for p in PRODUCTS], dtype=np.int64),
        skus=[p.sku for p in products],
        names=[(p.name_ko, p.name_en) for p in PRODUCTS],
        actor=f"user:{staff.id}",
    )


def _local_noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo(TIMEZONE)).astimezone(UTC)


def reset_demo(db: Database) -> bool:
    """Delete the demo brand and everything of it (in any table that points at its stores, users,
    devices, orders or products, so tables added later are covered too). False when there was none."""
    with db.write() as s:
        brand_id = s.scalar(select(Brand.id).where(Brand.name == DEMO_BRAND))
        users = select(User.id).where(or_(User.email.in_(DEMO_EMAILS.values()), User.brand_id == brand_id))
        if brand_id is None and s.scalar(users.limit(1)) is None:
            return False
        stores = select(Store.id).where(Store.brand_id == brand_id)
        keys: dict[str, Select[Any]] = {
            "brands": select(Brand.id).where(Brand.id == brand_id),
            "stores": stores,
            "users": users,
            "devices": select(Device.id).where(Device.store_id.in_(stores)),
            "orders": select(Order.id).where(Order.store_id.in_(stores)),
            "products": select(Product.id).where(Product.brand_id == brand_id),
            "categories": select(Category.id).where(Category.brand_id == brand_id),
        }
        plain = {"store_id": "stores", "brand_id": "brands", "order_id": "orders", "device_id": "devices"}
        for table in reversed(Base.metadata.sorted_tables):  # children before the rows they point at
            conditions: list[ColumnElement[bool]] = []
            if table.name in keys:
                conditions.append(table.c.id.in_(keys[table.name]))
            for column in table.columns:
                targets = {fk.column.table.name for fk in column.foreign_keys}
                if not targets and column.name in plain:  # e.g. events.store_id: no foreign key
                    targets = {plain[column.name]}
                conditions += [column.in_(keys[t]) for t in targets if t in keys]
            if conditions:
                s.execute(delete(table).where(or_(*conditions)))
        s.commit()
    return True


def seed_demo_cli(password: str | None, reset: bool) -> int:
    """The `autostore seed-demo` command: migrate the configured database, then seed it."""
    try:
        # Seeding signs no tokens, so it runs without a real secret key (demo_mode skips that check).
        settings = BackendSettings(demo_mode=True)
    except ValidationError as exc:
        print(f"autostore seed-demo: configuration error: {exc}", file=sys.stderr)
        return 2
    db = Database(settings.effective_database_url, sqlite_synchronous=settings.sqlite_synchronous)
    try:
        upgrade_to_head(db.write_engine)
        if reset and reset_demo(db):
            print(f"Removed the previous demo brand '{DEMO_BRAND}' and its data.")
        summary = seed_demo(db, password)
    except DemoExistsError as exc:
        print(f"autostore seed-demo: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    print(_describe(summary, db.url.render_as_string(hide_password=True)))
    return 0


def _describe(summary: SeedSummary, where: str) -> str:
    stores = ", ".join(f"{n} (id {i})" for n, i in zip(summary.store_names, summary.store_ids, strict=True))
    password = (
        f"Password: {summary.password}   (generated; pass --password to choose one)"
        if summary.password_generated
        else "Password: the one you gave with --password"
    )
    return "\n".join(
        [
            f"Demo data written to {where} in {summary.seconds:.1f} s.",
            f"  Brand '{DEMO_BRAND}' (id {summary.brand_id}); stores: {stores}",
            f"  {summary.products} products; daily sales {summary.first_day} to {summary.last_day}; "
            f"{summary.orders:,} orders in the last {ORDER_WINDOW_DAYS} days",
            "Sign in as:",
            f"  {summary.emails['owner']:<26} owner: both stores",
            f"  {summary.emails['staff']:<26} staff: {summary.store_names[0]}",
            f"  {summary.emails['support']:<26} support: {summary.store_names[1]}",
            password,
        ]
    )
