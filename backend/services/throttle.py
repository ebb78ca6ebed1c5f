"""Failure counters with a lockout, kept in the database so every backend instance sees the same count.

Used for kiosk activation codes (per client address) and for password logins (per account and address).
Rows live in the `activation_throttle` table; the key's prefix ("otp:", "login:") says which counter it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from backend.db.models import ActivationThrottle
from core.timeutil import ensure_utc


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int
    window_s: int  # failures older than this no longer count
    lockout_s: int


@dataclass(frozen=True)
class FailureOutcome:
    attempts_left: int
    locked_for_s: int  # 0 while not locked


def locked_for_s(session: Session, key: str, now: datetime) -> int:
    """Whole seconds until `key` may try again (0 when it is not locked)."""
    row = session.get(ActivationThrottle, key)
    if row is None or row.locked_until is None:
        return 0
    remaining = (ensure_utc(row.locked_until) - now).total_seconds()
    return max(0, math.ceil(remaining))


def record_failure(session: Session, key: str, policy: ThrottlePolicy, now: datetime) -> FailureOutcome:
    """Count one failure for `key` in the caller's transaction; lock the key when it reaches the limit."""
    row = _locked_row(session, key, now)
    window_ended = ensure_utc(row.window_started_at) + timedelta(seconds=policy.window_s) <= now
    lock_ended = row.locked_until is not None and ensure_utc(row.locked_until) <= now
    if window_ended or lock_ended:
        row.failures = 0
        row.window_started_at = now
        row.locked_until = None
    row.failures += 1
    if row.failures >= policy.max_failures:
        row.locked_until = now + timedelta(seconds=policy.lockout_s)
        return FailureOutcome(attempts_left=0, locked_for_s=policy.lockout_s)
    return FailureOutcome(attempts_left=policy.max_failures - row.failures, locked_for_s=0)


def reset(session: Session, key: str) -> None:
    session.execute(delete(ActivationThrottle).where(ActivationThrottle.client_key == key))


def _locked_row(session: Session, key: str, now: datetime) -> ActivationThrottle:
    """The key's row, created if missing, locked for this transaction (PostgreSQL) so counts never race."""
    values = {"client_key": key, "failures": 0, "window_started_at": now}
    if session.get_bind().dialect.name == "postgresql":
        session.execute(pg_insert(ActivationThrottle).values(**values).on_conflict_do_nothing())
    else:
        session.execute(sqlite_insert(ActivationThrottle).values(**values).on_conflict_do_nothing())
    row = session.scalars(
        select(ActivationThrottle)
        .where(ActivationThrottle.client_key == key)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()
    return row
