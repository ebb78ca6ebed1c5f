"""Card payments through the backend's payments adapter. Cards travel masked, never in full."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from uuid import UUID

from pydantic import Field

from core.schemas.common import Currency, Money, WireModel


class PaymentStatus(StrEnum):
    approved = "approved"
    declined = "declined"
    error = "error"
    pending = "pending"  # stored offline under the floor limit, to be authorised when the kiosk syncs
    refunded = "refunded"


class CardData(WireModel):
    """What the kiosk may send about a card: masked number (first 6 + last 4), expiry, and a token."""

    masked_pan: str = Field(pattern=r"^[0-9]{6}\*{2,9}[0-9]{4}$", description="e.g. 411111******1111")
    expiry: str = Field(pattern=r"^[0-9]{2}/[0-9]{2}$", description="MM/YY")
    scheme: str = Field(default="unknown", max_length=20)
    token: str = Field(default="", max_length=128, description="Opaque card token from the reader, if any")


class AuthorizeRequest(WireModel):
    payment_id: UUID = Field(description="Client-generated; a replay returns the original result")
    order_id: UUID
    amount: Money
    currency: Currency = "KRW"
    card: CardData


class PaymentOut(WireModel):
    payment_id: UUID
    order_id: UUID | None
    status: PaymentStatus
    amount: Money
    currency: str
    provider: str
    approval_code: str | None
    decline_code: str | None = None
    message: str = ""
    masked_pan: str
    created_at: datetime
