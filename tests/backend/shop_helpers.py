"""Helpers for the catalogue, inventory, order and payment tests: tokens without a login round trip,
kiosk devices, and request bodies."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from backend.db.models import Device, User
from backend.security import issue_access_token
from backend.state import AppState
from core.timeutil import utcnow
from tests.backend.world import World


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def user_headers(state: AppState, world: World, who: str) -> dict[str, str]:
    """Headers for a world user (owner_a, staff_a1, support_a2, owner_b, staff_b1), skipping Argon2."""
    with state.db.read() as s:
        user = s.scalars(select(User).where(User.email == world.emails[who])).one()
    token, _ttl = issue_access_token(state.settings.secret_key, f"user:{user.id}", user.role, 600)
    return bearer(token)


def device_headers(state: AppState, store_id: int, kind: str = "kiosk") -> dict[str, str]:
    """Register a device of `kind` in the store, as activation would, and return its headers."""
    device_id = str(uuid.uuid4())
    with state.db.write() as s:
        s.add(Device(id=device_id, store_id=store_id, kind=kind, name=f"test {kind}"))
        s.commit()
    token, _ttl = issue_access_token(state.settings.secret_key, f"device:{device_id}", kind, 600)
    return bearer(token)


def card(last4: str = "1111", expiry: str = "12/39") -> dict[str, str]:
    return {"masked_pan": f"411111******{last4}", "expiry": expiry, "scheme": "visa"}


def order_body(
    store_id: int,
    lines: list[tuple[int, int, int]],
    *,
    payment: dict[str, Any] | None = None,
    offline: bool = False,
    order_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """An OrderCreate body; `lines` are (product id, quantity, unit price)."""
    return {
        "id": str(order_id or uuid.uuid4()),
        "store_id": store_id,
        "lines": [{"product_id": p, "quantity": q, "unit_price": u} for p, q, u in lines],
        "total": sum(q * u for _p, q, u in lines),
        "currency": "KRW",
        "created_at": utcnow().isoformat(),
        "payment": payment,
        "offline": offline,
    }


def authorize_body(amount: int, last4: str = "1111", order_id: uuid.UUID | None = None) -> dict[str, Any]:
    return {
        "payment_id": str(uuid.uuid4()),
        "order_id": str(order_id or uuid.uuid4()),
        "amount": amount,
        "currency": "KRW",
        "card": card(last4),
    }
