"""Welcome: a customer has stepped up (or touched the screen). Greet them, offer the language, start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk_app.screens.base import Screen, button, label
from kiosk_app.widgets.art import pixmap

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.controller import KioskController


class WelcomeScreen(Screen):
    def __init__(
        self, controller: KioskController, colours: ThemePalette, parent: QWidget | None = None
    ) -> None:
        super().__init__("welcomeScreen", parent)
        self.controller = controller
        column = QVBoxLayout(self)
        column.setContentsMargins(72, 60, 72, 100)
        column.setSpacing(32)
        column.addStretch(2)
        self.title = label("screenHero", align=Qt.AlignmentFlag.AlignCenter)
        self.subtitle = label("screenLead", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        column.addStretch(1)
        self.start_button = button("hero", "cart", colours.accent_text, 56)
        self.start_button.clicked.connect(controller.begin_shopping)
        column.addWidget(self.start_button)
        column.addSpacing(24)
        self.language_title = label("sectionTitle", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.language_title)
        languages = QHBoxLayout()
        languages.setSpacing(24)
        self.korean = button("choice")
        self.korean.setText("한국어")
        self.korean.clicked.connect(lambda: controller.set_language("ko"))
        self.english = button("choice")
        self.english.setText("English")
        self.english.clicked.connect(lambda: controller.set_language("en"))
        languages.addWidget(self.korean)
        languages.addWidget(self.english)
        column.addLayout(languages)
        column.addStretch(2)
        scan_row = QHBoxLayout()
        scan_row.setSpacing(18)
        scan_icon = QLabel()
        scan_icon.setPixmap(pixmap("barcode", colours.muted, 48))
        self.scan_hint = label("muted", wrap=False)
        scan_row.addStretch(1)
        scan_row.addWidget(scan_icon)
        scan_row.addWidget(self.scan_hint)
        scan_row.addStretch(1)
        column.addLayout(scan_row)
        self.retranslate()

    def enter(self) -> None:
        self._mark_language()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Hello!"))
        self.subtitle.setText(self.tr("Pick your items on the screen and pay by card. It takes a minute."))
        self.start_button.setText(self.tr("Start shopping"))
        self.language_title.setText(self.tr("Language"))
        self.scan_hint.setText(self.tr("Or scan a product's barcode at any time"))
        self._mark_language()

    def _mark_language(self) -> None:
        for widget, language in ((self.korean, "ko"), (self.english, "en")):
            widget.setProperty("selected", self.controller.language == language)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
