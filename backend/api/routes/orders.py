"""Routes: orders (created by kiosks with their own UUID, so a replay never makes a second sale), refunds."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from backend.api.deps import Caller, State, require_store
from backend.errors import not_found
from backend.services import order_views, orders, refunds
from core.schemas.common import ErrorResponse, Page, Role
from core.schemas.orders import OrderCreate, OrderOut, OrderStatus, RefundRequest

router = APIRouter(tags=["orders"])
_ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorResponse} for code in (403, 404, 409, 422)
}
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
