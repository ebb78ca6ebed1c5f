"""Maintenance (staff PIN): device status, the sync queue, re-activation and leaving kiosk mode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk_app.screens.base import Screen, button, label, restyle

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.controller import KioskController

REFRESH_MS = 1000


class MaintenanceScreen(Screen):
    def __init__(
        self, controller: KioskController, colours: ThemePalette, parent: QWidget | None = None
    ) -> None:
        super().__init__("maintenanceScreen", parent)
        self.controller = controller
        self.failed = 0
        self._confirming = False
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 40, 48, 48)
        column.setSpacing(24)
        self.title = label("screenTitle")
        column.addWidget(self.title)
        panel = QFrame()
        panel.setObjectName("statusPanel")
        self.grid = QGridLayout(panel)
        self.grid.setContentsMargins(36, 28, 36, 28)
        self.grid.setHorizontalSpacing(28)
        self.grid.setVerticalSpacing(18)
        self.names: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for row, key in enumerate(
            ("store", "device", "server", "network", "queue", "failed", "sensor", "card", "camera", "version")
        ):
            name = label("statusName", wrap=False)
            value = label("statusValue")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            self.grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.grid.addWidget(value, row, 1)
            self.names[key], self.values[key] = name, value
        self.grid.setColumnStretch(1, 1)
        column.addWidget(panel)
        column.addStretch(1)
        self.sync_button = button("secondary", "sync", colours.text, 40)
        self.sync_button.clicked.connect(self._sync_now)
        self.reactivate_button = button("danger", "alert", colours.accent_text, 40)
        self.reactivate_button.clicked.connect(self._reactivate)
        self.exit_button = button("secondary", "close", colours.text, 40)
        self.exit_button.clicked.connect(controller.exit_kiosk)
        self.back_button = button("primary", "back", colours.accent_text, 40)
        self.back_button.clicked.connect(controller.leave_maintenance)
        row1 = QHBoxLayout()
        row1.setSpacing(20)
        row1.addWidget(self.sync_button)
        row1.addWidget(self.reactivate_button)
        row2 = QHBoxLayout()
        row2.setSpacing(20)
        row2.addWidget(self.exit_button)
        row2.addWidget(self.back_button)
        column.addLayout(row1)
        column.addLayout(row2)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self.retranslate()

    def enter(self) -> None:
        self._confirming = False
        self._load_failed()
        self._timer.start(REFRESH_MS)
        self.retranslate()

    def _load_failed(self) -> None:
        side = self.controller.runtime.side
        if side is None:
            return
        handle = self.controller.runtime.db.submit(side.local.failed_items)
        handle.finished.connect(lambda items: self._set_failed(len(items)))

    def _set_failed(self, count: int) -> None:
        self.failed = count
        self.refresh()

    def _sync_now(self) -> None:
        self.controller.runtime.sync_now()
        self._load_failed()

    def _reactivate(self) -> None:
        if not self._confirming:
            self._confirming = True
            self.reactivate_button.setText(self.tr("Tap again to confirm re-activation"))
            return
        self._confirming = False
        self.controller.reactivate()

    def refresh(self) -> None:
        if not self.isVisible():
            self._timer.stop()
        runtime = self.controller.runtime
        side = runtime.side
        network = runtime.network
        store = side.store if side else None
        values = {
            "store": f"{store.name} (#{store.id})" if store else "—",
            "device": (side.device_id if side and side.has_session else None) or self.tr("not activated"),
            "server": side.api.base_url if side else runtime.options.server_url,
            "network": self._network_text(),
            "queue": self.tr("Waiting to sync: %n", "", network.pending),
            "failed": self.tr("Refused by the backend: %n (kept for staff)", "", self.failed),
            "sensor": self._sensor_text(),
            "card": runtime.card.health_text,
            "camera": runtime.camera.health_text,
            "version": runtime.options.app_version + (" · demo" if runtime.options.demo else ""),
        }
        for key, text in values.items():
            self.values[key].setText(text)
        restyle(self.values["network"], tone="bad" if network.offline else "good")

    def _network_text(self) -> str:
        network = self.controller.runtime.network
        if network.auth_required:
            return self.tr("Signed out: re-activate this kiosk")
        if network.online is None:
            return self.tr("Checking…")
        return self.tr("Online") if network.online else self.tr("Offline") + f" ({network.last_error})"

    def _sensor_text(self) -> str:
        sensor = self.controller.runtime.sensor
        distance = sensor.latest_cm
        reading = self.tr("nobody in range") if distance is None else f"{distance:.0f} cm"
        return f"{sensor.health_text} · {reading}"

    def retranslate(self) -> None:
        self.title.setText(self.tr("Maintenance"))
        names = {
            "store": self.tr("Store"),
            "device": self.tr("Device"),
            "server": self.tr("Server"),
            "network": self.tr("Network"),
            "queue": self.tr("Sync queue"),
            "failed": self.tr("Refused sales"),
            "sensor": self.tr("Distance sensor"),
            "card": self.tr("Card reader"),
            "camera": self.tr("Camera"),
            "version": self.tr("App version"),
        }
        for key, text in names.items():
            self.names[key].setText(text)
        self.sync_button.setText(self.tr("Sync now"))
        self.reactivate_button.setText(self.tr("Re-activate kiosk"))
        self.exit_button.setText(self.tr("Exit kiosk mode"))
        self.back_button.setText(self.tr("Back to sales"))
        self.refresh()
