"""Routes: orders (created by kiosks with their own UUID, so a replay never makes a second sale), refunds.
Kiosks' order creates also come through a fast lane (see backend.api.deps)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from backend.api.deps import (
    Caller,
    CurrentPrincipal,
    FastLane,
    State,
    bearer_token,
    device_principal,
    header,
    read_body,
    require_store,
    send_bytes,
)
from backend.errors import ApiError, error_body, error_responses, not_found
from backend.services import order_views, orders, refunds
from backend.state import AppState
from core.schemas.common import ErrorResponse, Page, Role
from core.schemas.orders import OrderCreate, OrderOut, OrderStatus, RefundRequest

router = APIRouter(tags=["orders"])
_ERRORS = error_responses(403, 404, 409, 422)
ORDER_WRITERS = (Role.kiosk, Role.owner, Role.staff)
ORDER_READERS = (Role.kiosk, Role.owner, Role.staff, Role.support)
REFUNDERS = (Role.owner, Role.staff)


def _json(order: OrderOut, status_code: int) -> Response:
    return Response(order.model_dump_json(), status_code=status_code, media_type="application/json")


@router.post(
    "/orders",
    status_code=201,
    response_model=OrderOut,
    responses={**_ERRORS, 200: {"model": OrderOut, "description": "A replay: the order already stored"}},
)
def create_order(body: OrderCreate, state: State, caller: Caller) -> Response:
    """Record a sale in one transaction. 409 `price_changed` / `out_of_stock` for an online order that
    cannot go through as shown; an `offline` order already happened and is always recorded."""
    require_store(caller, body.store_id, *ORDER_WRITERS)
    result = orders.create_order(
        state.db, state.payments, body, actor=caller.actor, device_id=caller.device_id
    )
    if result.created:
        state.notifier.notify()
    return _json(result.order, 201 if result.created else 200)


@router.get("/orders/{order_id}", response_model=OrderOut, responses=_ERRORS)
def get_order(order_id: UUID, state: State, caller: Caller) -> Response:
    with state.db.read() as s:
        found = order_views.load_orders(s, [order_id])
    if not found or not caller.can_see(found[0].store_id):
        raise not_found("order")
    require_store(caller, found[0].store_id, *ORDER_READERS)
    return _json(found[0], 200)


@router.get("/stores/{store_id}/orders", responses=_ERRORS)
def list_orders(
    store_id: int,
    state: State,
    caller: Caller,
    since: Annotated[datetime | None, Query(description="Confirmed at or after (UTC)")] = None,
    until: Annotated[datetime | None, Query(description="Confirmed before (UTC)")] = None,
    status: OrderStatus | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> Page[OrderOut]:
    require_store(caller, store_id, *ORDER_READERS)
    with state.db.read() as s:
        return order_views.list_store_orders(
            s, store_id, since=since, until=until, status=status, offset=offset, limit=limit
        )


@router.post(
    "/orders/{order_id}/refund", response_model=OrderOut, responses={**_ERRORS, 502: {"model": ErrorResponse}}
)
def refund_order(order_id: UUID, body: RefundRequest, state: State, caller: Caller) -> Response:
    """Refund the whole order (no `lines`) or some of it: money back through the provider, stock back on
    the shelf (reason `refund`)."""
    with state.db.read() as s:
        store_id = order_views.order_store_id(s, order_id)
    if store_id is None or not caller.can_see(store_id):
        raise not_found("order")
    require_store(caller, store_id, *REFUNDERS)
    with state.db.write() as s:
        refunds.refund_order(s, state.payments, order_id, body, actor=caller.actor)
        s.commit()
    state.notifier.notify()
    with state.db.read() as s:
        return _json(order_views.load_orders(s, [order_id])[0], 200)


def _kiosk_order(state: AppState, token: str, raw: bytes) -> orders.CreatedOrder | None:
    """`create_order` for a device that may sell in the order's store; None for any other case (an
    invalid body, a user, a store out of scope), left to the route, which answers it the same as ever."""
    caller: CurrentPrincipal | None = device_principal(state, token)
    if caller is None or caller.role not in ORDER_WRITERS:
        return None
    try:
        body = OrderCreate.model_validate_json(raw)
    except ValidationError:
        return None
    if not caller.can_see(body.store_id):
        return None
    return orders.create_order(state.db, state.payments, body, actor=caller.actor, device_id=caller.device_id)


def _is_json(content_type: bytes | None) -> bool:
    return content_type is not None and content_type.split(b";")[0].strip().lower() == b"application/json"


async def _order_lane(
    state: AppState, _match: re.Match[str], scope: Scope, receive: Receive, send: Send, route: ASGIApp
) -> None:
    """What `create_order` answers a kiosk, without FastAPI: one hop to the threadpool for the lookup of
    the device, the validation and the transaction."""
    raw, replay = await read_body(receive)
    token = bearer_token(scope)
    if token is None or not _is_json(header(scope, b"content-type")):
        await route(scope, replay, send)
        return
    try:
        result = await run_in_threadpool(_kiosk_order, state, token, raw)
    except ApiError as exc:  # as the app's ApiError handler answers it
        error = JSONResponse(error_body(exc.code, exc.message, exc.details), exc.status, exc.headers)
        await error(scope, replay, send)
        return
    if result is None:
        await route(scope, replay, send)
        return
    if result.created:
        state.notifier.notify()
    await send_bytes(
        send, 201 if result.created else 200, result.order.model_dump_json().encode(), [], b"application/json"
    )


LANE = FastLane("POST", "/orders", _order_lane)
