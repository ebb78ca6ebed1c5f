"""The payment sequence, in the only safe order:

1. read the card (the driver gives a masked PAN, never the full number);
2. authorise it through the backend's payments adapter, under a client payment id;
   offline (no answer), the card is declined unless the total is within the configured offline floor
   limit, in which case it is stored to be authorised when the outbox delivers the sale;
3. commit the sale to the local outbox with the stock decrement (one fsync'd transaction);
4. only then say "paid", and wake the outbox sync.

Every step runs on a worker; this object only moves between phases on the GUI thread.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk_app.receipt import Receipt, build_order, build_receipt

if TYPE_CHECKING:
    from core.schemas.payments import CardData, PaymentOut
    from kiosk_app.cart import Cart
    from kiosk_app.runtime import KioskRuntime

log = logging.getLogger("autostore.kiosk.checkout")


class Phase(StrEnum):
    waiting = "waiting"  # insert or tap the card
    reading = "reading"
    authorising = "authorising"
    recording = "recording"
    paid = "paid"
    declined = "declined"  # `reason`: the issuer's decline code, issuer_timeout, offline
    reader_error = "reader_error"  # `reason`: card_removed, unknown_card, communication, ...
    record_failed = "record_failed"  # approved but not saved here: staff must look (retry re-saves)


# Phases where the customer may tap another card, retry or cancel; elsewhere money may be moving.
SETTLED = frozenset({Phase.waiting, Phase.declined, Phase.reader_error})


class PaymentFlow(QObject):
    phase_changed = Signal(str)
    paid = Signal(object)  # Receipt

    def __init__(self, runtime: KioskRuntime, cart: Cart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.cart = cart
        self.phase = Phase.waiting
        self.reason = ""
        self.receipt: Receipt | None = None
        self._definite_answer = False  # the last payment id got a final answer: the next card needs a new one
        self._pending_order: Any = None
        self._card: CardData | None = None
        self._approval: str | None = None

    @property
    def busy(self) -> bool:
        """Money may be moving: no cancel, no idle reset."""
        return self.phase in (Phase.reading, Phase.authorising, Phase.recording)

    def start(self) -> None:
        self.receipt = None
        self._pending_order = None
        self._set(Phase.waiting)

    def retry(self) -> None:
        if self.phase == Phase.record_failed and self._pending_order is not None:
            self._record(self._pending_order)
        elif self.phase in SETTLED:
            self._set(Phase.waiting)

    def can_cancel(self) -> bool:
        return self.phase in SETTLED

    # -- 1. the card --------------------------------------------------------------------------------------
    def on_card_event(self, event: Any) -> None:
        kind = str(event.type)
        if kind == "inserted" and self.phase in SETTLED:
            self._set(Phase.reading)
        elif kind == "read" and self.phase in (*SETTLED, Phase.reading):
            read = event.read
            if read is None or str(read.kind) != "payment" or not read.masked_pan or not read.expiry:
                self._set(Phase.reader_error, "not_payment_card")
            else:
                self._authorise(read)
        elif kind == "failed" and self.phase in (*SETTLED, Phase.reading):
            self._set(Phase.reader_error, str(event.error or "communication"))

    # -- 2. authorisation ---------------------------------------------------------------------------------
    def _authorise(self, read: Any) -> None:
        from core.schemas.payments import AuthorizeRequest, CardData

        checkout = self.cart.checkout()
        if self._definite_answer:
            checkout.next_payment()
            self._definite_answer = False
        self._card = CardData(masked_pan=read.masked_pan, expiry=read.expiry, scheme=read.scheme or "unknown")
        request = AuthorizeRequest(
            payment_id=checkout.payment_id,
            order_id=checkout.order_id,
            amount=self.cart.total,
            currency=self.cart.currency,
            card=self._card,
        )
        self._set(Phase.authorising)
        handle = self.runtime.authorize(request)
        handle.finished.connect(self._on_authorised)
        handle.failed.connect(self._on_authorise_failed)

    def _on_authorised(self, payment: PaymentOut) -> None:
        status = str(payment.status)
        if status == "approved":
            self._approval = payment.approval_code
            self._record(self._order(approved=True))
        elif status == "error":  # the issuer did not answer: retrying under the same id is safe
            self._set(Phase.declined, "issuer_timeout")
        else:
            self._definite_answer = True
            self._set(Phase.declined, payment.decline_code or "declined")

    def _on_authorise_failed(self, error: Exception) -> None:
        from core.client.errors import AuthError, NetworkError, RateLimitedError, ServerError

        if not isinstance(error, NetworkError | ServerError | RateLimitedError | AuthError):
            log.error("payment refused by the backend: %s", error)
            self._set(Phase.reader_error, "payment_error")
            return
        limit = self.runtime.config.offline_floor_limit
        if limit <= 0 or self.cart.total > limit:
            log.info("offline: card declined (total %d above the floor limit %d)", self.cart.total, limit)
            self._set(Phase.declined, "offline")
            return
        log.info("offline: storing the card for authorisation on sync (total %d)", self.cart.total)
        self._approval = None
        self._record(self._order(approved=False))

    # -- 3. the local commit, 4. "paid" -------------------------------------------------------------------
    def _order(self, *, approved: bool) -> Any:
        from core.timeutil import utcnow

        assert self._card is not None and self.runtime.side is not None and self.runtime.side.store
        checkout = self.cart.checkout()
        return build_order(
            self.cart,
            store_id=self.runtime.side.store.id,
            order_id=checkout.order_id,
            payment_id=checkout.payment_id,
            created_at=utcnow(),
            card=self._card,
            approved=approved,
        )

    def _record(self, order: Any) -> None:
        self._pending_order = order
        self._set(Phase.recording)
        handle = self.runtime.record_sale(order)
        handle.finished.connect(lambda _item: self._on_recorded(order))
        handle.failed.connect(self._on_record_failed)

    def _on_recorded(self, order: Any) -> None:
        assert self._card is not None and self.runtime.side is not None
        store = self.runtime.side.store
        self.receipt = build_receipt(
            self.cart,
            order,
            vat_rate_bp=self.runtime.config.vat_rate_bp,
            masked_pan=self._card.masked_pan,
            approval_code=self._approval,
            store_name=self.runtime.store_name,
            timezone=store.timezone if store else "UTC",
        )
        self._pending_order = None
        self._set(Phase.paid)
        self.runtime.sale_recorded()
        self.paid.emit(self.receipt)

    def _on_record_failed(self, error: Exception) -> None:
        log.critical("a paid sale could not be saved locally: %s", error)
        self._set(Phase.record_failed, "record_failed")

    def _set(self, phase: Phase, reason: str = "") -> None:
        self.phase, self.reason = phase, reason
        self.phase_changed.emit(phase.value)
