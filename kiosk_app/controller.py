"""The kiosk's state machine: which screen shows, what moves it on, and the cart it sells.

    activation -> attract -> welcome -> catalogue <-> cart -> payment -> done -> attract
                  (approach or touch)              (staff PIN for 19+)         (receipt timeout)

An idle timeout anywhere a customer could have walked away ("still there?" countdown) clears the cart and
returns to attract; the staff PIN opens maintenance from any screen. Screens only call the methods here and
listen to its signals, so a test or a benchmark script can drive the whole kiosk without touching a widget.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk_app.cart import AddOutcome, Cart
from kiosk_app.catalogue_view import CatalogueView
from kiosk_app.checkout import PaymentFlow
from kiosk_app.idle import IdleMonitor
from kiosk_app.runtime import KioskRuntime

log = logging.getLogger("autostore.kiosk")


class KioskState(StrEnum):
    activation = "activation"
    attract = "attract"
    welcome = "welcome"
    catalogue = "catalogue"
    cart = "cart"
    payment = "payment"
    done = "done"
    maintenance = "maintenance"


# Where a customer may have walked away mid-way: the idle countdown runs there.
IDLE_STATES = frozenset(
    {KioskState.welcome, KioskState.catalogue, KioskState.cart, KioskState.payment, KioskState.maintenance}
)
CUSTOMER_STATES = frozenset({KioskState.welcome, KioskState.catalogue, KioskState.cart})


class KioskController(QObject):
    state_changed = Signal(str)
    cart_changed = Signal()
    catalogue_changed = Signal()
    notice = Signal(str, str)  # kind (added, sold_out, stock_limit, unknown_barcode, cart_updated), name
    pin_requested = Signal(str)  # purpose: maintenance or age_check
    pin_checked = Signal(str, object)  # purpose, PinCheck
    receipt_updated = Signal()
    language_requested = Signal(str)
    exit_requested = Signal()

    def __init__(self, runtime: KioskRuntime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.state = KioskState.attract
        self.cart = Cart()
        self.catalogue = CatalogueView()
        self.payment = PaymentFlow(runtime, self.cart, self)
        self.payment.paid.connect(lambda _receipt: self._go(KioskState.done))
        # Never reset while money moves, nor over a paid sale that failed to save (staff must see it).
        self.idle = IdleMonitor(
            lambda: not (self.payment.busy or self.payment.phase == "record_failed"), self
        )
        self.idle.expired.connect(self.reset_to_attract)
        self.default_language = runtime.options.language
        self.language = self.default_language
        self._after_pin: KioskState | None = None
        self._receipt_timer = self._single_shot(self.finish)
        self._leave_timer = self._single_shot(self._customer_gone)
        runtime.catalogue_loaded.connect(self._on_catalogue)
        runtime.config_changed.connect(self._on_config)
        runtime.delivered.connect(self._on_delivered)
        runtime.booted.connect(self._on_booted)
        runtime.boot_failed.connect(lambda _error: self._go(KioskState.activation))
        runtime.sensor.approached.connect(self.customer_approached)
        runtime.sensor.left.connect(self.customer_left)
        runtime.card.card_event.connect(self._on_card_event)

    def _single_shot(self, slot: Any) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    # -- start-up -----------------------------------------------------------------------------------------
    def start(self, activated_hint: bool, language: str | None = None) -> None:
        """Show the screen the local store suggests at once; the runtime confirms it after booting."""
        self.default_language = language or self.default_language
        self._go(KioskState.attract if activated_hint else KioskState.activation)

    def _on_booted(self, activated: bool) -> None:
        side = self.runtime.side
        if activated and side is not None and side.pins.is_set:
            self._on_config()
            if self.state == KioskState.activation:
                self._go(KioskState.attract)
        else:
            self._go(KioskState.activation)

    # -- customers arriving and leaving -------------------------------------------------------------------
    def customer_approached(self) -> None:
        self._leave_timer.stop()
        if self.state == KioskState.attract:
            self.runtime.camera.capture_burst()
            self._go(KioskState.welcome)

    def customer_left(self) -> None:
        if self.state == KioskState.welcome and self.cart.is_empty:
            self._leave_timer.start(self.runtime.options.timings.welcome_leave_ms)

    def _customer_gone(self) -> None:
        if self.state == KioskState.welcome and self.cart.is_empty:
            self.reset_to_attract()

    def touch_attract(self) -> None:
        if self.state == KioskState.attract:
            self._go(KioskState.welcome)

    # -- shopping -----------------------------------------------------------------------------------------
    def begin_shopping(self) -> None:
        if self.state in (KioskState.welcome, KioskState.cart, KioskState.attract):
            self._go(KioskState.catalogue)

    def show_cart(self) -> None:
        if self.state == KioskState.catalogue:
            self._go(KioskState.cart)

    def add_product(self, product_id: int) -> AddOutcome | None:
        item = self.catalogue.item(product_id)
        if item is None:
            return None
        outcome = self.cart.add(item)
        self.notice.emit(outcome.value, self._name(item))
        if outcome == AddOutcome.added:
            self.cart_changed.emit()
        return outcome

    def scan(self, barcode: str) -> AddOutcome | None:
        """A barcode from the scanner: adds the product wherever a customer is shopping."""
        if self.state not in (*CUSTOMER_STATES, KioskState.attract):
            return None
        item = self.catalogue.item_by_barcode(barcode)
        if item is None:
            self.notice.emit("unknown_barcode", barcode)
            return None
        if self.state in (KioskState.attract, KioskState.welcome):
            self._go(KioskState.catalogue)
        return self.add_product(item.product_id)

    def increment(self, product_id: int) -> None:
        outcome = self.cart.increment(product_id)
        if outcome != AddOutcome.added:
            self.notice.emit(outcome.value, "")
        self.cart_changed.emit()

    def decrement(self, product_id: int) -> None:
        self.cart.decrement(product_id)
        self.cart_changed.emit()

    def remove(self, product_id: int) -> None:
        self.cart.remove(product_id)
        self.cart_changed.emit()

    # -- paying -------------------------------------------------------------------------------------------
    def checkout(self) -> None:
        if self.state != KioskState.cart or self.cart.is_empty:
            return
        if self.cart.needs_age_check:
            self.request_pin("age_check")
            return
        self.payment.start()
        self._go(KioskState.payment)

    def cancel_payment(self) -> None:
        if self.state == KioskState.payment and self.payment.can_cancel():
            self._go(KioskState.cart)
            self._refresh_cart()

    def _on_card_event(self, event: Any) -> None:
        if self.state == KioskState.payment:
            self.payment.on_card_event(event)

    def finish(self) -> None:
        if self.state == KioskState.done:
            self.reset_to_attract()

    def receipt_remaining_ms(self) -> int:
        return max(0, self._receipt_timer.remainingTime()) if self._receipt_timer.isActive() else 0

    def _on_delivered(self, order_id: str, number: str) -> None:
        receipt = self.payment.receipt
        if receipt is not None and receipt.order_id == order_id:
            receipt.order_number = number
            self.receipt_updated.emit()

    # -- staff --------------------------------------------------------------------------------------------
    def request_pin(self, purpose: str) -> None:
        self.pin_requested.emit(purpose)

    def submit_pin(self, purpose: str, pin: str) -> None:
        handle = self.runtime.pins_verify(pin)
        handle.finished.connect(lambda check: self._on_pin_checked(purpose, check))

    def _on_pin_checked(self, purpose: str, check: Any) -> None:
        self.pin_checked.emit(purpose, check)
        if not check.ok:
            return
        if purpose == "age_check" and self.state == KioskState.cart:
            self.cart.age_verified = True
            self.cart_changed.emit()
            self.checkout()
        elif purpose == "maintenance" and self.state != KioskState.maintenance:
            self._after_pin = self.state if self.state != KioskState.payment else KioskState.cart
            self._go(KioskState.maintenance)

    def leave_maintenance(self) -> None:
        if self.state == KioskState.maintenance:
            back = self._after_pin or KioskState.attract
            self._go(KioskState.attract if back in (KioskState.done, KioskState.activation) else back)

    def reactivate(self) -> None:
        """Staff chose re-activation: forget this device identity and show the code keypad."""
        self.cart.clear()
        self.runtime.forget_device()
        self._go(KioskState.activation)

    def exit_kiosk(self) -> None:
        self.exit_requested.emit()

    def activated(self) -> None:
        """The activation screen finished (code accepted, staff PIN set)."""
        self._on_config()
        self.cart.clear()
        self.set_language(self.default_language)
        self._go(KioskState.attract)

    # -- leaving ------------------------------------------------------------------------------------------
    def reset_to_attract(self) -> None:
        """End the customer's session: clear the cart and go back to the default language."""
        if self.state == KioskState.activation:
            return
        self.cart.clear()
        self.cart_changed.emit()
        self.set_language(self.default_language)
        self._go(KioskState.attract)

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.language_requested.emit(language)

    def _go(self, state: KioskState) -> None:
        previous, self.state = self.state, state
        self._receipt_timer.stop()
        self._leave_timer.stop()
        if state in IDLE_STATES:
            self.idle.arm(*self.runtime.options.timings.idle_ms(self._config()))
        else:
            self.idle.disarm()
        if state == KioskState.done:
            self._receipt_timer.start(self.runtime.options.timings.receipt_timeout_ms(self._config()))
        if state != previous:
            log.info("kiosk: %s -> %s", previous.value, state.value)
        self.state_changed.emit(state.value)

    # -- catalogue and config updates ---------------------------------------------------------------------
    def _config(self) -> Any:
        return self.runtime.config if self.runtime.ready else None

    def _on_catalogue(self, catalogue: CatalogueView) -> None:
        self.catalogue = catalogue
        self.catalogue_changed.emit()
        self._refresh_cart()

    def _refresh_cart(self) -> None:
        """New prices and stock reach the cart, except while it is being paid for (the customer agreed
        to the total on screen) or shown on the receipt."""
        if self.state in (KioskState.payment, KioskState.done):
            return
        if self.cart.refresh(self.catalogue.by_id):
            self.notice.emit("cart_updated", "")
            self.cart_changed.emit()

    def _on_config(self) -> None:
        self.default_language = self.runtime.options.force_language or self.runtime.config.language

    def _name(self, item: Any) -> str:
        return str(item.name_ko if self.language == "ko" else item.name_en)
