"""The payments adapter: one interface every payment provider implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

from core.schemas.payments import CardData, PaymentStatus


@dataclass(frozen=True)
class AuthorizationResult:
    status: PaymentStatus
    approval_code: str | None = None
    decline_code: str | None = None
    message: str = ""


class PaymentProvider(ABC):
    """Authorise and refund card payments. Implementations never receive or log a full card number."""

    name: str

    @abstractmethod
    def authorize(self, payment_id: str, amount: int, currency: str, card: CardData) -> AuthorizationResult:
        """Authorise `amount`; the same `payment_id` twice must not charge twice."""

    @abstractmethod
    def refund(self, payment_id: str, amount: int, currency: str) -> AuthorizationResult:
        """Refund part or all of an approved payment."""
