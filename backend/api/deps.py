"""Request dependencies: the app state, the calling principal and its store scope; and the fast lanes.

Scope rule: a store outside the caller's scope answers 404 exactly as a store that does not exist, so no
one learns of another brand's stores; a store inside the scope but an action the role may not take is 403.

Fast lanes: FastAPI's routing, dependency solving and threadpool hops cost a kiosk request several times
the work it asks for (a prepared catalogue, an order). A lane answers one such request as plain ASGI in
front of FastAPI, for the common case only: anything it does not recognise as that (no or a user token,
a revoked device, a body that does not validate, a store out of scope) goes on to the FastAPI route,
which answers it, errors included, exactly as without the lane.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import bindparam, select
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


def _claims(state: AppState, token: str) -> AccessClaims | None:
    """The token's claims while it is valid and unexpired."""
    claims = _verified_claims(state.settings.secret_key, token)
    if claims is None or claims.expires_at <= utcnow():
        return None
    return claims


def _device(state: AppState, device_id: str) -> CurrentPrincipal | None:
    """The device as a principal, unless it is unknown or revoked: one raw indexed read per request, so a
    revocation takes effect on the next request in every process."""
    row = state.db.quick_read(_DEVICE_LOOKUP, device_id=device_id)
    if row is None or row[4] is not None:  # unknown, or revoked_at set
        return None
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


def device_principal(state: AppState, token: str) -> CurrentPrincipal | None:
    """The calling device for a valid device token; None for a user token or anything not valid, which
    the full route then answers with the right error. Costs one indexed read: fit for the fast lanes."""
    claims = _claims(state, token)
    if claims is None:
        return None
    kind, _, ident = claims.subject.partition(":")
    return _device(state, ident) if kind == "device" else None


def get_principal(state: State, token: Annotated[str | None, Depends(oauth2_scheme)]) -> CurrentPrincipal:
    if not token:
        raise unauthorized("Sign in first.")
    claims = _claims(state, token)
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
        # Every kiosk request comes this way: one raw indexed read instead of two ORM queries.
        device = _device(state, ident)
        if device is None:
            raise unauthorized("This device has been revoked. Activate it again.", code="device_revoked")
        return device
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


LaneHandler = Callable[[AppState, "re.Match[str]", Scope, Receive, Send, ASGIApp], Awaitable[None]]


@dataclass(frozen=True)
class FastLane:
    """A request a handler answers itself: the method, and a regular expression for the path after the
    API prefix. The handler gets the match, and calls `route` (the FastAPI app) with the scope, a receive
    and send for anything it leaves to the route."""

    method: str
    path: str
    handle: LaneHandler


class FastLanes:
    """ASGI middleware: dispatches the lanes' requests to their handlers, everything else to the app."""

    def __init__(self, app: ASGIApp, lanes: Sequence[FastLane], prefix: str) -> None:
        self.app = app
        self._lanes = tuple((lane, re.compile(re.escape(prefix) + lane.path)) for lane in lanes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            root: str = scope.get("root_path", "")
            if root and path.startswith(root):
                path = path[len(root) :]
            for lane, pattern in self._lanes:
                if lane.method == scope["method"] and (match := pattern.fullmatch(path)):
                    await lane.handle(scope["app"].state.autostore, match, scope, receive, send, self.app)
                    return
        await self.app(scope, receive, send)


def header(scope: Scope, name: bytes) -> bytes | None:
    """The first value of a (lower-case) header, as Starlette's `request.headers.get` gives it."""
    for key, value in scope["headers"]:
        if key == name:
            return bytes(value)
    return None


def bearer_token(scope: Scope) -> str | None:
    """The token of an `Authorization: Bearer` header, read as OAuth2PasswordBearer reads it."""
    value = header(scope, b"authorization")
    if not value:
        return None
    scheme, _, token = value.decode("latin-1").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


async def send_bytes(
    send: Send, status: int, body: bytes, headers: Sequence[tuple[bytes, bytes]], media_type: bytes | None
) -> None:
    """A complete response; Content-Length and Content-Type as Starlette's Response sets them."""
    raw = list(headers)
    if status not in (204, 304):
        raw.append((b"content-length", str(len(body)).encode()))
    if media_type is not None:
        raw.append((b"content-type", media_type))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


async def read_body(receive: Receive) -> tuple[bytes, Receive]:
    """The whole request body, and a receive that gives it again (for handing the request on)."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":  # the client left: hand that on too
            return b"", _replay([message], receive)
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    return body, _replay([{"type": "http.request", "body": body, "more_body": False}], receive)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed
