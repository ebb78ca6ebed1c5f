"""A sandbox payment provider with test-card rules, so the kiosk can be tested end to end.

Rules by the card number's last four digits (the only digits besides the BIN the backend ever sees):
  0002 -> declined (do_not_honor)       9995 -> declined (insufficient_funds)
  0119 -> error (timeout: the issuer did not answer; the kiosk may retry)
  anything else -> approved, with a deterministic approval code.
An expiry in the past is declined as expired_card.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import date

from backend.payments.base import AuthorizationResult, PaymentProvider
from core.schemas.payments import CardData, PaymentStatus
from core.timeutil import utcnow

DECLINE_RULES = {
    "0002": ("do_not_honor", "The card was declined by its issuer."),
    "9995": ("insufficient_funds", "The card has insufficient funds."),
}
TIMEOUT_LAST4 = "0119"


def _expired(expiry: str, today: date) -> bool:
    month, year = int(expiry[:2]), 2000 + int(expiry[3:])
    if not 1 <= month <= 12:
        return True
    return (year, month) < (today.year, today.month)


class SandboxProvider(PaymentProvider):
    name = "sandbox"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._approved: dict[str, int] = {}

    def authorize(self, payment_id: str, amount: int, currency: str, card: CardData) -> AuthorizationResult:
        last4 = card.masked_pan[-4:]
        if last4 == TIMEOUT_LAST4:
            return AuthorizationResult(
                PaymentStatus.error, decline_code="timeout", message="The issuer did not answer in time."
            )
        if last4 in DECLINE_RULES:
            code, message = DECLINE_RULES[last4]
            return AuthorizationResult(PaymentStatus.declined, decline_code=code, message=message)
        if _expired(card.expiry, utcnow().date()):
            return AuthorizationResult(
                PaymentStatus.declined, decline_code="expired_card", message="The card has expired."
            )
        if amount <= 0:
            return AuthorizationResult(
                PaymentStatus.declined, decline_code="invalid_amount", message="Nothing to charge."
            )
        approval = hashlib.sha256(payment_id.encode()).hexdigest()[:8].upper()
        with self._lock:
            self._approved[payment_id] = amount
        return AuthorizationResult(PaymentStatus.approved, approval_code=approval, message="Approved")

    def refund(self, payment_id: str, amount: int, currency: str) -> AuthorizationResult:
        return AuthorizationResult(PaymentStatus.refunded, approval_code=None, message="Refunded")
