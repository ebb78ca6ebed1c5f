"""Devices: the store's kiosks and vision workers with status, last heartbeat and version; owners register
new ones with a one-time code and revoke old ones."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core.schemas.devices import DeviceKind, DeviceOut
from core.schemas.events import EventOut, EventType
from owner_app.context import AppContext
from owner_app.devices.code_dialog import ActivationCodeDialog
from owner_app.pages.base import Page
from owner_app.ui.formatting import ago, local_time
from owner_app.ui.icons import icon
from owner_app.ui.theme_state import ThemeState
from owner_app.ui.widgets import label

LIST_EVENTS = {
    EventType.device_activated,
    EventType.device_revoked,
    EventType.device_heartbeat,
    EventType.config_changed,
}
REFRESH_MS = 30_000  # "online" is a time window: look again even when no event came


class DevicesPage(Page):
    key = "devices"
    icon = "devices"
    order = 50

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("Pages", "Devices")

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__(context, theme)
        self.devices: list[DeviceOut] = []
        self.dialog: ActivationCodeDialog | None = None
        self.register_button = QPushButton()
        self.register_button.setProperty("role", "primary")
        self.register_button.setObjectName("registerKiosk")
        self.revoke_button = QPushButton()
        self.revoke_button.setProperty("role", "danger")
        self.summary = label("", "muted")
        bar = QHBoxLayout()
        bar.addWidget(self.summary)
        bar.addStretch(1)
        bar.addWidget(self.revoke_button)
        bar.addWidget(self.register_button)
        self.table = QTableWidget(0, 7)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(40)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.register_button.clicked.connect(self.register)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._reload_if_visible)
        self.timer.start()
        self.on_theme_changed()
        self.retranslate()

    def reload(self) -> None:
        store_id = self.context.store_id
        if store_id is not None:
            self.context.run(
                self.context.client.devices,
                store_id,
                on_done=lambda devices: self.show_devices(store_id, devices),
            )

    def _reload_if_visible(self) -> None:
        if self.isVisible():
            self.reload()

    def show_devices(self, store_id: int, devices: list[DeviceOut]) -> None:
        if store_id != self.context.store_id:
            return
        self.devices = sorted(
            devices, key=lambda d: (d.revoked_at is not None, d.kind != DeviceKind.kiosk, d.name)
        )
        palette = self.theme.palette
        self.table.setRowCount(len(self.devices))
        for row, d in enumerate(self.devices):
            if d.revoked_at is not None:
                status, colour = self.tr("Revoked"), palette.muted
            elif d.online:
                status, colour = self.tr("Online"), palette.success
            else:
                status, colour = self.tr("Offline"), palette.danger
            kind = self.tr("Kiosk") if d.kind == DeviceKind.kiosk else self.tr("Vision")
            pending = d.health.get("outbox_pending")
            cells = [
                d.name or d.id[:8],
                kind,
                "● " + status,
                ago(d.last_seen_at),
                d.app_version or "–",
                "–" if pending is None else str(pending),
                local_time(d.created_at),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                if col == 2:
                    item.setForeground(QColor(colour))
                if d.revoked_at is not None:
                    item.setForeground(QColor(palette.muted))
                self.table.setItem(row, col, item)
        live = [d for d in self.devices if d.revoked_at is None]
        online = sum(1 for d in live if d.online)
        self.summary.setText(
            self.tr("%1 devices · %2 online").replace("%1", str(len(live))).replace("%2", str(online))
        )
        self.update_buttons()

    def on_event(self, event: EventOut) -> None:
        if event.type in LIST_EVENTS:
            self.stale = True
            if self.isVisible():
                self.activate()
        if event.type == EventType.device_activated and self.dialog is not None:
            self.dialog.device_activated(
                str(event.data.get("device_id", "")), str(event.data.get("name", ""))
            )

    # -- actions ------------------------------------------------------------------------------------------
    def can_manage(self) -> bool:
        return self.context.permissions.manage_devices and not self.read_only

    def selected(self) -> DeviceOut | None:
        rows = self.table.selectionModel().selectedRows()
        return self.devices[rows[0].row()] if rows else None

    def register(self) -> ActivationCodeDialog:
        self.dialog = ActivationCodeDialog(self.context, self)
        self.dialog.finished.connect(lambda _r: self.reload())
        self.dialog.open()
        return self.dialog

    def revoke_selected(self) -> None:
        device = self.selected()
        if device is None or device.revoked_at is not None:
            return
        answer = QMessageBox.warning(
            self,
            self.tr("Revoke device"),
            self.tr("Revoke %1? It is signed out at once and needs a new code to come back.").replace(
                "%1", device.name or device.id[:8]
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.revoke(device.id)

    def revoke(self, device_id: str) -> None:
        self.context.run(self.context.client.revoke_device, device_id, on_done=lambda _d: self.reload())

    def update_buttons(self) -> None:
        device = self.selected()
        self.register_button.setEnabled(self.can_manage())
        self.revoke_button.setEnabled(self.can_manage() and device is not None and device.revoked_at is None)

    def set_read_only(self, read_only: bool) -> None:
        self.update_buttons()

    def on_theme_changed(self) -> None:
        self.register_button.setIcon(icon("plus", self.theme.palette.accent_text))
        self.revoke_button.setIcon(icon("revoke", self.theme.palette.danger))
        if self.devices:
            self.show_devices(self.context.store_id or 0, self.devices)

    def retranslate(self) -> None:
        self.register_button.setText(self.tr("Register kiosk"))
        self.revoke_button.setText(self.tr("Revoke"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Type"),
                self.tr("Status"),
                self.tr("Last seen"),
                self.tr("Version"),
                self.tr("Unsent sales"),
                self.tr("Registered"),
            ]
        )
        if self.devices:
            self.show_devices(self.context.store_id or 0, self.devices)
        self.update_buttons()
