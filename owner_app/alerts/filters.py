"""`AlertFilterBar`: which alerts the list shows — by type, camera and status."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from core.schemas.alerts import AlertStatus, AlertType, CameraOut
from owner_app.alerts.words import status_word
from owner_app.ui.labels import alert_type
from owner_app.ui.widgets import label


@dataclass(frozen=True)
class AlertFilter:
    type: AlertType | None = None
    camera: str | None = None
    status: AlertStatus | None = None


class AlertFilterBar(QWidget):
    changed = Signal(object)  # AlertFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.type_box = QComboBox()
        self.type_box.setObjectName("alertTypeFilter")
        self.camera_box = QComboBox()
        self.camera_box.setObjectName("alertCameraFilter")
        self.status_box = QComboBox()
        self.status_box.setObjectName("alertStatusFilter")
        self.caption = label("", "muted")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.caption)
        for box in (self.type_box, self.camera_box, self.status_box):
            box.setMinimumWidth(130)
            row.addWidget(box)
            box.currentIndexChanged.connect(self._emit)
        row.addStretch(1)
        self._cameras: list[tuple[str, str]] = []
        self._quiet = False
        self.retranslate()

    def current(self) -> AlertFilter:
        # Combo boxes keep enum members as plain strings, so the values come back as text.
        kind, camera, status = (
            box.currentData() for box in (self.type_box, self.camera_box, self.status_box)
        )
        return AlertFilter(
            AlertType(kind) if kind else None, camera or None, AlertStatus(status) if status else None
        )

    def set_filter(self, wanted: AlertFilter) -> None:
        """Choose values in code (tests, saved views); one `changed` for the lot."""
        self._quiet = True
        for box, value in (
            (self.type_box, wanted.type),
            (self.camera_box, wanted.camera),
            (self.status_box, wanted.status),
        ):
            box.setCurrentIndex(
                max(0, box.findData(getattr(value, "value", value))) if value is not None else 0
            )
        self._quiet = False
        self._emit()

    def set_cameras(self, cameras: list[CameraOut]) -> None:
        """The camera choices follow the store's registry; the chosen one stays chosen."""
        self._cameras = [(c.id, c.name or c.id) for c in cameras]
        self._fill_cameras()

    def _fill_cameras(self) -> None:
        chosen = self.camera_box.currentData()
        self._quiet = True
        self.camera_box.clear()
        self.camera_box.addItem(self.tr("All cameras"), None)
        for camera_id, name in self._cameras:
            self.camera_box.addItem(name, camera_id)
        if chosen is not None and self.camera_box.findData(chosen) < 0:
            self.camera_box.addItem(chosen, chosen)  # a camera gone from the registry keeps its alerts
        self.camera_box.setCurrentIndex(max(0, self.camera_box.findData(chosen)))
        self._quiet = False

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.current())

    def retranslate(self) -> None:
        chosen = self.current() if self.type_box.count() else AlertFilter()
        self._quiet = True
        self.caption.setText(self.tr("Show"))
        self.type_box.clear()
        self.type_box.addItem(self.tr("All types"), None)
        for kind in AlertType:
            self.type_box.addItem(alert_type(kind.value), kind.value)
        self.status_box.clear()
        self.status_box.addItem(self.tr("Any status"), None)
        for status in AlertStatus:
            self.status_box.addItem(status_word(status), status.value)
        self._fill_cameras()
        self._quiet = False
        self.set_filter(chosen)
