"""Request dependencies: the app state, the calling principal and its store scope.

Scope rule: a store outside the caller's scope answers 404 exactly as a store that does not exist, so no
one learns of another brand's stores; a store inside the scope but an action the role may not take is 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select

from backend.db.models import Device, Store, SupportAssignment, User
from backend.errors import forbidden, not_found, unauthorized
from backend.security import decode_access_token
from backend.state import AppState
from core.schemas.common import Role

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login", auto_error=False)


def get_state(request: Request) -> AppState:
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


def get_principal(state: State, token: Annotated[str | None, Depends(oauth2_scheme)]) -> CurrentPrincipal:
    if not token:
        raise unauthorized("Sign in first.")
    claims = decode_access_token(state.settings.secret_key, token)
    if claims is None:
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
        with state.db.read() as s:
            device = s.get(Device, ident)
            brand_id = s.scalar(select(Store.brand_id).where(Store.id == device.store_id)) if device else None
        if device is None or device.revoked_at is not None:
            raise unauthorized("This device has been revoked. Activate it again.", code="device_revoked")
        return CurrentPrincipal(
            kind="device",
            id=device.id,
            role=Role(device.kind),
            brand_id=brand_id,
            store_ids=frozenset({device.store_id}),
            display_name=device.name or f"{device.kind} {device.id[:8]}",
            device_id=device.id,
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


