"""Words for wire values (alert types, severities, roles) in the current language, shared by every page that
shows them (the dashboard and notifications now, the Alerts page later)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ALERT_TYPES = {
    "theft": str(QT_TRANSLATE_NOOP("Labels", "Theft")),
    "damage": str(QT_TRANSLATE_NOOP("Labels", "Damage")),
    "fall": str(QT_TRANSLATE_NOOP("Labels", "Fall")),
    "fire": str(QT_TRANSLATE_NOOP("Labels", "Fire")),
    "smoke": str(QT_TRANSLATE_NOOP("Labels", "Smoke")),
    "smoking": str(QT_TRANSLATE_NOOP("Labels", "Smoking")),
    "loitering": str(QT_TRANSLATE_NOOP("Labels", "Loitering")),
    "intrusion": str(QT_TRANSLATE_NOOP("Labels", "Intrusion")),
}
SEVERITIES = {
    "low": str(QT_TRANSLATE_NOOP("Labels", "low")),
    "medium": str(QT_TRANSLATE_NOOP("Labels", "medium")),
    "high": str(QT_TRANSLATE_NOOP("Labels", "high")),
    "critical": str(QT_TRANSLATE_NOOP("Labels", "critical")),
}
ROLES = {
    "owner": str(QT_TRANSLATE_NOOP("Labels", "Owner")),
    "staff": str(QT_TRANSLATE_NOOP("Labels", "Staff")),
    "support": str(QT_TRANSLATE_NOOP("Labels", "Support")),
}


def _word(table: dict[str, str], value: str) -> str:
    source = table.get(value)
    return QCoreApplication.translate("Labels", source) if source else value


def alert_type(value: str) -> str:
    return _word(ALERT_TYPES, value)


def severity(value: str) -> str:
    return _word(SEVERITIES, value)


def role(value: str) -> str:
    return _word(ROLES, value)
