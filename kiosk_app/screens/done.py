"""Done: the receipt on screen (items, total with VAT included, approval and order numbers), then back to
attract after the receipt timeout, or at once with "Finish"."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, QTimeZone
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from core.money import format_money
from kiosk_app.screens.base import Screen, button, label
from kiosk_app.widgets.art import pixmap

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.controller import KioskController
    from kiosk_app.receipt import Receipt


_PAIRS = ("total", "vat", "card", "approval", "order")
SPARE_LINES = 8  # receipt lines made and styled ahead: a usual receipt makes no widget while it shows


@lru_cache(maxsize=8)
def _zone(name: str) -> QTimeZone:
    """The store's time zone (the system's if Qt does not know the name); the first one costs ~4 ms."""
    zone = QTimeZone(name.encode())
    return zone if zone.isValid() else QTimeZone.systemTimeZone()


class DoneScreen(Screen):
    def __init__(
        self, controller: KioskController, colours: ThemePalette, parent: QWidget | None = None
    ) -> None:
        super().__init__("doneScreen", parent)
        self.controller = controller
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 48, 64, 56)
        column.setSpacing(24)
        check = QLabel()
        check.setObjectName("doneBadge")
        check.setPixmap(pixmap("check", colours.accent_text, 120))
        check.setAlignment(Qt.AlignmentFlag.AlignCenter)
        check.setFixedSize(200, 200)
        badge_row = QHBoxLayout()
        badge_row.addStretch(1)
        badge_row.addWidget(check)
        badge_row.addStretch(1)
        column.addLayout(badge_row)
        self.title = label("screenHero", align=Qt.AlignmentFlag.AlignCenter)
        self.subtitle = label("screenLead", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.title)
        column.addWidget(self.subtitle)
        self.paper = QFrame()
        self.paper.setObjectName("receipt")
        self.paper_box = QVBoxLayout(self.paper)
        self.paper_box.setContentsMargins(44, 36, 44, 36)
        self._build_paper()
        column.addWidget(self.paper)
        column.addStretch(1)
        self.countdown = label("muted", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.countdown)
        self.finish_button = button("primary", "check", colours.accent_text, 44)
        self.finish_button.clicked.connect(controller.finish)
        column.addWidget(self.finish_button)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._show_countdown)
        controller.receipt_updated.connect(self._show_order_number)
        self.retranslate()

    def prepare(self) -> None:
        self.render_receipt()

    def enter(self) -> None:
        self._tick.start(1000)
        self._show_countdown()

    def _show_countdown(self) -> None:
        if not self.isVisible():
            self._tick.stop()
        left = max(0, (self.controller.receipt_remaining_ms() + 999) // 1000)
        self.countdown.setText(self.tr("Returning to the start in %n s.", "", left))

    def _build_paper(self) -> None:
        """The receipt's widgets, made once: each sale only sets texts (a new label costs a style pass)."""
        self.paper_layout = QVBoxLayout()
        self.paper_layout.setSpacing(14)
        self.paper_box.addLayout(self.paper_layout)
        self.store = label("receiptStore", align=Qt.AlignmentFlag.AlignCenter)
        self.stamp = label("receiptMuted", align=Qt.AlignmentFlag.AlignCenter)
        self.paper_layout.addWidget(self.store)
        self.paper_layout.addWidget(self.stamp)
        self.paper_layout.addWidget(self._rule())
        self.lines_grid = QGridLayout()
        self.lines_grid.setHorizontalSpacing(20)
        self.lines_grid.setVerticalSpacing(10)
        self.lines_grid.setColumnStretch(0, 1)
        self.line_rows: list[tuple[QLabel, QLabel, QLabel]] = []
        self.paper_layout.addLayout(self.lines_grid)
        self.paper_layout.addWidget(self._rule())
        self.pairs = {
            key: self._pair("receiptTotal" if key == "total" else "receiptText") for key in _PAIRS[:2]
        }
        self.paper_layout.addWidget(self._rule())
        self.pairs.update({key: self._pair("receiptText") for key in _PAIRS[2:]})
        self.paper_layout.addStretch(1)

    def render_receipt(self) -> None:
        receipt = self.controller.payment.receipt
        if receipt is None:
            return
        language = self.controller.language

        def money(amount: int) -> str:
            return format_money(amount, receipt.currency, language)

        self.store.setText(receipt.store_name)
        zone = _zone(receipt.timezone)
        when = QDateTime.fromSecsSinceEpoch(int(receipt.created_at.timestamp()), zone)
        self.stamp.setText(QLocale().toString(when, "yyyy-MM-dd HH:mm"))
        while len(self.line_rows) < len(receipt.lines):
            self._add_line_row()
        for index, (name, quantity, amount) in enumerate(self.line_rows):
            shown = index < len(receipt.lines)
            for cell in (name, quantity, amount):
                cell.setVisible(shown)
            if shown:
                line = receipt.lines[index]
                name.setText(line.name(language))
                quantity.setText(f"× {line.quantity}")
                amount.setText(money(line.line_total))
        approval = receipt.approval_code or self.tr("Pending (approved when the kiosk is back online)")
        values = {
            "total": (self.tr("Total"), money(receipt.total)),
            "vat": (self.tr("VAT included"), money(receipt.vat)),
            "card": (self.tr("Card"), f"**** {receipt.card_last4}"),
            "approval": (self.tr("Approval no."), approval),
            "order": (self.tr("Order no."), ""),
        }
        for key, (name_text, value_text) in values.items():
            self.pairs[key][0].setText(name_text)
            self.pairs[key][1].setText(value_text)
        self._show_order_number()

    def _show_order_number(self) -> None:
        """The backend's number comes a moment after "paid" (or after an outage): only this label changes."""
        receipt = self.controller.payment.receipt
        if receipt is not None:
            number = receipt.order_number or self.tr("%1 (syncing)").replace("%1", receipt.reference)
            self.pairs["order"][1].setText(number)

    def warm_up(self) -> None:
        while len(self.line_rows) < SPARE_LINES:
            self._add_line_row()
        side = self.controller.runtime.side
        _zone(side.store.timezone if side and side.store else "UTC")  # the first load reads the tz database
        super().warm_up()

    def _add_line_row(self) -> None:
        row = len(self.line_rows)
        cells = (
            label("receiptText"),
            label("receiptText", wrap=False, align=Qt.AlignmentFlag.AlignRight),
            label("receiptText", wrap=False, align=Qt.AlignmentFlag.AlignRight),
        )
        for column, cell in enumerate(cells):
            cell.hide()
            self.lines_grid.addWidget(cell, row, column)
            cell.ensurePolished()  # the screen's own pass has run already and does not reach new children
        self.line_rows.append(cells)

    def _pair(self, role: str) -> tuple[QLabel, QLabel]:
        row = QHBoxLayout()
        left = label(role, wrap=False)
        right = label(role, align=Qt.AlignmentFlag.AlignRight)
        row.addWidget(left)
        row.addWidget(right, 1)
        self.paper_layout.addLayout(row)
        return left, right

    def _rule(self) -> QFrame:
        rule = QFrame()
        rule.setObjectName("receiptRule")
        rule.setFixedHeight(2)
        return rule

    def current_receipt(self) -> Receipt | None:
        return self.controller.payment.receipt

    def retranslate(self) -> None:
        self.title.setText(self.tr("Thank you!"))
        self.subtitle.setText(self.tr("Your payment is complete. Please take your items."))
        self.finish_button.setText(self.tr("Finish"))
        if self.isVisible():
            self.render_receipt()
            self._show_countdown()
