"""Creating orders: one transaction checks prices, takes stock, writes the order, ledger, rollups and events.

This is the busiest write path. Its transaction is ten statements whatever the number of lines, each
compiled once and run raw on the connection (backend.db.lookup), and on SQLite concurrent orders share a
transaction and its fsync (Database.run_write). The store row is updated first (the order number and the
catalogue revision in one statement), which on PostgreSQL also queues concurrent orders of the same store
behind one row lock, so stock rows are never locked in two orders and no deadlock can form. Stock is taken
with one conditional UPDATE (see order_lines), so an online sale can never drive it below zero whatever
runs beside it; an offline sale already happened and is recorded even if that makes the count negative.
The response is built from what the transaction had in hand, not read back.

The order id is the client's idempotency key: a replay finds the order after taking the store lock and
returns it unchanged; two replays racing on PostgreSQL meet on the primary key and the loser returns the
winner's order.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from backend.db.lookup import RawStatement
from backend.db.session import Database
from backend.errors import ApiError, not_found
from backend.payments.base import PaymentProvider
from backend.services.catalogue import STORES
from backend.services.order_lines import checked_products, take_stock
from backend.services.order_views import LINES, ORDERS, load_orders
from backend.services.payments import authorize, link_payment, payment_out
from backend.services.rollups import add_to_day, sum_by_product
from backend.services.stock import insert_events, record_movements
from core.money import vat_included
from core.schemas.events import EventType
from core.schemas.inventory import MovementReason
from core.schemas.orders import OrderCreate, OrderLineOut, OrderOut, OrderStatus
from core.schemas.payments import AuthorizeRequest, PaymentOut, PaymentStatus
from core.timeutil import ensure_utc, local_date, utcnow

_NEXT_NUMBER = RawStatement(
    update(STORES)
    .where(STORES.c.id == bindparam("sid"))
    .values(order_seq=STORES.c.order_seq + 1, catalogue_rev=STORES.c.catalogue_rev + 1)
    .returning(STORES.c.order_seq, STORES.c.brand_id, STORES.c.timezone, STORES.c.currency)
)
# A statement of its own after the store update (not a subquery in its RETURNING): on PostgreSQL only a
# statement that starts after the store row lock is granted sees a replay committed while we waited.
_EXISTS = RawStatement(select(ORDERS.c.id).where(ORDERS.c.id == bindparam("oid")))
_ORDER_COLUMNS = ["id", "number", "store_id", "device_id", "status", "total", "vat", "currency", "offline"]
_INSERT_ORDER = RawStatement(insert(ORDERS), column_keys=[*_ORDER_COLUMNS, "created_at", "received_at"])
_INSERT_LINES = RawStatement(insert(LINES), column_keys=["order_id", *OrderLineOut.model_fields])


@dataclass(frozen=True)
class CreatedOrder:
    order: OrderOut
    created: bool  # False: a replay of an order already stored


@dataclass(frozen=True)
class _StoreRef:
    """The store as the rollups and ledger need it, from the row the order number came with."""

    id: int
    timezone: str


class _AlreadyStored(Exception):
    """The order id is already taken: roll back, then answer with the stored order."""


def _invalid(field: str, message: str, code: str = "validation_error") -> ApiError:
    return ApiError(422, code, message, [{"field": field, "message": message}])


def _check_shape(body: OrderCreate) -> None:
    """What can be checked without the database."""
    if sum(line.quantity * line.unit_price for line in body.lines) != body.total:
        raise _invalid("total", "The total is not the sum of the lines.", "total_mismatch")
    payment = body.payment
    if payment is None:
        return
    if payment.status == PaymentStatus.pending:
        if not body.offline or payment.card is None:
            raise _invalid("payment.status", "Only an offline order may carry a card to authorise.")
    elif payment.status != PaymentStatus.approved:
        raise _invalid("payment.status", "Link an approved payment, or send an offline card as pending.")


def create_order(
    db: Database, provider: PaymentProvider, body: OrderCreate, *, actor: str, device_id: str | None
) -> CreatedOrder:
    _check_shape(body)
    if body.payment is not None and body.payment.status == PaymentStatus.pending:
        # Store-and-forward: authorise before the transaction (the provider may be slow), unless this is
        # a replay of an order we already have. The provider and our payments table are idempotent by id.
        with db.read() as s:
            known = load_orders(s, [body.id])
        if known:
            return CreatedOrder(known[0], created=False)
        assert body.payment.card is not None
        request = AuthorizeRequest(
            payment_id=body.payment.payment_id,
            order_id=body.id,
            amount=body.total,
            currency=body.currency,
            card=body.payment.card,
        )
        authorize(db, provider, body.store_id, request)
    try:
        order = db.run_write(lambda conn: _write_order(conn, body, actor=actor, device_id=device_id))
        return CreatedOrder(order, created=True)
    except _AlreadyStored:
        pass
    except IntegrityError:
        pass  # PostgreSQL: a concurrent replay committed the same order id first
    with db.read() as s:
        known = load_orders(s, [body.id])
    if not known:
        raise RuntimeError(f"order {body.id} neither written nor found")
    return CreatedOrder(known[0], created=False)


def _write_order(conn: Connection, body: OrderCreate, *, actor: str, device_id: str | None) -> OrderOut:
    """The order's statements, inside the transaction Database.run_write gives; raises to roll back."""
    rows = _NEXT_NUMBER.run(conn, {"sid": body.store_id})
    if not rows:
        raise not_found("store")
    order_seq, brand_id, timezone, currency = rows[0]
    if _EXISTS.run(conn, {"oid": body.id}):
        raise _AlreadyStored
    if body.currency != currency:
        raise _invalid("currency", f"This store sells in {currency}.")
    products = checked_products(conn, body, brand_id)
    now = utcnow()
    changes = take_stock(conn, body, products, now)
    status, payment = _payment(conn, body, currency)
    number = f"{order_seq:06d}"
    created_at = ensure_utc(body.created_at)
    vat = vat_included(body.total)
    order_row = {
        "id": body.id,
        "number": number,
        "store_id": body.store_id,
        "device_id": device_id,
        "status": status.value,
        "total": body.total,
        "vat": vat,
        "currency": currency,
        "offline": body.offline,
        "created_at": created_at,
        "received_at": now,
    }
    _INSERT_ORDER.run(conn, order_row)
    # Built without validation: every value is validated input or what the database just returned.
    lines = [
        OrderLineOut.model_construct(
            product_id=line.product_id,
            sku=products[line.product_id].sku,
            name_ko=products[line.product_id].name_ko,
            name_en=products[line.product_id].name_en,
            quantity=line.quantity,
            unit_price=line.unit_price,
            line_total=line.quantity * line.unit_price,
            refunded_quantity=0,
        )
        for line in body.lines
    ]
    _INSERT_LINES.run_many(conn, [{"order_id": body.id, **dict(line)} for line in lines])
    store = _StoreRef(body.store_id, timezone)
    events = record_movements(
        conn, store, brand_id, changes, reason=MovementReason.sale, actor=actor, now=now, order_id=body.id
    )
    if status != OrderStatus.payment_failed:  # money that never arrived is no revenue
        sold = sum_by_product((line.product_id, line.quantity, line.line_total) for line in lines)
        add_to_day(conn, body.store_id, local_date(created_at, timezone), orders=1, per_product=sold)
    created_event = {
        "order_id": str(body.id),
        "number": number,
        "status": status.value,
        "total": body.total,
        "currency": currency,
        "offline": body.offline,
        "device_id": device_id,
        "items": [{"product_id": c.product_id, "quantity": -c.delta} for c in changes],
    }
    insert_events(
        conn,
        [(EventType.order_created, created_event), *events],
        store_id=body.store_id,
        brand_id=brand_id,
        now=now,
    )
    return OrderOut.model_construct(
        id=body.id,
        number=number,
        store_id=body.store_id,
        device_id=device_id,
        status=status,
        lines=lines,
        total=body.total,
        vat=vat,
        currency=currency,
        created_at=created_at,
        received_at=now,
        payment=payment,
    )


def _payment(conn: Connection, body: OrderCreate, currency: str) -> tuple[OrderStatus, PaymentOut | None]:
    if body.payment is None:
        return OrderStatus.pending_payment, None
    pending = body.payment.status == PaymentStatus.pending
    row = link_payment(
        conn,
        body.payment.payment_id,
        order_id=body.id,
        store_id=body.store_id,
        total=body.total,
        currency=currency,
        approved_only=not pending,
    )
    if row is None:
        message = "No approved payment of this store for exactly this total matches that payment id."
        raise _invalid("payment.payment_id", message, "payment_invalid")
    paid = row.status == PaymentStatus.approved
    return (OrderStatus.paid if paid else OrderStatus.payment_failed), payment_out(row)
