"""What a confirmed sale looks like: the order sent to the outbox, and the receipt shown on screen (Qt-free).

The receipt is built from the same cart as the order, so what the customer reads is what the backend gets.
The backend's short order number arrives once the outbox has delivered the sale (usually well under a
second online); until then the receipt shows a reference made from the order id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from core.money import vat_included

if TYPE_CHECKING:
    import uuid

    from core.schemas.orders import OrderCreate
    from core.schemas.payments import CardData
    from kiosk_app.cart import Cart


@dataclass(frozen=True)
class ReceiptLine:
    name_ko: str
    name_en: str
    quantity: int
    unit_price: int

    @property
    def line_total(self) -> int:
        return self.quantity * self.unit_price

    def name(self, language: str) -> str:
        return self.name_ko if language == "ko" else self.name_en


@dataclass
class Receipt:
    order_id: str
    lines: list[ReceiptLine]
    total: int
    vat: int
    currency: str
    created_at: datetime
    masked_pan: str
    approval_code: str | None  # None: sold offline, authorised when the outbox delivers it
    offline: bool
    order_number: str | None = None
    store_name: str = ""
    timezone: str = "UTC"  # the store's, for the time printed on the receipt

    @property
    def reference(self) -> str:
        """A short reference printed before the backend's order number is known."""
        return self.order_id.replace("-", "")[:8].upper()

    @property
    def card_last4(self) -> str:
        return self.masked_pan[-4:]


def build_order(
    cart: Cart,
    *,
    store_id: int,
    order_id: uuid.UUID,
    payment_id: uuid.UUID,
    created_at: datetime,
    card: CardData,
    approved: bool,
) -> OrderCreate:
    """The order for the outbox: linked to an approved payment, or (offline) carrying the card to charge."""
    from core.schemas.orders import OrderCreate, OrderLineIn, OrderPaymentIn
    from core.schemas.payments import PaymentStatus

    payment = OrderPaymentIn(
        payment_id=payment_id,
        status=PaymentStatus.approved if approved else PaymentStatus.pending,
        card=None if approved else card,
    )
    return OrderCreate(
        id=order_id,
        store_id=store_id,
        lines=[
            OrderLineIn(product_id=line.product_id, quantity=line.quantity, unit_price=line.item.price)
            for line in cart.lines
        ],
        total=cart.total,
        currency=cart.currency,
        created_at=created_at,
        payment=payment,
        offline=not approved,
    )


def build_receipt(
    cart: Cart,
    order: OrderCreate,
    *,
    vat_rate_bp: int,
    masked_pan: str,
    approval_code: str | None,
    store_name: str,
    timezone: str = "UTC",
) -> Receipt:
    return Receipt(
        order_id=str(order.id),
        lines=[
            ReceiptLine(line.item.name_ko, line.item.name_en, line.quantity, line.item.price)
            for line in cart.lines
        ],
        total=order.total,
        vat=vat_included(order.total, vat_rate_bp),
        currency=order.currency,
        created_at=order.created_at,
        masked_pan=masked_pan,
        approval_code=approval_code,
        offline=order.offline,
        store_name=store_name,
        timezone=timezone,
    )
