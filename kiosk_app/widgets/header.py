"""The bar on top of every customer screen (store name, language switch, staff), and the offline banner
under it: offline state, what offline means for cards, and how many sales wait to be synced."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from core.money import format_money
from kiosk_app.widgets.art import icon, icon_size, pixmap

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.workers.network import NetworkState

LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}


class KioskHeader(QWidget):
    language_clicked = Signal()
    staff_clicked = Signal()

    def __init__(self, colours: ThemePalette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.language = "ko"
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 18, 28, 18)
        row.setSpacing(20)
        self.store_name = QLabel()
        self.store_name.setObjectName("storeName")
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageButton")
        self.language_button.setIcon(icon("globe", colours.accent, 80))
        self.language_button.setIconSize(icon_size(36))
        self.language_button.clicked.connect(self.language_clicked)
        self.staff_button = QPushButton()
        self.staff_button.setObjectName("staffButton")
        self.staff_button.setIcon(icon("lock", colours.muted, 80))
        self.staff_button.setIconSize(icon_size(34))
        self.staff_button.clicked.connect(self.staff_clicked)
        for widget in (self.language_button, self.staff_button):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        row.addWidget(self.store_name, 1)
        row.addWidget(self.language_button)
        row.addWidget(self.staff_button)
        self.retranslate()

    def set_language(self, language: str) -> None:
        self.language = language
        # The button offers the other language, named in that language, so a visitor can read it.
        self.language_button.setText(" " + LANGUAGE_NAMES["en" if language == "ko" else "ko"])

    def retranslate(self) -> None:
        self.staff_button.setAccessibleName(self.tr("Staff"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class OfflineBanner(QWidget):
    def __init__(self, colours: ThemePalette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 14, 40, 14)
        row.setSpacing(18)
        glyph = QLabel()
        glyph.setPixmap(pixmap("wifi_off", colours.accent_text, 40))
        self.text = QLabel()
        self.text.setObjectName("offlineText")
        self.text.setWordWrap(True)
        row.addWidget(glyph)
        row.addWidget(self.text, 1)
        self.hide()
        self._state: NetworkState | None = None
        self._floor = 0
        self._language = "ko"

    def update_state(self, state: NetworkState, floor_limit: int, language: str) -> None:
        self._state, self._floor, self._language = state, floor_limit, language
        self.retranslate()

    def retranslate(self) -> None:
        state = self._state
        if state is None or not (state.offline or state.auth_required):
            self.hide()
            return
        if state.auth_required:
            first = self.tr("This kiosk is signed out. Staff: re-activate it in maintenance.")
        elif self._floor > 0:
            limit = format_money(self._floor, "KRW", self._language)
            first = self.tr("Offline: card payments up to %1 only.").replace("%1", limit)
        else:
            first = self.tr("Offline: card payments are unavailable right now.")
        parts = [first]
        if state.pending:
            parts.append(self.tr("Sales waiting to sync: %n.", "", state.pending))
        self.text.setText(" ".join(parts))
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
