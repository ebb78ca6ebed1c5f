"""The outbox: sales the kiosk confirmed, kept until the backend has them.

`record_sale` is the moment a sale becomes real on the kiosk: the outbox row and the local stock decrement
commit in one transaction (fsynced, see db.py), and only after it returns may the screen say "paid".
Rows are never deleted: delivered ones keep their delivery time, refused ones their reason for staff.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from core.localstore.db import LocalDatabase
from core.localstore.models import LocalItem, OutboxRow, OutboxState
from core.schemas.orders import OrderCreate
from core.timeutil import utcnow

ORDER_KIND = "order"


@dataclass(frozen=True)
class OutboxItem:
    id: str
    kind: str
    payload: str
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    state: OutboxState
    delivered_at: datetime | None

    @classmethod
    def from_row(cls, row: OutboxRow) -> OutboxItem:
        return cls(
            id=row.id,
            kind=row.kind,
            payload=row.payload,
            created_at=row.created_at,
            attempts=row.attempts,
            next_attempt_at=row.next_attempt_at,
            last_error=row.last_error,
            state=OutboxState(row.state),
            delivered_at=row.delivered_at,
        )

    def order(self) -> OrderCreate:
        return OrderCreate.model_validate_json(self.payload)


def pending_quantities(session: Session, exclude_order: object = None) -> dict[int, int]:
    """Units per product sold here but not yet delivered: the backend's stock figures do not include them."""
    totals: dict[int, int] = {}
    query = select(OutboxRow.payload).where(
        OutboxRow.state == OutboxState.pending.value, OutboxRow.kind == ORDER_KIND
    )
    if exclude_order is not None:
        query = query.where(OutboxRow.id != str(exclude_order))
    rows = session.scalars(query)
    for payload in rows:
        for line in json.loads(payload).get("lines", []):
            totals[int(line["product_id"])] = totals.get(int(line["product_id"]), 0) + int(line["quantity"])
    return totals


class OutboxStore:
    db: LocalDatabase

    def record_sale(self, order: OrderCreate) -> OutboxItem:
        """Commit the sale locally: the outbox row and the stock decrement, together or not at all.

        Recording the same order id twice changes nothing the second time (a retried tap must not sell
        twice) and returns the existing row.
        """
        order_id = str(order.id)
        now = utcnow()
        with self.db.write() as s:
            existing = s.get(OutboxRow, order_id)
            if existing is not None:
                return OutboxItem.from_row(existing)
            row = OutboxRow(
                id=order_id,
                kind=ORDER_KIND,
                payload=order.model_dump_json(),
                created_at=now,
                attempts=0,
                next_attempt_at=now,
                last_error=None,
                state=OutboxState.pending.value,
            )
            s.add(row)
            for line in order.lines:
                # Floor at zero: the local figure is a display hint; the backend's ledger is the truth.
                s.execute(
                    update(LocalItem)
                    .where(LocalItem.product_id == line.product_id)
                    .values(quantity=func.max(LocalItem.quantity - line.quantity, 0))
                )
            s.commit()
            return OutboxItem.from_row(row)

    def outbox_item(self, item_id: str) -> OutboxItem | None:
        with self.db.read() as s:
            row = s.get(OutboxRow, item_id)
            return OutboxItem.from_row(row) if row is not None else None

    def pending_count(self) -> int:
        with self.db.read() as s:
            count = s.scalar(select(func.count()).where(OutboxRow.state == OutboxState.pending.value))
            return int(count or 0)

    def failed_items(self) -> list[OutboxItem]:
        """Sales the backend refused for good, oldest first, for staff to look at."""
        return self._items(OutboxRow.state == OutboxState.failed.value)

    def due_items(self, now: datetime | None = None, limit: int = 50) -> list[OutboxItem]:
        """Pending items whose next attempt is due, oldest sale first."""
        moment = now or utcnow()
        return self._items(
            OutboxRow.state == OutboxState.pending.value, OutboxRow.next_attempt_at <= moment, limit=limit
        )

    def next_due_at(self) -> datetime | None:
        with self.db.read() as s:
            return s.scalar(
                select(func.min(OutboxRow.next_attempt_at)).where(
                    OutboxRow.state == OutboxState.pending.value
                )
            )

    def _items(self, *conditions: object, limit: int | None = None) -> list[OutboxItem]:
        query = select(OutboxRow).where(*conditions).order_by(OutboxRow.created_at, OutboxRow.id)  # type: ignore[arg-type]
        if limit is not None:
            query = query.limit(limit)
        with self.db.read() as s:
            return [OutboxItem.from_row(row) for row in s.scalars(query)]

    def mark_delivered(self, item_id: str) -> None:
        self._update(item_id, state=OutboxState.delivered.value, delivered_at=utcnow(), last_error=None)

    def mark_failed(self, item_id: str, reason: str) -> None:
        """Refused for good: kept (never deleted) with the reason, and no longer retried."""
        with self.db.write() as s:
            s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == item_id)
                .values(
                    state=OutboxState.failed.value, last_error=reason[:2000], attempts=OutboxRow.attempts + 1
                )
            )
            s.commit()

    def schedule_retry(self, item_id: str, error: str, next_attempt_at: datetime) -> None:
        """One more failed attempt; try again at `next_attempt_at`."""
        with self.db.write() as s:
            s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == item_id, OutboxRow.state == OutboxState.pending.value)
                .values(
                    attempts=OutboxRow.attempts + 1, last_error=error[:2000], next_attempt_at=next_attempt_at
                )
            )
            s.commit()

    def requeue(self, item_id: str) -> bool:
        """Staff send a refused sale again (after fixing its cause); False if it was not a failed item."""
        with self.db.write() as s:
            result = s.execute(
                update(OutboxRow)
                .where(OutboxRow.id == item_id, OutboxRow.state == OutboxState.failed.value)
                .values(state=OutboxState.pending.value, next_attempt_at=utcnow())
            )
            s.commit()
            return bool(getattr(result, "rowcount", 0))

    def defer_pending(self, until: datetime) -> None:
        """Push every pending item to `until` at the earliest (the backend is down: do not knock per item)."""
        with self.db.write() as s:
            s.execute(
                update(OutboxRow)
                .where(OutboxRow.state == OutboxState.pending.value, OutboxRow.next_attempt_at < until)
                .values(next_attempt_at=until)
            )
            s.commit()

    def _update(self, item_id: str, **values: object) -> None:
        with self.db.write() as s:
            s.execute(update(OutboxRow).where(OutboxRow.id == item_id).values(**values))
            s.commit()
