"""Routes: the brand catalogue (categories, products, bulk changes) and each store's prepared catalogue,
which kiosks also reach through a fast lane (see backend.api.deps)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response
from sqlalchemy import select
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
    require_roles,
    require_store,
    send_bytes,
)
from backend.errors import error_responses, not_found
from backend.services import product_bulk, products
from backend.services.catalogue import STORES, PreparedCatalogue
from backend.state import AppState
from core.schemas.catalogue import (
    CategoryIn,
    CategoryOut,
    ProductBulkRequest,
    ProductBulkResult,
    ProductIn,
    ProductOut,
    ProductPatch,
    StoreCatalogue,
)
from core.schemas.common import Page, Role

router = APIRouter(tags=["catalogue"])
_ERRORS = error_responses(403, 404, 409, 422)
CATALOGUE_READERS = (Role.owner, Role.staff, Role.support, Role.kiosk)


def _brand_of(state: State, caller: CurrentPrincipal, wanted: int | None = None) -> int:
    """The brand whose catalogue the caller works on: their own, or (support staff, who belong to no
    brand) the brand of the stores assigned to them. Another brand answers 404, like a missing one."""
    if caller.brand_id is not None:
        brands = {caller.brand_id}
    else:
        with state.db.read() as s:
            brands = set(s.scalars(select(STORES.c.brand_id).where(STORES.c.id.in_(caller.store_ids))))
    if wanted is not None:
        if wanted not in brands:
            raise not_found("brand")
        return wanted
    if len(brands) != 1:
        raise not_found("brand")
    return brands.pop()


def _owner_brand(state: State, caller: CurrentPrincipal) -> int:
    require_roles(caller, Role.owner)
    return _brand_of(state, caller)


@router.get("/categories", responses=_ERRORS)
def list_categories(state: State, caller: Caller, brand_id: int | None = None) -> list[CategoryOut]:
    brand = _brand_of(state, caller, brand_id)
    with state.db.read() as s:
        return products.list_categories(s, brand)


@router.post("/categories", status_code=201, responses=_ERRORS)
def create_category(body: CategoryIn, state: State, caller: Caller) -> CategoryOut:
    brand = _owner_brand(state, caller)
    with state.db.write() as s:
        out = products.create_category(s, brand, body)
        s.commit()
    return out


@router.get("/products", responses=_ERRORS)
def list_products(
    state: State,
    caller: Caller,
    q: Annotated[str | None, Query(max_length=100, description="Search SKU, barcode and names")] = None,
    category_id: int | None = None,
    active: bool | None = None,
    include_deleted: bool = False,
    brand_id: int | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Page[ProductOut]:
    brand = _brand_of(state, caller, brand_id)
    with state.db.read() as s:
        return products.list_products(
            s, brand, q=q, category_id=category_id, active=active, include_deleted=include_deleted,
            offset=offset, limit=limit,
        )  # fmt: skip


@router.post("/products", status_code=201, responses=_ERRORS)
def create_product(body: ProductIn, state: State, caller: Caller) -> ProductOut:
    brand = _owner_brand(state, caller)
    with state.db.write() as s:
        out = products.create_product(s, brand, body)
        s.commit()
    state.notifier.notify()
    return out


@router.post("/products/bulk", responses=_ERRORS)
def bulk_products(body: ProductBulkRequest, state: State, caller: Caller) -> ProductBulkResult:
    """Create, update and delete in one transaction: on any error nothing is applied, and every problem
    comes back at once with the path of its item (`create.3.sku`)."""
    brand = _owner_brand(state, caller)
    with state.db.write() as s:
        out = product_bulk.apply_bulk(s, brand, body)
        s.commit()
    state.notifier.notify()
    return out


@router.patch("/products/{product_id}", responses=_ERRORS)
def patch_product(product_id: int, body: ProductPatch, state: State, caller: Caller) -> ProductOut:
    brand = _owner_brand(state, caller)
    with state.db.write() as s:
        out = products.patch_product(s, brand, product_id, body)
        s.commit()
    state.notifier.notify()
    return out


@router.delete("/products/{product_id}", status_code=204, responses=_ERRORS)
def delete_product(product_id: int, state: State, caller: Caller) -> Response:
    brand = _owner_brand(state, caller)
    with state.db.write() as s:
        products.delete_product(s, brand, product_id)
        s.commit()
    state.notifier.notify()
    return Response(status_code=204)


@router.get(
    "/stores/{store_id}/catalogue",
    response_model=StoreCatalogue,
    responses={**_ERRORS, 304: {"description": "Not modified since the ETag given in If-None-Match"}},
)
def store_catalogue(
    store_id: int,
    state: State,
    caller: Caller,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    """The store's products with price and stock, as prepared JSON with an ETag; send it back in
    If-None-Match to get 304 while nothing changed."""
    require_store(caller, store_id, *CATALOGUE_READERS)
    try:
        prepared = state.catalogue_cache.get(state.db, store_id)
    except LookupError:
        raise not_found("store") from None
    headers = {"ETag": prepared.etag, "Cache-Control": "private, no-cache"}
    if prepared.matches(if_none_match):
        return Response(status_code=304, headers=headers)
    return Response(content=prepared.body, media_type="application/json", headers=headers)


def _kiosk_catalogue(state: AppState, token: str, store_id: int, *, build: bool) -> PreparedCatalogue | None:
    """The prepared catalogue for a device that may read this store's; None for any other case (left to
    the route). Without `build`, also None when it would have to be built."""
    caller = device_principal(state, token)
    if caller is None or not caller.can_see(store_id) or caller.role not in CATALOGUE_READERS:
        return None
    if not build:
        return state.catalogue_cache.current(state.db, store_id)
    try:
        return state.catalogue_cache.get(state.db, store_id)
    except LookupError:
        return None


async def _catalogue_lane(
    state: AppState, match: re.Match[str], scope: Scope, receive: Receive, send: Send, route: ASGIApp
) -> None:
    """What `store_catalogue` answers a kiosk, without FastAPI: the same headers and body."""
    store_id, token, prepared = int(match.group(1)), bearer_token(scope), None
    if token is not None:
        if state.db.is_sqlite:
            # Two indexed reads of a local WAL database, which never wait for a writer: cheaper on the
            # event loop than a hop to the threadpool. Building a stale catalogue goes to the threadpool.
            prepared = _kiosk_catalogue(state, token, store_id, build=False)
        if prepared is None:
            prepared = await run_in_threadpool(_kiosk_catalogue, state, token, store_id, build=True)
    if prepared is None:
        await route(scope, receive, send)
        return
    headers = [(b"etag", prepared.etag.encode()), (b"cache-control", b"private, no-cache")]
    if_none_match = header(scope, b"if-none-match")
    if prepared.matches(if_none_match.decode("latin-1") if if_none_match is not None else None):
        await send_bytes(send, 304, b"", headers, None)
    else:
        await send_bytes(send, 200, prepared.body, headers, b"application/json")


LANE = FastLane("GET", r"/stores/([0-9]+)/catalogue", _catalogue_lane)
