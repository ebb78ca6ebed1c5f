"""The event log: appended in the same transaction as the change it records, streamed over SSE.

Across processes and machines, streams find new events by reading the table (so several backend
instances on PostgreSQL stay consistent); within one process the notifier wakes streams at once.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy.orm import Session

from backend.db.models import Event
from core.timeutil import utcnow


def emit(
    session: Session,
    type_: str,
    *,
    store_id: int | None,
    brand_id: int | None,
    data: dict[str, Any],
) -> Event:
    """Add an event to the session's transaction; it becomes visible when the caller commits."""
    event = Event(type=type_, store_id=store_id, brand_id=brand_id, data=data, created_at=utcnow())
    session.add(event)
    return event


class EventNotifier:
    """A generation counter streams wait on; `notify()` after a commit that added events."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._generation = 0

    @property
    def generation(self) -> int:
        return self._generation

    def notify(self) -> None:
        with self._cond:
            self._generation += 1
            self._cond.notify_all()

    def wait(self, seen_generation: int, timeout: float) -> int:
        """Block until the generation moves past `seen_generation` or `timeout` passes; return it."""
        with self._cond:
            if self._generation == seen_generation:
                self._cond.wait(timeout)
            return self._generation
