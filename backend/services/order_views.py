"""Reading orders back: one order, or a page of a store's orders, with lines and payments batched (no N+1)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Table, func, select
from sqlalchemy.orm import Session

from backend.db.models import Order, OrderLine
from backend.services.payments import PAYMENTS, payment_out
from core.schemas.common import Page
from core.schemas.orders import OrderLineOut, OrderOut, OrderStatus
from core.timeutil import ensure_utc

ORDERS: Table = Order.__table__  # type: ignore[assignment]
LINES: Table = OrderLine.__table__  # type: ignore[assignment]
LINE_OUT_COLUMNS = [LINES.c[name] for name in OrderLineOut.model_fields]


def _assemble(session: Session, orders: Sequence[Row[Any]]) -> list[OrderOut]:
    ids = [o.id for o in orders]
    if not ids:
        return []
    lines: dict[uuid.UUID, list[OrderLineOut]] = {}
    rows = session.execute(
        select(LINES.c.order_id, *LINE_OUT_COLUMNS).where(LINES.c.order_id.in_(ids)).order_by(LINES.c.id)
    )
    for row in rows:
        values = row._asdict()
        lines.setdefault(values.pop("order_id"), []).append(OrderLineOut.model_validate(values))
    payments = {
        row.order_id: payment_out(row)
        for row in session.execute(
            select(PAYMENTS).where(PAYMENTS.c.order_id.in_(ids)).order_by(PAYMENTS.c.created_at)
        )
    }
    return [
        OrderOut(
            id=o.id,
            number=o.number,
            store_id=o.store_id,
            device_id=o.device_id,
            status=OrderStatus(o.status),
            lines=lines.get(o.id, []),
            total=o.total,
            vat=o.vat,
            currency=o.currency,
            created_at=ensure_utc(o.created_at),
            received_at=ensure_utc(o.received_at),
            payment=payments.get(o.id),
        )
        for o in orders
    ]


def load_orders(session: Session, ids: Sequence[uuid.UUID]) -> list[OrderOut]:
    """The given orders that exist, in the order asked for."""
    found = {row.id: row for row in session.execute(select(ORDERS).where(ORDERS.c.id.in_(ids)))}
    return _assemble(session, [found[i] for i in ids if i in found])


def order_store_id(session: Session, order_id: uuid.UUID) -> int | None:
    return session.scalar(select(ORDERS.c.store_id).where(ORDERS.c.id == order_id))


def list_store_orders(
    session: Session,
    store_id: int,
    *,
    since: datetime | None,
    until: datetime | None,
    status: OrderStatus | None,
    offset: int,
    limit: int,
) -> Page[OrderOut]:
    """Newest first; `since` inclusive, `until` exclusive, both on the customer's confirmation time."""
    conditions: list[Any] = [ORDERS.c.store_id == store_id]
    if since is not None:
        conditions.append(ORDERS.c.created_at >= ensure_utc(since))
    if until is not None:
        conditions.append(ORDERS.c.created_at < ensure_utc(until))
    if status is not None:
        conditions.append(ORDERS.c.status == status.value)
    total = session.scalar(select(func.count()).select_from(ORDERS).where(*conditions)) or 0
    rows = session.execute(
        select(ORDERS)
        .where(*conditions)
        .order_by(ORDERS.c.created_at.desc(), ORDERS.c.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return Page[OrderOut](items=_assemble(session, rows), total=total, offset=offset, limit=limit)
