"""Request dependencies: the app state, the calling principal and its store scope.

Scope rule: a store outside the caller's scope answers 404 exactly as a store that does not exist, so no
one learns of another brand's stores; a store inside the scope but an action the role may not take is 403.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import bindparam, select

from backend.db.lookup import RawLookup
from backend.db.models import Device, Store, SupportAssignment, User
from backend.errors import forbidden, not_found, unauthorized
from backend.security import AccessClaims, decode_access_token
from backend.state import AppState
from core.schemas.common import Role
from core.timeutil import utcnow

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login", auto_error=False)


async def get_state(request: Request) -> AppState:
    # async: FastAPI would otherwise run this attribute read in the threadpool, a thread hop per request.
    state: AppState = request.app.state.autostore
    return state


State = Annotated[AppState, Depends(get_state)]


@dataclass(frozen=True)
class CurrentPrincipal:
    kind: str  # "user" | "device"
    id: str
    role: Role
    brand_id: int | None
    store_ids: frozenset[int]
    display_name: str
    user_id: int | None = None
    device_id: str | None = None

    @property
    def actor(self) -> str:
        """How the ledger and logs name this principal (never a token)."""
        return f"{self.kind}:{self.id}"

    def can_see(self, store_id: int) -> bool:
        return store_id in self.store_ids


def _user_store_ids(state: AppState, user: User) -> frozenset[int]:
    with state.db.read() as s:
        if user.role == Role.owner and user.brand_id is not None:
            rows = s.scalars(select(Store.id).where(Store.brand_id == user.brand_id))
            return frozenset(rows)
        if user.role == Role.staff and user.store_id is not None:
            return frozenset({user.store_id})
        if user.role == Role.support:
            rows = s.scalars(select(SupportAssignment.store_id).where(SupportAssignment.user_id == user.id))
            return frozenset(rows)
    return frozenset()


@functools.lru_cache(maxsize=4096)
def _verified_claims(secret: str, token: str) -> AccessClaims | None:
    """Verifying a signature is pure (same token and secret, same answer), and a kiosk sends the same
    token for its lifetime, so PyJWT runs once per token; expiry is still checked on every use."""
    return decode_access_token(secret, token)


_DEVICE_LOOKUP = RawLookup(
    select(Device.id, Device.kind, Device.name, Device.store_id, Device.revoked_at, Store.brand_id)
    .join(Store, Store.id == Device.store_id)
    .where(Device.id == bindparam("device_id"))
)


def get_principal(state: State, token: Annotated[str | None, Depends(oauth2_scheme)]) -> CurrentPrincipal:
    if not token:
        raise unauthorized("Sign in first.")
    claims = _verified_claims(state.settings.secret_key, token)
    if claims is None or claims.expires_at <= utcnow():
        raise unauthorized("Your session has expired or is not valid. Sign in again.", code="token_invalid")
    kind, _, ident = claims.subject.partition(":")
    if kind == "user":
        with state.db.read() as s:
            user = s.get(User, int(ident)) if ident.isdigit() else None
        if user is None or not user.is_active:
            raise unauthorized("This account is not active.", code="token_invalid")
        return CurrentPrincipal(
            kind="user",
            id=str(user.id),
            role=Role(user.role),
            brand_id=user.brand_id,
            store_ids=_user_store_ids(state, user),
            display_name=user.full_name,
            user_id=user.id,
        )
    if kind == "device":
        # Every kiosk request comes this way: one raw indexed read instead of two ORM queries.
        row = _DEVICE_LOOKUP.first(state.db.read_engine, device_id=ident)
        if row is None or row[4] is not None:  # unknown, or revoked_at set
            raise unauthorized("This device has been revoked. Activate it again.", code="device_revoked")
        device_id, device_kind, name, store_id, _revoked, brand_id = row
        return CurrentPrincipal(
            kind="device",
            id=device_id,
            role=Role(device_kind),
            brand_id=brand_id,
            store_ids=frozenset({store_id}),
            display_name=name or f"{device_kind} {device_id[:8]}",
            device_id=device_id,
        )
    raise unauthorized("Your session is not valid. Sign in again.", code="token_invalid")


Caller = Annotated[CurrentPrincipal, Depends(get_principal)]


def require_roles(principal: CurrentPrincipal, *roles: Role) -> None:
    if principal.role not in roles:
        raise forbidden()


def require_store(principal: CurrentPrincipal, store_id: int, *roles: Role) -> None:
    """404 when the store is outside the caller's scope (or missing); 403 when the role may not do this."""
    if not principal.can_see(store_id):
        raise not_found("store")
    if roles and principal.role not in roles:
        raise forbidden()


def require_brand(principal: CurrentPrincipal, brand_id: int, *roles: Role) -> None:
    if principal.brand_id != brand_id or principal.kind != "user":
        raise not_found("brand")
    if roles and principal.role not in roles:
        raise forbidden()


