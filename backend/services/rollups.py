"""Daily sales rollups, kept current inside every order and refund transaction.

Each order adds to one row of store_daily_sales and one row per product of product_daily_sales, for the
order's calendar day in the store's time zone. The rows are written with an upsert (INSERT ... ON CONFLICT
DO UPDATE adding to the counters), so two first orders of a day on PostgreSQL cannot collide on the
primary key, and no read-modify-write race can lose an increment. Product rows are upserted in product id
order so concurrent orders lock the same rows in the same order (no deadlocks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from backend.db.lookup import RawStatement
from backend.db.models import Order, OrderLine, ProductDailySales, Store, StoreDailySales
from core.schemas.orders import OrderStatus
from core.timeutil import local_date


class StoreZone(Protocol):
    """What the rollups need of a store: a Store row, or the id and zone an order already has in hand."""

    @property
    def id(self) -> int: ...

    @property
    def timezone(self) -> str: ...


STORE_DAILY: Table = StoreDailySales.__table__  # type: ignore[assignment]
PRODUCT_DAILY: Table = ProductDailySales.__table__  # type: ignore[assignment]


def _upserts(dialect: Any) -> tuple[RawStatement, RawStatement]:
    """(store-day, product-day) upserts that add to the counters, built once per dialect and run raw
    (backend.db.lookup): they run in every order, where building or executing them through SQLAlchemy
    cost more than running them."""
    store = dialect.insert(STORE_DAILY)
    store = store.on_conflict_do_update(
        index_elements=[STORE_DAILY.c.store_id, STORE_DAILY.c.day],
        set_={name: STORE_DAILY.c[name] + store.excluded[name] for name in ("orders", "items", "revenue")},
    )
    product = dialect.insert(PRODUCT_DAILY)
    product = product.on_conflict_do_update(
        index_elements=[PRODUCT_DAILY.c.store_id, PRODUCT_DAILY.c.product_id, PRODUCT_DAILY.c.day],
        set_={name: PRODUCT_DAILY.c[name] + product.excluded[name] for name in ("quantity", "revenue")},
    )
    return (
        RawStatement(store, column_keys=["store_id", "day", "orders", "items", "revenue"]),
        RawStatement(
            product, column_keys=["store_id", "product_id", "day", "quantity", "revenue", "stockout"]
        ),
    )


_UPSERTS = {"sqlite": _upserts(sqlite), "postgresql": _upserts(postgresql)}


def add_to_day(
    conn: Connection, store_id: int, day: date, *, orders: int, per_product: dict[int, tuple[int, int]]
) -> None:
    """Add `orders` and, per product id, (quantity, revenue) to the store's and products' rows of `day`.
    Product rows are upserted in id order, so concurrent transactions lock them alike."""
    store_upsert, product_upsert = _UPSERTS[conn.dialect.name]
    items = sum(qty for qty, _rev in per_product.values())
    revenue = sum(rev for _qty, rev in per_product.values())
    values = {"store_id": store_id, "day": day, "orders": orders, "items": items, "revenue": revenue}
    store_upsert.run(conn, values)
    product_upsert.run_many(
        conn,
        [
            {
                "store_id": store_id,
                "product_id": pid,
                "day": day,
                "quantity": qty,
                "revenue": rev,
                "stockout": False,
            }
            for pid, (qty, rev) in sorted(per_product.items())
        ],
    )


def sum_by_product(pairs: Iterable[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
    """(product_id, quantity, revenue) triples summed per product: PostgreSQL refuses to upsert one row
    twice in a single statement, and an order may list a product on two lines."""
    totals: dict[int, tuple[int, int]] = {}
    for pid, qty, rev in pairs:
        old_qty, old_rev = totals.get(pid, (0, 0))
        totals[pid] = (old_qty + qty, old_rev + rev)
    return totals


def order_day(store: Store, order: Order) -> date:
    """The calendar day an order counts towards: its creation time in the store's zone."""
    return local_date(order.created_at, store.timezone)


def record_sale(session: Session, store: Store, order: Order, lines: Sequence[OrderLine]) -> None:
    """Add a paid order to its day's rollups. Call inside the order's transaction, before the commit.
    (The order path itself calls `add_to_day` with what it has in hand.)"""
    per_product = sum_by_product((line.product_id, line.quantity, line.line_total) for line in lines)
    add_to_day(session.connection(), store.id, order_day(store, order), orders=1, per_product=per_product)


def record_refund(
    session: Session, store: Store, order: Order, refunded: Sequence[tuple[OrderLine, int]]
) -> None:
    """Take refunded quantities off the rollups of the order's own day (not the refund's day), so a
    day's figures always equal the net of that day's orders.

    `refunded` lists (line, quantity refunded now). Call after setting `order.status`: once the order is
    fully refunded it no longer counts as an order of its day.
    """
    if not refunded:
        return
    per_product = sum_by_product(
        (line.product_id, -qty, -qty * line.unit_price) for line, qty in refunded if qty > 0
    )
    orders = -1 if order.status == OrderStatus.refunded else 0
    add_to_day(
        session.connection(), store.id, order_day(store, order), orders=orders, per_product=per_product
    )


def mark_stockout(session: Session | Connection, store: StoreZone, product_id: int, moment: datetime) -> None:
    """Flag the product's day (in the store's zone) as one its shelf ran empty, so forecasting can tell
    "no demand" from "nothing to sell". Call in the transaction that took the stock to zero."""
    conn = session if isinstance(session, Connection) else session.connection()
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    day = local_date(moment, store.timezone)
    stmt = dialect.insert(PRODUCT_DAILY).values(
        store_id=store.id, product_id=product_id, day=day, quantity=0, revenue=0, stockout=True
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[PRODUCT_DAILY.c.store_id, PRODUCT_DAILY.c.product_id, PRODUCT_DAILY.c.day],
        set_={"stockout": True},
    )
    conn.execute(stmt)
