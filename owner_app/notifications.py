"""Desktop notifications (the system tray) for new alerts and low stock, each type mutable in Settings.

Where the desktop has no tray (some Linux sessions, offscreen tests) the text goes to the status bar
instead, so nothing is silently lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from core.schemas.events import EventOut, EventType
from owner_app.context import AppContext
from owner_app.ui.formatting import language
from owner_app.ui.labels import alert_type, severity

SHOWN_MS = 8000


@dataclass(frozen=True)
class Notice:
    kind: str  # "alert" or "low_stock": the mute setting it obeys
    title: str
    text: str


class Notifier(QObject):
    shown = Signal(object)  # Notice

    def __init__(self, context: AppContext, app_icon: QIcon) -> None:
        super().__init__(context)
        self._context = context
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(app_icon, self)
            self.tray.setToolTip("AutoStore")
            self.tray.show()
        context.event_received.connect(self.on_event)

    def notice_for(self, event: EventOut) -> Notice | None:
        store = self._context.account.store(event.store_id)
        where = store.name if store else ""
        data = event.data
        if event.type == EventType.alert_created:
            title = self.tr("New alert: %1").replace("%1", alert_type(str(data.get("type", ""))))
            text = (
                self.tr("%1 · camera %2 · %3")
                .replace("%1", where)
                .replace("%2", str(data.get("camera_id", "")))
            )
            return Notice("alert", title, text.replace("%3", severity(str(data.get("severity", "")))))
        if event.type == EventType.stock_low:
            name = data.get("name_ko") if language() == "ko" else data.get("name_en")
            title = self.tr("Low stock: %1").replace("%1", str(name or data.get("sku", "")))
            text = self.tr("%1 · %2 left (reorder at %3)").replace("%1", where)
            text = text.replace("%2", str(data.get("quantity", "?"))).replace(
                "%3", str(data.get("reorder_level", "?"))
            )
            return Notice("low_stock", title, text)
        return None

    def on_event(self, event: EventOut) -> None:
        notice = self.notice_for(event)
        if notice is None or self._context.prefs.muted(notice.kind):
            return
        if self.tray is not None:
            icon = (
                QSystemTrayIcon.MessageIcon.Warning
                if notice.kind == "alert"
                else QSystemTrayIcon.MessageIcon.Information
            )
            self.tray.showMessage(notice.title, notice.text, icon, SHOWN_MS)
        else:
            self._context.message.emit(f"{notice.title} — {notice.text}", SHOWN_MS)
        self.shown.emit(notice)

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
