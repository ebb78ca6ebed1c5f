"""Refunds, whole or partial: money back through the provider, goods back on the shelf, all in one go.

The provider is called inside the transaction, after the store row is locked, on purpose: two staff
pressing "refund" at once must not both pay the customer back. Refunds are rare and owner-driven, so
holding the write lock for one provider call is the right trade; if the provider refuses, nothing changes.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.orm import Session

from backend.db.models import AuditNote, Order, OrderLine, Store
from backend.errors import ApiError, conflict, not_found
from backend.payments.base import PaymentProvider
from backend.services.catalogue import INVENTORY, STORES, bump_catalogue_rev
from backend.services.order_views import LINES, ORDERS
from backend.services.payments import PAYMENTS, refund_payment
from backend.services.rollups import record_refund
from backend.services.stock import StockChange, insert_events, record_movements
from core.schemas.events import EventType
from core.schemas.inventory import MovementReason
from core.schemas.orders import OrderStatus, RefundRequest
from core.schemas.payments import PaymentStatus
from core.timeutil import utcnow

REFUNDABLE = {OrderStatus.paid.value, OrderStatus.partially_refunded.value}


def _quantities(lines: list[Row[Any]], body: RefundRequest) -> dict[int, int]:
    """Quantity to refund per order line id; a product on several lines is refunded from the first."""
    if body.lines is None:
        return {line.id: line.quantity - line.refunded_quantity for line in lines}
    result: dict[int, int] = {}
    errors = []
    for i, wanted in enumerate(body.lines):
        left = wanted.quantity
        for line in lines:
            if line.product_id == wanted.product_id and left > 0:
                take = min(left, line.quantity - line.refunded_quantity - result.get(line.id, 0))
                if take > 0:
                    result[line.id] = result.get(line.id, 0) + take
                    left -= take
        if left > 0:
            message = f"Product {wanted.product_id}: {left} more than the order has left to refund."
            errors.append({"field": f"lines.{i}.quantity", "message": message})
    if errors:
        raise ApiError(422, "validation_error", "Some refund lines are not valid.", errors)
    return result


def refund_order(
    s: Session, provider: PaymentProvider, order_id: uuid.UUID, body: RefundRequest, *, actor: str
) -> None:
    """Refund inside the caller's transaction (the caller commits)."""
    store_id = s.scalar(select(ORDERS.c.store_id).where(ORDERS.c.id == order_id))
    if store_id is None:
        raise not_found("order")
    bump_catalogue_rev(s, store_id=store_id)  # the store lock first, as every stock writer takes it
    order = s.execute(select(ORDERS).where(ORDERS.c.id == order_id)).one()
    if order.status not in REFUNDABLE:
        raise conflict("not_refundable", f"An order that is {order.status} cannot be refunded.")
    lines = list(s.execute(select(LINES).where(LINES.c.order_id == order_id).order_by(LINES.c.id)))
    quantities = {lid: q for lid, q in _quantities(lines, body).items() if q > 0}
    if not quantities:
        raise conflict("not_refundable", "Nothing is left to refund on this order.")
    amount = sum(q * line.unit_price for line in lines for lid, q in quantities.items() if line.id == lid)
    fully = all(line.refunded_quantity + quantities.get(line.id, 0) == line.quantity for line in lines)
    status = OrderStatus.refunded if fully else OrderStatus.partially_refunded
    payment_id = s.scalar(
        select(PAYMENTS.c.id).where(
            PAYMENTS.c.order_id == order_id, PAYMENTS.c.status == PaymentStatus.approved.value
        )
    )
    if payment_id is not None:
        refund_payment(s, provider, payment_id, amount, full=fully)
    now = utcnow()
    for line in lines:
        if line.id in quantities:
            s.execute(
                update(LINES)
                .where(LINES.c.id == line.id)
                .values(refunded_quantity=line.refunded_quantity + quantities[line.id])
            )
    s.execute(update(ORDERS).where(ORDERS.c.id == order_id).values(status=status.value))
    store_row = s.execute(select(STORES.c.brand_id, STORES.c.timezone).where(STORES.c.id == store_id)).one()
    store = Store(id=store_id, timezone=store_row.timezone)
    changes = _restock(s, store_id, lines, quantities, now)
    events = record_movements(
        s,
        store,
        store_row.brand_id,
        changes,
        reason=MovementReason.refund,
        actor=actor,
        now=now,
        order_id=order_id,
        notes=[body.reason] * len(changes),
    )
    refunded = [(OrderLine(**line._asdict()), q) for line in lines if (q := quantities.get(line.id, 0))]
    record_refund(
        s, store, Order(created_at=order.created_at, total=order.total, status=status.value), refunded
    )
    refund_event = {
        "order_id": str(order_id),
        "number": order.number,
        "status": status.value,
        "amount": amount,
        "reason": body.reason,
        "items": [{"product_id": line.product_id, "quantity": q} for line, q in refunded],
    }
    insert_events(
        s,
        [(EventType.order_refunded, refund_event), *events],
        store_id=store_id,
        brand_id=store_row.brand_id,
        now=now,
    )
    if body.reason:
        s.add(AuditNote(subject=f"order:{order_id}", actor=actor, text=body.reason, created_at=now))


def _restock(
    s: Session, store_id: int, lines: list[Row[Any]], quantities: dict[int, int], now: Any
) -> list[StockChange]:
    per_product: dict[int, int] = {}
    for line in lines:
        if line.id in quantities:
            per_product[line.product_id] = per_product.get(line.product_id, 0) + quantities[line.id]
    changes = []
    for pid in sorted(per_product):
        qty = per_product[pid]
        row = s.execute(
            update(INVENTORY)
            .where(INVENTORY.c.store_id == store_id, INVENTORY.c.product_id == pid)
            .values(quantity=INVENTORY.c.quantity + qty, version=INVENTORY.c.version + 1, updated_at=now)
            .returning(INVENTORY.c.quantity, INVENTORY.c.reorder_level)
        ).first()
        if row is None:  # the row was never created (say, the product was sold offline only)
            s.execute(
                insert(INVENTORY).values(
                    store_id=store_id,
                    product_id=pid,
                    quantity=qty,
                    reorder_level=0,
                    shelf_location="",
                    version=1,
                    updated_at=now,
                )
            )
            after, level = qty, 0
        else:
            after, level = row.quantity, row.reorder_level
        changes.append(StockChange(product_id=pid, delta=qty, quantity_after=after, reorder_level=level))
    return changes
