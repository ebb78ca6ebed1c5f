"""Payment: insert or tap the card; progress while it is read and approved; approved, declined or a
reader problem, with retry and cancel. Cancel is offered only while no money is moving."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from core.money import format_money
from kiosk_app.checkout import Phase
from kiosk_app.screens.base import Screen, button, label, restyle
from kiosk_app.widgets.art import pixmap

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.controller import KioskController


class PaymentScreen(Screen):
    def __init__(
        self, controller: KioskController, colours: ThemePalette, parent: QWidget | None = None
    ) -> None:
        super().__init__("paymentScreen", parent)
        self.controller = controller
        self.colours = colours
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 48, 64, 56)
        column.setSpacing(28)
        self.amount_caption = label("amountCaption", align=Qt.AlignmentFlag.AlignCenter)
        self.amount = label("amountValue", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.amount_caption)
        column.addWidget(self.amount)
        column.addStretch(1)
        self.badge = QLabel()
        self.badge.setObjectName("paymentBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFixedSize(300, 300)
        badge_row = QHBoxLayout()
        badge_row.addStretch(1)
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)
        column.addLayout(badge_row)
        self.title = label("paymentTitle", align=Qt.AlignmentFlag.AlignCenter)
        self.detail = label("paymentDetail", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.title)
        column.addWidget(self.detail)
        self.progress = QProgressBar()
        self.progress.setObjectName("paymentProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(16)
        column.addWidget(self.progress)
        column.addStretch(1)
        self.offline_note = QFrame()
        self.offline_note.setObjectName("offlineNote")
        note_row = QHBoxLayout(self.offline_note)
        note_row.setContentsMargins(24, 16, 24, 16)
        self.offline_text = label("noticeText")
        note_row.addWidget(self.offline_text)
        column.addWidget(self.offline_note)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        self.cancel_button = button("secondary", "close", colours.text, 40)
        self.cancel_button.clicked.connect(controller.cancel_payment)
        self.retry_button = button("primary", "card", colours.accent_text, 44)
        self.retry_button.clicked.connect(controller.payment.retry)
        buttons.addWidget(self.cancel_button, 2)
        buttons.addWidget(self.retry_button, 3)
        column.addLayout(buttons)
        controller.payment.phase_changed.connect(lambda _phase: self.show_phase())
        controller.runtime.network.changed.connect(self._show_offline_note)
        self.retranslate()

    def enter(self) -> None:
        self.show_phase()

    def show_phase(self) -> None:
        flow = self.controller.payment
        phase = flow.phase
        if phase == Phase.paid and self.isVisible():
            return  # the receipt replaces this screen in the same turn: a relayout here would be wasted
        cart = self.controller.cart
        self.amount.setText(format_money(cart.total, cart.currency, self.controller.language))
        title, detail, tone, glyph = self._texts(phase, flow.reason)
        self.title.setText(title)
        self.detail.setText(detail)
        if self.title.property("tone") != tone:  # a style pass only when the colour changes
            restyle(self.title, tone=tone)
            restyle(self.badge, tone=tone)
        colour = {"bad": self.colours.danger, "good": self.colours.success}.get(tone, self.colours.accent)
        self.badge.setPixmap(pixmap(glyph, colour, 170))
        self.progress.setVisible(flow.busy)
        self.cancel_button.setVisible(flow.can_cancel())
        self.retry_button.setVisible(phase in (Phase.declined, Phase.reader_error, Phase.record_failed))
        self._show_offline_note()

    def _texts(self, phase: Phase, reason: str) -> tuple[str, str, str, str]:
        if phase == Phase.waiting:
            return (
                self.tr("Insert or tap your card"),
                self.tr("Use the card reader below the screen."),
                "neutral",
                "tap",
            )
        if phase == Phase.reading:
            return (self.tr("Reading your card…"), self.tr("Keep the card on the reader."), "neutral", "card")
        if phase == Phase.authorising:
            return (
                self.tr("Approving your payment…"),
                self.tr("This takes a few seconds."),
                "neutral",
                "sync",
            )
        if phase == Phase.recording:
            return (self.tr("Almost done…"), self.tr("Saving your purchase."), "neutral", "sync")
        if phase == Phase.paid:
            return (self.tr("Payment approved"), "", "good", "check")
        if phase == Phase.record_failed:
            return (
                self.tr("Please call staff"),
                self.tr("Your payment went through but the purchase could not be saved. Do not pay again."),
                "bad",
                "alert",
            )
        if phase == Phase.declined:
            return (self.tr("Card declined"), self._decline_reason(reason), "bad", "alert")
        return (self.tr("The card could not be read"), self._reader_reason(reason), "bad", "alert")

    def _decline_reason(self, reason: str) -> str:
        reasons = {
            "insufficient_funds": self.tr("The card has insufficient funds. Try another card."),
            "expired_card": self.tr("The card has expired. Try another card."),
            "issuer_timeout": self.tr("The card issuer did not answer in time. Please try again."),
            "offline": self.tr(
                "Card payments are unavailable while the kiosk is offline. Please try again later."
            ),
        }
        return reasons.get(reason, self.tr("The card issuer declined the payment. Try another card."))

    def _reader_reason(self, reason: str) -> str:
        reasons = {
            "card_removed": self.tr("The card was removed too soon. Tap again and hold it still."),
            "unknown_card": self.tr("This card is not recognised. Try a credit or debit card."),
            "not_payment_card": self.tr("This is not a payment card. Try a credit or debit card."),
            "payment_error": self.tr("The payment could not be processed. Please try again."),
        }
        return reasons.get(reason, self.tr("Something went wrong reading the card. Please try again."))

    def _show_offline_note(self) -> None:
        runtime = self.controller.runtime
        offline = runtime.network.offline and runtime.ready
        self.offline_note.setVisible(bool(offline))
        if offline:
            limit = runtime.config.offline_floor_limit
            if limit > 0:
                money = format_money(limit, self.controller.cart.currency, self.controller.language)
                self.offline_text.setText(
                    self.tr("Offline: cards are accepted up to %1.").replace("%1", money)
                )
            else:
                self.offline_text.setText(self.tr("Offline: card payments may be declined."))

    def retranslate(self) -> None:
        self.amount_caption.setText(self.tr("Amount to pay"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.retry_button.setText(self.tr("Try again"))
        self.show_phase()
