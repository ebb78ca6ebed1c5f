"""Reading the event log for one caller: scope filtering, and a cursor that never skips a late commit.

Ids come from a sequence, but on PostgreSQL concurrent transactions commit in any order: event 11 can be
visible while event 10's transaction is still open. A reader that jumped to 11 would miss 10 for good, and
so would a client reconnecting with Last-Event-ID 11. So the cursor holds back: it advances only over an
unbroken run of ids, and a missing id stops it until the id appears or the gap is judged abandoned (a
rolled-back transaction also burns an id). Judging needs a clock: a stream remembers when it first saw a
gap (GAP_GRACE_S); a stateless poll trusts the next event's created_at (POLL_GAP_GRACE_S, more lenient
because app servers' clocks may differ). A transaction that holds its event longer than that, before
committing, is delivered to new readers but missed by streams already past it: a known limitation.

On SQLite writers are serialised, so nothing below a visible id can still be in flight: gaps settle at once.
Ids more than FRONTIER_IDS below the newest are taken as settled too, so a client catching up on a long
backlog reads only its own events, not everyone's.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from backend.db.models import Event, Store
from core.schemas.common import Role
from core.schemas.events import EventOut
from core.timeutil import ensure_utc, utcnow

GAP_GRACE_S = 5.0
POLL_GAP_GRACE_S = 30.0
FRONTIER_IDS = 1000
BATCH = 500


@dataclass(frozen=True)
class EventScope:
    """Which events a principal may see: its stores' events, and brand-wide events of its brands."""

    store_ids: frozenset[int]
    brand_ids: frozenset[int]
    hidden_type_prefixes: tuple[str, ...] = ()

    def condition(self) -> ColumnElement[bool]:
        in_scope = or_(
            Event.store_id.in_(sorted(self.store_ids)),
            and_(Event.store_id.is_(None), Event.brand_id.in_(sorted(self.brand_ids))),
        )
        if not self.hidden_type_prefixes:
            return in_scope
        hidden = or_(*(Event.type.startswith(prefix) for prefix in self.hidden_type_prefixes))
        return and_(in_scope, ~hidden)


# A kiosk is a customer-facing screen: CCTV alerts and camera news are none of its business.
KIOSK_HIDDEN_TYPES = ("alert.", "camera.")


def scope_for(session: Session, role: Role, brand_id: int | None, store_ids: frozenset[int]) -> EventScope:
    """A principal's scope from its role, brand and stores (a device: its store and that store's brand)."""
    if role == Role.support:
        # Support staff belong to no brand; they hear the brand-wide news of the stores they look after.
        rows = session.scalars(select(Store.brand_id).where(Store.id.in_(sorted(store_ids))).distinct())
        return EventScope(store_ids, frozenset(rows))
    brands: frozenset[int] = frozenset() if brand_id is None else frozenset({brand_id})
    if role == Role.kiosk:
        return EventScope(store_ids, brands, KIOSK_HIDDEN_TYPES)
    return EventScope(store_ids, brands)


def latest_id(session: Session, scope: EventScope) -> int:
    return int(session.scalar(select(func.max(Event.id)).where(scope.condition())) or 0)


def to_wire(event: Event) -> EventOut:
    return EventOut(
        id=event.id,
        type=event.type,
        store_id=event.store_id,
        brand_id=event.brand_id,
        created_at=ensure_utc(event.created_at),
        data=event.data or {},
    )


@dataclass
class EventCursor:
    """Everything with an id <= `last_id` has been delivered (if in scope) or judged never to come."""

    scope: EventScope
    last_id: int
    serialized_writes: bool
    stateless: bool = False
    clock: Callable[[], float] = time.monotonic
    _gap_seen_at: dict[int, float] = field(default_factory=dict)

    def fetch(self, session: Session, limit: int = BATCH) -> tuple[list[Event], bool]:
        """The next events in scope, in id order, and whether more are ready at once."""
        newest = int(session.scalar(select(func.max(Event.id))) or 0)
        settled_below = newest - FRONTIER_IDS
        if self.last_id < settled_below:
            return self._catch_up(session, settled_below, limit)
        ids = session.execute(
            select(Event.id, Event.created_at).where(Event.id > self.last_id).order_by(Event.id).limit(limit)
        ).all()
        start, expected = self.last_id, self.last_id + 1
        for event_id, created_at in ids:
            if event_id != expected and not self._gap_settled(expected, created_at):
                break
            self.last_id, expected = event_id, event_id + 1
        self._gap_seen_at = {gap: t for gap, t in self._gap_seen_at.items() if gap > self.last_id}
        if self.last_id == start:
            return [], False
        events = session.scalars(
            select(Event)
            .where(Event.id > start, Event.id <= self.last_id, self.scope.condition())
            .order_by(Event.id)
        ).all()
        return list(events), len(ids) == limit

    def _catch_up(self, session: Session, settled_below: int, limit: int) -> tuple[list[Event], bool]:
        events = session.scalars(
            select(Event)
            .where(Event.id > self.last_id, Event.id <= settled_below, self.scope.condition())
            .order_by(Event.id)
            .limit(limit)
        ).all()
        self.last_id = events[-1].id if len(events) == limit else settled_below
        return list(events), True

    def _gap_settled(self, gap_id: int, next_created_at: datetime) -> bool:
        if self.serialized_writes:
            return True
        if self.stateless:
            return utcnow() - ensure_utc(next_created_at) > timedelta(seconds=POLL_GAP_GRACE_S)
        first_seen = self._gap_seen_at.setdefault(gap_id, self.clock())
        return self.clock() - first_seen >= GAP_GRACE_S
