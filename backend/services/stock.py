"""The stock ledger: movement rows and the stock events every quantity change produces.

Shared by inventory adjustments, sales and refunds, so each change is recorded the same way: one
stock_movements row per product with why and who, one `stock.changed` event per transaction, and a
`stock.low` event for each product whose quantity crossed from above its reorder level to at or below it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.orm import Session

from backend.db.lookup import RawStatement
from backend.db.models import Event, StockMovement
from backend.services.rollups import StoreZone, mark_stockout
from core.schemas.events import EventType
from core.schemas.inventory import MovementReason

MOVEMENTS: Table = StockMovement.__table__  # type: ignore[assignment]
EVENTS: Table = Event.__table__  # type: ignore[assignment]
# Raw statements: these run in every order, adjustment and refund (see backend.db.lookup for why).
_INSERT_MOVEMENTS = RawStatement(
    insert(MOVEMENTS),
    column_keys=[
        "store_id", "product_id", "delta", "quantity_after", "reason", "order_id", "actor", "note",
        "created_at",
    ],
)  # fmt: skip
_INSERT_EVENTS = RawStatement(
    insert(EVENTS), column_keys=["type", "store_id", "brand_id", "data", "created_at"]
)
PendingEvent = tuple[EventType, dict[str, Any]]


def connection_of(target: Session | Connection) -> Connection:
    """The connection a session's transaction runs on (the group-commit path hands a Connection)."""
    return target if isinstance(target, Connection) else target.connection()


def insert_events(
    session: Session | Connection,
    events: Sequence[PendingEvent],
    *,
    store_id: int | None,
    brand_id: int | None,
    now: datetime,
) -> None:
    """Append events in one statement (what backend.events.emit does one ORM object at a time, which
    costs a flush per object on the order path). Visible to streams once the caller commits."""
    _INSERT_EVENTS.run_many(
        connection_of(session),
        [
            {"type": t.value, "store_id": store_id, "brand_id": brand_id, "data": data, "created_at": now}
            for t, data in events
        ],
    )


@dataclass(frozen=True)
class StockChange:
    """One product's quantity change inside a transaction."""

    product_id: int
    delta: int
    quantity_after: int
    reorder_level: int
    reorder_level_before: int | None = None  # when the same change moved the reorder level too
    sku: str = ""
    name_ko: str = ""
    name_en: str = ""

    @property
    def quantity_before(self) -> int:
        return self.quantity_after - self.delta

    @property
    def became_low(self) -> bool:
        level_before = self.reorder_level if self.reorder_level_before is None else self.reorder_level_before
        return self.quantity_before > level_before and self.quantity_after <= self.reorder_level

    @property
    def ran_out(self) -> bool:
        return self.quantity_before > 0 >= self.quantity_after


def record_movements(
    session: Session | Connection,
    store: StoreZone,
    brand_id: int,
    changes: Sequence[StockChange],
    *,
    reason: MovementReason,
    actor: str,
    now: datetime,
    order_id: uuid.UUID | None = None,
    notes: Sequence[str] | None = None,
) -> list[PendingEvent]:
    """Write the movements for `changes` (already applied to inventory) and return the stock events for
    the caller to insert with its own. `store` needs only `id` and `timezone`."""
    if not changes:
        return []
    _INSERT_MOVEMENTS.run_many(
        connection_of(session),
        [
            {
                "store_id": store.id,
                "product_id": c.product_id,
                "delta": c.delta,
                "quantity_after": c.quantity_after,
                "reason": reason.value,
                "order_id": order_id,
                "actor": actor,
                "note": notes[i] if notes else "",
                "created_at": now,
            }
            for i, c in enumerate(changes)
        ],
    )
    events: list[PendingEvent] = [
        (
            EventType.stock_changed,
            {
                "reason": reason.value,
                "order_id": str(order_id) if order_id else None,
                "items": [
                    {"product_id": c.product_id, "delta": c.delta, "quantity": c.quantity_after}
                    for c in changes
                ],
            },
        )
    ]
    for change in changes:
        if change.became_low:
            events.append(
                (
                    EventType.stock_low,
                    {
                        "product_id": change.product_id,
                        "sku": change.sku,
                        "name_ko": change.name_ko,
                        "name_en": change.name_en,
                        "quantity": change.quantity_after,
                        "reorder_level": change.reorder_level,
                    },
                )
            )
        if change.ran_out:
            mark_stockout(session, store, change.product_id, now)
    return events
