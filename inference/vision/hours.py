"""The store's opening hours in its own time zone: outside them, anyone in a watched zone is an intrusion."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class OpeningSpan(BaseModel):
    """Open from `start` to `end` (local time) on each of `days`; an `end` before `start` runs overnight."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    days: list[str] = Field(default_factory=lambda: list(DAY_NAMES), min_length=1)
    start: time
    end: time

    @field_validator("days")
    @classmethod
    def _known_days(cls, days: list[str]) -> list[str]:
        lowered = [d.lower()[:3] for d in days]
        unknown = [d for d, short in zip(days, lowered, strict=True) if short not in DAY_NAMES]
        if unknown:
            raise ValueError(f"unknown day {', '.join(unknown)}; use {', '.join(DAY_NAMES)}")
        return lowered

    def covers(self, local: datetime) -> bool:
        now = local.time()
        today = DAY_NAMES[local.weekday()]
        yesterday = DAY_NAMES[(local.weekday() - 1) % 7]
        if self.start == self.end:  # 24 hours on those days
            return today in self.days
        if self.start < self.end:
            return today in self.days and self.start <= now < self.end
        # Overnight: the evening part belongs to today's span, the small hours to yesterday's.
        return (today in self.days and now >= self.start) or (yesterday in self.days and now < self.end)


class StoreHours(BaseModel):
    """`open` empty means the store never closes (no after-hours intrusion alerts)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(default="store", max_length=80)
    timezone: str = "Asia/Seoul"
    open: list[OpeningSpan] = Field(default_factory=list)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, name: str) -> str:
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {name!r} (use an IANA name like Asia/Seoul)") from None
        return name

    @model_validator(mode="before")
    @classmethod
    def _accept_open_closed_shorthand(cls, data: Any) -> Any:
        # `hours: "09:00-22:00"` is what most owners would write for a store open every day.
        if isinstance(data, dict) and isinstance(data.get("hours"), str):
            data = dict(data)
            start, _, end = data.pop("hours").partition("-")
            data["open"] = [{"start": start.strip(), "end": end.strip()}]
        return data

    def is_closed(self, moment: datetime) -> bool:
        """Whether the store is closed at `moment` (an aware datetime, any zone)."""
        if not self.open:
            return False
        local = moment.astimezone(ZoneInfo(self.timezone))
        return not any(span.covers(local) for span in self.open)
