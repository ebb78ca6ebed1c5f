"""`AlertListModel`: the alerts shown in the list, newest first, with snapshot thumbnails as they arrive."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QPixmap

from core.qt.theme import ThemePalette
from core.schemas.alerts import AlertOut
from owner_app.alerts.words import STATUS_TONE, status_word
from owner_app.ui.formatting import ago
from owner_app.ui.labels import alert_type, severity

THUMB_SIZE = (72, 44)
HEADERS = (
    str(QT_TRANSLATE_NOOP("AlertListModel", "Alert")),
    str(QT_TRANSLATE_NOOP("AlertListModel", "Camera")),
    str(QT_TRANSLATE_NOOP("AlertListModel", "Severity")),
    str(QT_TRANSLATE_NOOP("AlertListModel", "Status")),
    str(QT_TRANSLATE_NOOP("AlertListModel", "Started")),
)
ALERT, CAMERA, SEVERITY, STATUS, STARTED = range(5)
Index = QModelIndex | QPersistentModelIndex


class AlertListModel(QAbstractTableModel):
    def __init__(self, palette: ThemePalette) -> None:
        super().__init__()
        self.palette = palette
        self.alerts: list[AlertOut] = []
        self.thumbnails: dict[UUID, QPixmap] = {}

    # -- contents -----------------------------------------------------------------------------------------
    def set_alerts(self, alerts: list[AlertOut]) -> None:
        self.beginResetModel()
        self.alerts = sorted(alerts, key=lambda a: a.started_at, reverse=True)
        self.endResetModel()

    def upsert(self, alert: AlertOut) -> None:
        """A changed alert replaces its row; a new one goes to the top."""
        row = self.row_of(alert.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self.alerts.insert(0, alert)
            self.endInsertRows()
        else:
            self.alerts[row] = alert
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def remove(self, alert_id: UUID) -> None:
        row = self.row_of(alert_id)
        if row is not None:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.alerts[row]
            self.endRemoveRows()

    def set_thumbnail(self, alert_id: UUID, jpeg: bytes) -> None:
        pixmap = QPixmap()
        if not pixmap.loadFromData(jpeg):
            return
        self.thumbnails[alert_id] = pixmap.scaled(
            *THUMB_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        row = self.row_of(alert_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, ALERT), self.index(row, ALERT))

    def needs_thumbnail(self) -> list[UUID]:
        return [a.id for a in self.alerts if a.snapshot_url and a.id not in self.thumbnails]

    def set_palette(self, palette: ThemePalette) -> None:
        self.palette = palette
        if self.alerts:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.alerts) - 1, len(HEADERS) - 1))

    def row_of(self, alert_id: UUID) -> int | None:
        return next((row for row, a in enumerate(self.alerts) if a.id == alert_id), None)

    def alert_at(self, row: int) -> AlertOut:
        return self.alerts[row]

    # -- Qt model -----------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.alerts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("AlertListModel", HEADERS[section])
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        a = self.alerts[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(a, column)
        if role == Qt.ItemDataRole.DecorationRole and column == ALERT:
            return self.thumbnails.get(a.id)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS:
            return QColor(getattr(self.palette, STATUS_TONE[a.status]))
        if role == Qt.ItemDataRole.UserRole:
            return str(a.id)
        return None

    @staticmethod
    def _text(a: AlertOut, column: int) -> str:
        if column == ALERT:
            return alert_type(a.type.value)
        if column == CAMERA:
            return a.camera_name or a.camera_id
        if column == SEVERITY:
            return severity(a.severity.value)
        if column == STATUS:
            return "● " + status_word(a.status)
        return ago(a.started_at)
