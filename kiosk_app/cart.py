"""The customer's cart (Qt-free): lines, quantities within the local stock, the running total, and the ids
of one checkout.

The order id is made once per checkout and kept while the cart stays the same, so a retried payment, a
second tap or a crash-and-retry can never make a second sale; changing the cart starts a new checkout.
The payment id changes only after a definite answer (a decline): after a lost answer it is reused, so the
backend's replay rule can tell us what really happened.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.schemas.catalogue import CatalogueItem

MAX_LINE_QUANTITY = 99


class AddOutcome(StrEnum):
    added = "added"
    sold_out = "sold_out"  # nothing in stock: the tile is marked and cannot be sold
    stock_limit = "stock_limit"  # the cart already holds every unit in stock


@dataclass
class CartLine:
    item: CatalogueItem
    quantity: int

    @property
    def product_id(self) -> int:
        return self.item.product_id

    @property
    def line_total(self) -> int:
        return self.item.price * self.quantity


@dataclass
class Checkout:
    """The ids of one checkout: the order's for good, the payment's per definite card answer."""

    order_id: uuid.UUID = field(default_factory=uuid.uuid4)
    payment_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def next_payment(self) -> None:
        """The last card was declined for sure: the next card is a new payment."""
        self.payment_id = uuid.uuid4()


class Cart:
    def __init__(self) -> None:
        self._lines: dict[int, CartLine] = {}
        self.age_verified = False  # staff checked the customer's age for this cart
        self._checkout: Checkout | None = None

    # -- reading ------------------------------------------------------------------------------------------
    @property
    def lines(self) -> list[CartLine]:
        return list(self._lines.values())

    @property
    def is_empty(self) -> bool:
        return not self._lines

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self._lines.values())

    @property
    def total(self) -> int:
        return sum(line.line_total for line in self._lines.values())

    @property
    def currency(self) -> str:
        return next(iter(self._lines.values())).item.currency if self._lines else "KRW"

    def quantity_of(self, product_id: int) -> int:
        line = self._lines.get(product_id)
        return line.quantity if line else 0

    @property
    def has_age_restricted(self) -> bool:
        return any(line.item.age_restricted for line in self._lines.values())

    @property
    def needs_age_check(self) -> bool:
        return self.has_age_restricted and not self.age_verified

    # -- changing -----------------------------------------------------------------------------------------
    def add(self, item: CatalogueItem, quantity: int = 1) -> AddOutcome:
        if item.quantity <= 0:
            return AddOutcome.sold_out
        current = self.quantity_of(item.product_id)
        wanted = min(current + quantity, MAX_LINE_QUANTITY)
        if wanted > item.quantity or wanted == current:
            return AddOutcome.stock_limit
        self._lines[item.product_id] = CartLine(item, wanted)
        self._changed()
        return AddOutcome.added

    def increment(self, product_id: int) -> AddOutcome:
        line = self._lines.get(product_id)
        if line is None:
            return AddOutcome.sold_out
        return self.add(line.item)

    def decrement(self, product_id: int) -> None:
        line = self._lines.get(product_id)
        if line is None:
            return
        if line.quantity <= 1:
            self.remove(product_id)
            return
        line.quantity -= 1
        self._changed()

    def remove(self, product_id: int) -> None:
        if self._lines.pop(product_id, None) is not None:
            self._changed()

    def clear(self) -> None:
        self._lines.clear()
        self.age_verified = False
        self._checkout = None

    def refresh(self, current: dict[int, CatalogueItem]) -> list[int]:
        """Apply a new catalogue: new prices and stock; lines whose product is gone or sold out are dropped
        and quantities above the stock are lowered. Returns the product ids whose line changed."""
        changed: list[int] = []
        for product_id, line in list(self._lines.items()):
            item = current.get(product_id)
            if item is None or item.quantity <= 0:
                del self._lines[product_id]
                changed.append(product_id)
                continue
            quantity = min(line.quantity, item.quantity)
            if item.price != line.item.price or quantity != line.quantity:
                changed.append(product_id)
            self._lines[product_id] = CartLine(item, quantity)
        if changed:
            self._changed()
        return changed

    # -- checkout -----------------------------------------------------------------------------------------
    def checkout(self) -> Checkout:
        """The ids of this checkout, made on first use and kept until the cart changes."""
        if self._checkout is None:
            self._checkout = Checkout()
        return self._checkout

    def _changed(self) -> None:
        self._checkout = None  # another cart is another order
