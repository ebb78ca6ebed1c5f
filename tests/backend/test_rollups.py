"""Daily rollups: upserts add up, days are the store's local days, refunds and stockouts."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from backend.db.migrate import upgrade_to_head
from backend.db.models import Order, OrderLine, ProductDailySales, Store, StoreDailySales
from backend.db.session import Database
from backend.services.rollups import mark_stockout, record_refund, record_sale
from core.schemas.orders import OrderStatus
from tests.backend.world import World, build_world


def _fresh_world(url: str) -> tuple[Database, World]:
    db = Database(url)
    upgrade_to_head(db.write_engine)
    return db, build_world(db)


def _sell(db: Database, store_id: int, created_at: datetime, items: list[tuple[int, int, int]]) -> uuid.UUID:
    """Create a paid order of (product_id, quantity, unit_price) lines and roll it up, as order code does."""
    with db.write() as s:
        store = s.get(Store, store_id)
        assert store is not None
        order = Order(
            id=uuid.uuid4(),
            number="T-1",
            store_id=store_id,
            status=OrderStatus.paid,
            total=sum(q * p for _pid, q, p in items),
            vat=0,
            currency="KRW",
            created_at=created_at,
        )
        order.lines = [
            OrderLine(
                product_id=pid, sku="S", name_ko="k", name_en="e", quantity=q, unit_price=p, line_total=q * p
            )
            for pid, q, p in items
        ]
        s.add(order)
        s.flush()
        record_sale(s, store, order, order.lines)
        s.commit()
        return order.id


def _store_day(db: Database, store_id: int, day: date) -> tuple[int, int, int] | None:
    with db.read() as s:
        row = s.get(StoreDailySales, (store_id, day))
        return None if row is None else (row.orders, row.items, row.revenue)


def _product_day(db: Database, store_id: int, product_id: int, day: date) -> tuple[int, int, bool] | None:
    with db.read() as s:
        row = s.get(ProductDailySales, (store_id, product_id, day))
        return None if row is None else (row.quantity, row.revenue, row.stockout)


def test_sales_add_up_per_local_day(any_db_url: str) -> None:
    db, world = _fresh_world(any_db_url)
    water, cola, _ = world.products_a
    # 15:30 UTC is 00:30 the next day in Seoul (UTC+9): the order belongs to 2024-03-02 there.
    _sell(db, world.store_a1, datetime(2024, 3, 1, 15, 30, tzinfo=UTC), [(water, 2, 1000), (cola, 1, 1800)])
    # 14:59 UTC is 23:59 on 2024-03-01 in Seoul.
    _sell(db, world.store_a1, datetime(2024, 3, 1, 14, 59, tzinfo=UTC), [(water, 1, 1000)])
    # The same product on two lines of one order is merged before the upsert.
    _sell(db, world.store_a1, datetime(2024, 3, 2, 3, 0, tzinfo=UTC), [(water, 1, 1000), (water, 3, 1000)])

    assert _store_day(db, world.store_a1, date(2024, 3, 1)) == (1, 1, 1000)
    assert _store_day(db, world.store_a1, date(2024, 3, 2)) == (2, 7, 7800)
    assert _product_day(db, world.store_a1, water, date(2024, 3, 2)) == (6, 6000, False)
    assert _product_day(db, world.store_a1, cola, date(2024, 3, 2)) == (1, 1800, False)
    assert _store_day(db, world.store_a2, date(2024, 3, 2)) is None
    db.dispose()


def test_concurrent_first_orders_of_a_day_do_not_collide(any_db_url: str) -> None:
    db, world = _fresh_world(any_db_url)
    water = world.products_a[0]
    moment = datetime(2024, 5, 5, 1, 0, tzinfo=UTC)
    errors: list[BaseException] = []

    def sell() -> None:
        try:
            _sell(db, world.store_a2, moment, [(water, 1, 1000)])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=sell) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _store_day(db, world.store_a2, date(2024, 5, 5)) == (8, 8, 8000)
    assert _product_day(db, world.store_a2, water, date(2024, 5, 5)) == (8, 8000, False)
    db.dispose()


def test_refunds_come_off_the_order_day(tmp_path: Path) -> None:
    db, world = _fresh_world(f"sqlite:///{tmp_path / 'r.db'}")
    water, cola, _ = world.products_a
    created = datetime(2024, 3, 1, 16, 0, tzinfo=UTC)  # 2024-03-02 in Seoul
    order_id = _sell(db, world.store_a1, created, [(water, 2, 1000), (cola, 1, 1800)])
    day = date(2024, 3, 2)

    with db.write() as s:
        store, order = s.get(Store, world.store_a1), s.get(Order, order_id)
        assert store is not None and order is not None
        water_line = next(line for line in order.lines if line.product_id == water)
        water_line.refunded_quantity = 1
        order.status = OrderStatus.partially_refunded
        record_refund(s, store, order, [(water_line, 1)])
        s.commit()
    assert _store_day(db, world.store_a1, day) == (1, 2, 2800)
    assert _product_day(db, world.store_a1, water, day) == (1, 1000, False)

    with db.write() as s:
        store, order = s.get(Store, world.store_a1), s.get(Order, order_id)
        assert store is not None and order is not None
        for line in order.lines:
            line.refunded_quantity = line.quantity
        order.status = OrderStatus.refunded
        rest = [(line, 1) for line in order.lines]
        record_refund(s, store, order, rest)
        s.commit()
    assert _store_day(db, world.store_a1, day) == (0, 0, 0)
    assert _product_day(db, world.store_a1, cola, day) == (0, 0, False)
    db.dispose()


def test_mark_stockout_creates_or_flags_the_day(any_db_url: str) -> None:
    db, world = _fresh_world(any_db_url)
    water, cola, _ = world.products_a
    _sell(db, world.store_a1, datetime(2024, 7, 1, 2, 0, tzinfo=UTC), [(water, 3, 1000)])
    with db.write() as s:
        store = s.get(Store, world.store_a1)
        assert store is not None
        mark_stockout(s, store, water, datetime(2024, 7, 1, 5, 0, tzinfo=UTC))
        mark_stockout(s, store, cola, datetime(2024, 7, 1, 15, 10, tzinfo=UTC))  # Seoul: 2 July
        mark_stockout(s, store, cola, datetime(2024, 7, 1, 15, 20, tzinfo=UTC))  # twice is harmless
        s.commit()
    assert _product_day(db, world.store_a1, water, date(2024, 7, 1)) == (3, 3000, True)
    assert _product_day(db, world.store_a1, cola, date(2024, 7, 2)) == (0, 0, True)
    with db.read() as s:
        flagged = s.scalars(select(ProductDailySales.day).where(ProductDailySales.stockout.is_(True))).all()
    assert sorted(flagged) == [date(2024, 7, 1), date(2024, 7, 2)]
    db.dispose()
