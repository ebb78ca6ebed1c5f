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
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from backend.db.models import Order, OrderLine, ProductDailySales, Store, StoreDailySales
from core.schemas.orders import OrderStatus
from core.timeutil import local_date

STORE_DAILY: Table = StoreDailySales.__table__  # type: ignore[assignment]
PRODUCT_DAILY: Table = ProductDailySales.__table__  # type: ignore[assignment]


def _insert(session: Session, table: Table) -> Any:
    """The dialect's INSERT, which has on_conflict_do_update (SQLite and PostgreSQL spell it alike)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _upserts(dialect: Any) -> tuple[Any, Any]:
    """(store-day, product-day) upserts that add to the counters, built once per dialect: building an
    ON CONFLICT statement (and its `excluded` alias) per order cost more than running it."""
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
    return store, product


_UPSERTS = {"sqlite": _upserts(sqlite), "postgresql": _upserts(postgresql)}


def _add_to_store_day(
    session: Session, store_id: int, day: date, orders: int, items: int, revenue: int
) -> None:
    statement = _UPSERTS[session.get_bind().dialect.name][0]
    values = {"store_id": store_id, "day": day, "orders": orders, "items": items, "revenue": revenue}
    session.connection().execute(statement, values)


def _add_to_product_days(
    session: Session, store_id: int, day: date, per_product: dict[int, tuple[int, int]]
) -> None:
    """Add (quantity, revenue) per product id: one prepared upsert, executed for each product in id order."""
    if not per_product:
        return
    rows = [
        {
            "store_id": store_id,
            "product_id": pid,
            "day": day,
            "quantity": qty,
            "revenue": rev,
            "stockout": False,
        }
        for pid, (qty, rev) in sorted(per_product.items())
    ]
    session.connection().execute(_UPSERTS[session.get_bind().dialect.name][1], rows)


def _sum_by_product(pairs: Iterable[tuple[int, int, int]]) -> dict[int, tuple[int, int]]:
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
    """Add a paid order to its day's rollups. Call inside the order's transaction, before the commit."""
    day = order_day(store, order)
    items = sum(line.quantity for line in lines)
    _add_to_store_day(session, store.id, day, orders=1, items=items, revenue=order.total)
    per_product = _sum_by_product((line.product_id, line.quantity, line.line_total) for line in lines)
    _add_to_product_days(session, store.id, day, per_product)


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
    day = order_day(store, order)
    per_product = _sum_by_product(
        (line.product_id, -qty, -qty * line.unit_price) for line, qty in refunded if qty > 0
    )
    items = sum(qty for qty, _rev in per_product.values())
    revenue = sum(rev for _qty, rev in per_product.values())
    orders = -1 if order.status == OrderStatus.refunded else 0
    _add_to_store_day(session, store.id, day, orders=orders, items=items, revenue=revenue)
    _add_to_product_days(session, store.id, day, per_product)


def mark_stockout(session: Session, store: Store, product_id: int, moment: datetime) -> None:
    """Flag the product's day (in the store's zone) as one its shelf ran empty, so forecasting can tell
    "no demand" from "nothing to sell". Call in the transaction that took the stock to zero."""
    day = local_date(moment, store.timezone)
    stmt = _insert(session, PRODUCT_DAILY).values(
        store_id=store.id, product_id=product_id, day=day, quantity=0, revenue=0, stockout=True
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[PRODUCT_DAILY.c.store_id, PRODUCT_DAILY.c.product_id, PRODUCT_DAILY.c.day],
        set_={"stockout": True},
    )
    session.execute(stmt)
