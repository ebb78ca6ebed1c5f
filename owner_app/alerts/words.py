"""Words for alert statuses and camera health in the current language (types and severities are in
owner_app/ui/labels.py, shared with the dashboard)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core.schemas.alerts import AlertStatus, CameraHealth

STATUSES = {
    AlertStatus.new: str(QT_TRANSLATE_NOOP("AlertWords", "New")),
    AlertStatus.acknowledged: str(QT_TRANSLATE_NOOP("AlertWords", "Acknowledged")),
    AlertStatus.resolved: str(QT_TRANSLATE_NOOP("AlertWords", "Resolved")),
    AlertStatus.false_alarm: str(QT_TRANSLATE_NOOP("AlertWords", "False alarm")),
}
HEALTH = {
    CameraHealth.ok: str(QT_TRANSLATE_NOOP("AlertWords", "OK")),
    CameraHealth.degraded: str(QT_TRANSLATE_NOOP("AlertWords", "Degraded")),
    CameraHealth.reconnecting: str(QT_TRANSLATE_NOOP("AlertWords", "Reconnecting")),
    CameraHealth.offline: str(QT_TRANSLATE_NOOP("AlertWords", "Offline")),
}
# The tone a status or health is drawn in: the palette field name.
STATUS_TONE = {
    AlertStatus.new: "danger",
    AlertStatus.acknowledged: "warning",
    AlertStatus.resolved: "success",
    AlertStatus.false_alarm: "muted",
}
HEALTH_TONE = {
    CameraHealth.ok: "success",
    CameraHealth.degraded: "warning",
    CameraHealth.reconnecting: "warning",
    CameraHealth.offline: "danger",
}


def status_word(status: AlertStatus) -> str:
    return QCoreApplication.translate("AlertWords", STATUSES[status])


def health_word(health: CameraHealth) -> str:
    return QCoreApplication.translate("AlertWords", HEALTH[health])
