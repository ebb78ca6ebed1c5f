"""Orders: created by a kiosk with a client-generated UUID, so a replay never makes a second sale."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import Field

from core.schemas.common import Currency, Money, WireModel
from core.schemas.payments import CardData, PaymentOut, PaymentStatus


class OrderStatus(StrEnum):
    paid = "paid"
    pending_payment = "pending_payment"  # an offline sale whose card is authorised on sync
    payment_failed = "payment_failed"
    refunded = "refunded"
    partially_refunded = "partially_refunded"


class OrderLineIn(WireModel):
    product_id: int
    quantity: int = Field(gt=0, le=999)
    unit_price: Money = Field(description="The price the kiosk showed; the backend checks it")


class OrderPaymentIn(WireModel):
    """The payment as the kiosk knows it: an authorised payment id, or card data for store-and-forward."""

    payment_id: UUID
    status: PaymentStatus
    card: CardData | None = None


class OrderCreate(WireModel):
    id: UUID = Field(description="Client-generated idempotency key and order id")
    store_id: int
    lines: list[OrderLineIn] = Field(min_length=1, max_length=200)
    total: Money = Field(description="What the customer was shown, VAT included")
    currency: Currency = "KRW"
    created_at: datetime = Field(description="When the customer confirmed, UTC, by the kiosk's clock")
    payment: OrderPaymentIn | None = None
    offline: bool = Field(default=False, description="Sold while the kiosk was offline")


class OrderLineOut(WireModel):
    product_id: int
    sku: str
    name_ko: str
    name_en: str
    quantity: int
    unit_price: Money
    line_total: Money
    refunded_quantity: int


class OrderOut(WireModel):
    id: UUID
    number: str = Field(description="Short human order number for the receipt")
    store_id: int
    device_id: str | None
    status: OrderStatus
    lines: list[OrderLineOut]
    total: Money
    vat: Money = Field(description="VAT included in the total")
    currency: str
    created_at: datetime
    received_at: datetime
    payment: PaymentOut | None


class RefundLine(WireModel):
    product_id: int
    quantity: int = Field(gt=0)


class RefundRequest(WireModel):
    """Omit `lines` to refund the whole order."""

    lines: list[RefundLine] | None = None
    reason: str = Field(default="", max_length=200)
