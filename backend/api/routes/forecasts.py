"""Routes: demand forecasts, reorder suggestions, purchase-order drafts and supplier terms.

Reading is for owners, staff and support staff of the store (a store outside the caller's scope is 404);
running the job and changing supplier terms is for owners. Devices have no business here (403).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy import select

from backend.api.deps import Caller, State, require_brand, require_store
from backend.db.models import Product
from backend.errors import not_found
from backend.services import forecast_views
from core.schemas.common import Role
from core.schemas.forecasts import (
    ForecastRunOut,
    ProductForecast,
    ReorderSuggestionOut,
    SupplyTermsIn,
    SupplyTermsOut,
)
from core.timeutil import utcnow
from inference.forecast.purchase_order import draft_csv, draft_xlsx

router = APIRouter(tags=["forecasts"])

READ_ROLES = (Role.owner, Role.staff, Role.support)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/stores/{store_id}/forecasts", response_model=list[ProductForecast])
def get_forecasts(
    state: State, caller: Caller, store_id: int, product_id: int | None = None
) -> list[ProductForecast]:
    """The latest daily forecast (mean, 80 % and 95 % intervals) of every product, or of one."""
    require_store(caller, store_id, *READ_ROLES)
    with state.db.read() as s:
        return forecast_views.store_forecasts(s, store_id, product_id)


@router.get("/stores/{store_id}/reorder-suggestions", response_model=list[ReorderSuggestionOut])
def get_reorder_suggestions(
    state: State,
    caller: Caller,
    store_id: int,
    orders_only: Annotated[bool, Query(description="Only products with a quantity to order now")] = False,
) -> list[ReorderSuggestionOut]:
    """Reorder point, order-up-to level, reorder date, suggested quantity and ABC/XYZ class per product."""
    require_store(caller, store_id, *READ_ROLES)
    with state.db.read() as s:
        return forecast_views.store_suggestions(s, store_id, orders_only=orders_only)


@router.get(
    "/stores/{store_id}/purchase-orders/draft",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}, XLSX_TYPE: {}}}},
)
def get_purchase_order_draft(
    state: State,
    caller: Caller,
    store_id: int,
    format: Literal["csv", "xlsx"] = "csv",
    supplier: Annotated[str | None, Query(max_length=120, description="One supplier's lines only")] = None,
) -> Response:
    """The suggested orders as a draft per supplier: CSV (one file, a supplier column) or XLSX (a sheet per
    supplier with totals)."""
    require_store(caller, store_id, *READ_ROLES)
    with state.db.read() as s:
        lines = forecast_views.purchase_order_lines(s, store_id, supplier)
    stamp = utcnow().date().isoformat()
    if format == "xlsx":
        body, media_type = draft_xlsx(lines, title=f"Purchase order draft, store {store_id}"), XLSX_TYPE
    else:
        body, media_type = draft_csv(lines), "text/csv; charset=utf-8"
    filename = f"purchase-order-draft-store{store_id}-{stamp}.{format}"
    return Response(
        body, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@router.post("/stores/{store_id}/forecasts/run", response_model=ForecastRunOut)
def run_store_forecast(
    state: State,
    caller: Caller,
    store_id: int,
    horizon: Annotated[int, Query(ge=7, le=120)] = 28,
) -> ForecastRunOut:
    """Forecast the store now (the nightly job does this for every store); takes seconds."""
    require_store(caller, store_id, Role.owner)
    from backend.services.forecasts import run_forecasts  # scikit-learn loads on first use, not at start

    return run_forecasts(state.db, store_id=store_id, horizon=horizon)[0]


@router.get("/brands/{brand_id}/product-supply", response_model=list[SupplyTermsOut])
def get_product_supply(state: State, caller: Caller, brand_id: int) -> list[SupplyTermsOut]:
    """The brand's default supplier terms, then each product's effective terms."""
    require_brand(caller, brand_id, Role.owner, Role.staff)
    with state.db.read() as s:
        return forecast_views.list_supply(s, brand_id)


@router.put("/brands/{brand_id}/product-supply/default", response_model=SupplyTermsOut)
def put_default_supply(state: State, caller: Caller, brand_id: int, body: SupplyTermsIn) -> SupplyTermsOut:
    """Set the terms every product without its own uses."""
    require_brand(caller, brand_id, Role.owner)
    with state.db.write() as s:
        out = forecast_views.put_supply(s, brand_id, None, body)
        s.commit()
    return out


@router.put("/brands/{brand_id}/product-supply/{product_id}", response_model=SupplyTermsOut)
def put_product_supply(
    state: State, caller: Caller, brand_id: int, product_id: int, body: SupplyTermsIn
) -> SupplyTermsOut:
    """Set one product's supplier terms (lead time, review period, pack size, minimum order)."""
    require_brand(caller, brand_id, Role.owner)
    with state.db.write() as s:
        product = s.scalars(
            select(Product).where(
                Product.id == product_id, Product.brand_id == brand_id, Product.deleted.is_(False)
            )
        ).first()
        if product is None:
            raise not_found("product")
        out = forecast_views.put_supply(s, brand_id, product_id, body)
        s.commit()
    return out
