"""Figures for people: money in the current language, compact amounts for chart axes, relative times."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale

from core.money import format_money
from core.timeutil import ensure_utc, utcnow


def language() -> str:
    """'ko' or 'en', from the default QLocale the translation loader sets."""
    return "ko" if QLocale().name().startswith("ko") else "en"


def money(amount: int, currency: str = "KRW") -> str:
    return format_money(amount, currency, language())


def compact(amount: float) -> str:
    """Short axis labels: 1.2M / 350K in English, 120만 / 3.5억 in Korean (Koreans count in 10,000s)."""
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    if language() == "ko":
        for size, unit in ((100_000_000, "억"), (10_000, "만")):
            if value >= size:
                return f"{sign}{value / size:,.1f}".rstrip("0").rstrip(".") + unit
        return f"{sign}{value:,.0f}"
    for size, unit in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
        if value >= size:
            return f"{sign}{value / size:,.1f}".rstrip("0").rstrip(".") + unit
    return f"{sign}{value:,.0f}"


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """'just now', '5 min ago', '3 h ago', or the local date and time for anything older than a day."""
    if moment is None:
        return QCoreApplication.translate("Time", "never")
    moment = ensure_utc(moment)
    delta = (now or utcnow()) - moment
    if delta < timedelta(seconds=60):
        return QCoreApplication.translate("Time", "just now")
    if delta < timedelta(hours=1):
        return QCoreApplication.translate("Time", "%1 min ago").replace(
            "%1", str(int(delta.total_seconds() // 60))
        )
    if delta < timedelta(days=1):
        return QCoreApplication.translate("Time", "%1 h ago").replace(
            "%1", str(int(delta.total_seconds() // 3600))
        )
    return local_time(moment)


def local_time(moment: datetime, with_date: bool = True) -> str:
    local = ensure_utc(moment).astimezone()
    return local.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M:%S")
