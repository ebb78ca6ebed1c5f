"""The payments adapter: authorise cards through the provider, idempotently by the kiosk's payment id.

The provider call happens outside any database transaction, so a slow issuer never holds the (SQLite)
write lock. A replay of a payment id returns the stored result and never reaches the provider again,
except after an `error` (the issuer did not answer), which the kiosk may retry under the same id: providers
deduplicate by that id, so a retry can never charge twice. Only the masked PAN is stored or logged.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import Connection, Row, Table, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.db.models import Payment
from backend.db.session import Database
from backend.errors import ApiError, conflict
from backend.payments.base import PaymentProvider
from core.schemas.payments import AuthorizeRequest, PaymentOut, PaymentStatus
from core.timeutil import ensure_utc, utcnow

log = logging.getLogger("autostore.backend.payments")
PAYMENTS: Table = Payment.__table__  # type: ignore[assignment]


def payment_out(row: Row[Any]) -> PaymentOut:
    return PaymentOut(
        payment_id=row.id,
        order_id=row.order_id,
        status=PaymentStatus(row.status),
        amount=row.amount,
        currency=row.currency,
        provider=row.provider,
        approval_code=row.approval_code,
        decline_code=row.decline_code,
        message=row.message,
        masked_pan=row.masked_pan,
        created_at=ensure_utc(row.created_at),
    )


def _stored(session: Session, payment_id: uuid.UUID) -> Row[Any] | None:
    return session.execute(select(PAYMENTS).where(PAYMENTS.c.id == payment_id)).first()


def _check_same_payment(row: Row[Any], store_id: int, body: AuthorizeRequest) -> None:
    """A payment id names one payment: reusing it for another store, order or amount is a client bug."""
    if (row.store_id, row.order_id, row.amount, row.currency) != (
        store_id,
        body.order_id,
        body.amount,
        body.currency,
    ):
        raise conflict(
            "payment_id_reused",
            "This payment id already names a different payment.",
            [{"field": "payment_id", "message": "Use a new payment id for a new payment."}],
        )


def authorize(
    db: Database, provider: PaymentProvider, store_id: int, body: AuthorizeRequest
) -> tuple[PaymentOut, bool]:
    """Authorise once per payment id; returns (the payment, whether this call created it)."""
    with db.read() as s:
        existing = _stored(s, body.payment_id)
    if existing is not None:
        _check_same_payment(existing, store_id, body)
        if existing.status != PaymentStatus.error:
            return payment_out(existing), False
    result = provider.authorize(str(body.payment_id), body.amount, body.currency, body.card)
    log.info(
        "payment %s for store %s: %s (%s) card %s",
        body.payment_id,
        store_id,
        result.status.value,
        result.decline_code or "-",
        body.card.masked_pan,
    )
    now = utcnow()
    values = {
        "status": result.status.value,
        "approval_code": result.approval_code,
        "decline_code": result.decline_code,
        "message": result.message[:200],
        "updated_at": now,
    }
    created = False
    with db.write() as s:
        stored = _stored(s, body.payment_id)
        if stored is not None and stored.status != PaymentStatus.error:
            return payment_out(stored), False  # a concurrent replay stored its result first
        try:
            if stored is not None:
                s.execute(update(PAYMENTS).where(PAYMENTS.c.id == body.payment_id).values(**values))
            else:
                s.execute(
                    insert(PAYMENTS).values(
                        id=body.payment_id,
                        order_id=body.order_id,
                        store_id=store_id,
                        provider=provider.name,
                        amount=body.amount,
                        currency=body.currency,
                        masked_pan=body.card.masked_pan,
                        created_at=now,
                        **values,
                    )
                )
            row = _stored(s, body.payment_id)
            s.commit()
            created = stored is None
        except IntegrityError:  # PostgreSQL: a concurrent replay inserted the same id first
            s.rollback()
            row = _stored(s, body.payment_id)
    assert row is not None
    return payment_out(row), created


_P = PAYMENTS.c
_LINKABLE = (
    _P.id == bindparam("pid"),
    _P.store_id == bindparam("sid"),
    _P.amount == bindparam("total"),
    _P.currency == bindparam("cur"),
    (_P.order_id == bindparam("oid")) | _P.order_id.is_(None),
)
_LINK = {
    True: update(PAYMENTS).where(*_LINKABLE, _P.status == PaymentStatus.approved.value),
    False: update(PAYMENTS).where(*_LINKABLE),
}
_LINK = {key: stmt.values(order_id=bindparam("oid")).returning(*PAYMENTS.c) for key, stmt in _LINK.items()}


def link_payment(
    conn: Connection,
    payment_id: uuid.UUID,
    *,
    order_id: uuid.UUID,
    store_id: int,
    total: int,
    currency: str,
    approved_only: bool,
) -> Row[Any] | None:
    """Attach a payment of this store, for exactly `total`, to the order; None if there is no such
    payment (or it belongs to another order). `approved_only=False` links a declined or failed one too."""
    params = {"pid": payment_id, "sid": store_id, "total": total, "cur": currency, "oid": order_id}
    return conn.execute(_LINK[approved_only], params).first()


def refund_payment(
    session: Session, provider: PaymentProvider, payment_id: uuid.UUID, amount: int, *, full: bool
) -> None:
    """Refund `amount` of an approved payment through the provider; ApiError 502 if it refuses."""
    row = _stored(session, payment_id)
    if row is None or amount <= 0:
        return
    result = provider.refund(str(payment_id), amount, row.currency)
    if result.status != PaymentStatus.refunded:
        raise ApiError(502, "refund_failed", f"The payment provider refused the refund: {result.message}")
    if full:
        session.execute(
            update(PAYMENTS)
            .where(PAYMENTS.c.id == payment_id)
            .values(status=PaymentStatus.refunded.value, updated_at=utcnow())
        )
