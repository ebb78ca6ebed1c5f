"""Time helpers: UTC everywhere on the wire and in storage, the store's zone for display and rollups."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    return datetime.now(UTC)


def ensure_utc(moment: datetime) -> datetime:
    """Naive datetimes are taken as UTC (SQLite returns them naive)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local_date(moment: datetime, tz_name: str) -> date:
    """The calendar day of `moment` in the zone `tz_name`."""
    return ensure_utc(moment).astimezone(ZoneInfo(tz_name)).date()
