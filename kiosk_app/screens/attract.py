"""Attract: the idle screen, dimmed. The store's name, rotating promotions and how buying works; it wakes
on a touch anywhere, or when the distance sensor sees a customer step up (the controller handles that)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk_app.screens.base import Screen, label
from kiosk_app.widgets.art import icon, icon_size, pixmap

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.controller import KioskController

PROMOTION_MS = 6000


class _Step(QFrame):
    def __init__(self, number: int, icon_name: str) -> None:
        super().__init__()
        self.setProperty("role", "attractStep")
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 28, 24, 28)
        column.setSpacing(14)
        glyph = QLabel()
        glyph.setPixmap(pixmap(icon_name, "#ffffff", 64))
        glyph.setAlignment(Qt.AlignmentFlag.AlignCenter)
        number_label = label("attractStepNumber", align=Qt.AlignmentFlag.AlignCenter)
        number_label.setText(str(number))
        self.text = label("attractStepText", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(number_label)
        column.addWidget(glyph)
        column.addWidget(self.text)


class AttractScreen(Screen):
    def __init__(
        self, controller: KioskController, colours: ThemePalette, parent: QWidget | None = None
    ) -> None:
        super().__init__("attractScreen", parent)
        self.controller = controller
        self.promotions: list[str] = []
        self._promotion_index = 0
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 40, 40, 80)
        column.setSpacing(28)
        top = QHBoxLayout()
        self.clock = label("attractClock", wrap=False)
        self.staff_button = QPushButton()
        self.staff_button.setObjectName("attractStaffButton")
        self.staff_button.setIcon(icon("lock", "#8a97ab", 72))
        self.staff_button.setIconSize(icon_size(32))
        self.staff_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.staff_button.clicked.connect(lambda: controller.request_pin("maintenance"))
        top.addWidget(self.clock, 1)
        top.addWidget(self.staff_button)
        column.addLayout(top)
        column.addStretch(2)
        self.store_name = label("attractStore", align=Qt.AlignmentFlag.AlignCenter)
        self.tagline = label("attractTagline", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.store_name)
        column.addWidget(self.tagline)
        column.addStretch(1)
        self.promotion = label("attractPromotion", align=Qt.AlignmentFlag.AlignCenter)
        self.promotion.setMinimumHeight(200)
        column.addWidget(self.promotion)
        column.addStretch(1)
        steps = QHBoxLayout()
        steps.setSpacing(24)
        self.steps = [_Step(1, "barcode"), _Step(2, "card"), _Step(3, "check")]
        for step in self.steps:
            steps.addWidget(step, 1)
        column.addLayout(steps)
        column.addStretch(2)
        self.touch_hint = label("attractTouch", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        hint_row = QHBoxLayout()
        hint_row.addStretch(1)
        hint_row.addWidget(self.touch_hint)
        hint_row.addStretch(1)
        column.addLayout(hint_row)
        self._rotate = QTimer(self)
        self._rotate.timeout.connect(self._next_promotion)
        self._clock_timer = QTimer(self)
        self._clock_timer.timeout.connect(self._tick_clock)
        self.load_store()
        self.retranslate()

    def enter(self) -> None:
        self._rotate.start(PROMOTION_MS)
        self._clock_timer.start(10_000)
        self._tick_clock()

    def load_store(self) -> None:
        runtime = self.controller.runtime
        if runtime.ready:
            self.set_store(runtime.store_name, list(runtime.config.promotions))

    def set_store(self, name: str, promotions: list[str]) -> None:
        self.store_name.setText(name or "AutoStore")
        self.promotions = promotions
        self._promotion_index = 0
        self._show_promotion()

    def retranslate(self) -> None:
        self.tagline.setText(self.tr("Self checkout · Pay by card"))
        for step, text in zip(
            self.steps,
            (self.tr("Scan or pick your items"), self.tr("Pay by card"), self.tr("Done! Take your receipt")),
            strict=True,
        ):
            step.text.setText(text)
        self.touch_hint.setText(self.tr("Touch the screen to start"))
        self._show_promotion()
        self._tick_clock()

    def _show_promotion(self) -> None:
        if self.promotions:
            self.promotion.setText(self.promotions[self._promotion_index % len(self.promotions)])
        else:
            self.promotion.setText(self.tr("Open 24 hours. Cold drinks, snacks and everyday essentials."))

    def _next_promotion(self) -> None:
        if not self.isVisible():
            self._rotate.stop()
            self._clock_timer.stop()
            return
        self._promotion_index += 1
        self._show_promotion()

    def _tick_clock(self) -> None:
        fmt = self.tr("dddd, MMMM d  HH:mm")
        self.clock.setText(QLocale().toString(QDateTime.currentDateTime(), fmt))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.controller.touch_attract()
        super().mousePressEvent(event)
