"""`CameraList`: the store's cameras with their health, and which alert types each one watches for — and
which it does not, with the reason in plain words (e.g. no model installed for it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from core.qt.theme import ThemePalette
from core.schemas.alerts import CameraOut
from owner_app.alerts.words import HEALTH_TONE, health_word
from owner_app.ui.labels import alert_type
from owner_app.ui.widgets import Card

NAME, HEALTH, MONITORED, NOT_MONITORED = range(4)


class CameraList(Card):
    def __init__(self, palette: ThemePalette, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.theme_palette = palette
        self.cameras: list[CameraOut] = []
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("cameraTable")
        self.table.setProperty("role", "plain")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOT_MONITORED, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.body.addWidget(self.table)
        self.retranslate()

    def show_cameras(self, cameras: list[CameraOut]) -> None:
        self.cameras = sorted(cameras, key=lambda c: (c.name or c.id).lower())
        self.table.setRowCount(len(self.cameras))
        for row, camera in enumerate(self.cameras):
            health = "● " + health_word(camera.health)
            if camera.stale:
                health += " " + self.tr("(not heard from lately)")
            if camera.message:
                health += f" — {camera.message}"
            watched = ", ".join(alert_type(t.value) for t in camera.monitored) or "–"
            missing = "\n".join(f"{alert_type(n.type.value)}: {n.reason}" for n in camera.not_monitored)
            cells = [camera.name or camera.id, health, watched, missing or "–"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, camera.id)
                if column == HEALTH:
                    tone = "muted" if camera.stale else HEALTH_TONE[camera.health]
                    item.setForeground(QColor(getattr(self.theme_palette, tone)))
                if column == NOT_MONITORED and camera.not_monitored:
                    item.setForeground(QColor(self.theme_palette.warning))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.note.setText(self.tr("%1 cameras").replace("%1", str(len(self.cameras))))

    def set_palette(self, palette: ThemePalette) -> None:
        self.theme_palette = palette
        self.show_cameras(self.cameras)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Cameras"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Camera"), self.tr("Health"), self.tr("Watches for"), self.tr("Not watched, and why")]
        )
        self.show_cameras(self.cameras)
