"""Routes: sales statistics for owners, staff and support (devices have no business here: 403)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query

from backend.api.deps import Caller, State, require_brand, require_store
from backend.db.models import Store
from backend.errors import ApiError, conflict, not_found
from backend.services import stats
from core.schemas.common import Role
from core.schemas.stats import (
    BrandComparison,
    DailyProductSales,
    DeviceSalesReport,
    Granularity,
    SalesSeries,
    TopProduct,
)

router = APIRouter(tags=["stats"])

STATS_ROLES = (Role.owner, Role.staff, Role.support)
MAX_BUCKETS = 400
MAX_RANGE_DAYS = 1100  # 18 months of daily history for forecasting fits with room to spare
DEFAULT_RANGE_DAYS = 30

StartQuery = Annotated[date | None, Query(description="First local day (YYYY-MM-DD) in the store's zone")]
EndQuery = Annotated[date | None, Query(description="Last local day, inclusive; default today in the store")]


def _range_error(exc: stats.RangeError) -> ApiError:
    return ApiError(422, "invalid_range", str(exc), [{"field": "start", "message": str(exc)}])


def _store_in_scope(state: State, caller: Caller, store_id: int) -> Store:
    require_store(caller, store_id, *STATS_ROLES)
    with state.db.read() as s:
        store = s.get(Store, store_id)
    if store is None:
        raise not_found("store")
    return store


def _days(store: Store, start: date | None, end: date | None, default_days: int) -> tuple[date, date]:
    end = end or stats.store_today(store)
    start = start or end - timedelta(days=default_days - 1)
    try:
        stats.check_range(start, end, MAX_RANGE_DAYS)
    except stats.RangeError as exc:
        raise _range_error(exc) from None
    return start, end


@router.get("/stores/{store_id}/sales", response_model=SalesSeries)
def get_sales(
    state: State,
    caller: Caller,
    store_id: int,
    granularity: Granularity = Granularity.day,
    start: StartQuery = None,
    end: EndQuery = None,
) -> SalesSeries:
    """Zero-filled buckets (day, Monday-first week, month, year) of orders, items and revenue.

    Defaults end today and go back 30 days, 12 weeks, 12 months or 5 years; `start` is moved back to
    its bucket's first day, and at most 400 buckets are answered."""
    store = _store_in_scope(state, caller, store_id)
    end = end or stats.store_today(store)
    start = start or stats.default_start(end, granularity)
    try:
        with state.db.read() as s:
            return stats.sales_series(s, store, granularity, start, end, MAX_BUCKETS)
    except stats.RangeError as exc:
        raise _range_error(exc) from None


@router.get("/stores/{store_id}/sales/top-products", response_model=list[TopProduct])
def get_top_products(
    state: State,
    caller: Caller,
    store_id: int,
    start: StartQuery = None,
    end: EndQuery = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 10,
    by: Literal["revenue", "quantity"] = "revenue",
) -> list[TopProduct]:
    """Best sellers over the range (default: the last 30 days), by revenue or by quantity."""
    store = _store_in_scope(state, caller, store_id)
    first, last = _days(store, start, end, DEFAULT_RANGE_DAYS)
    with state.db.read() as s:
        return stats.top_products(s, store, first, last, limit, by_quantity=by == "quantity")


@router.get("/stores/{store_id}/sales/by-device", response_model=DeviceSalesReport)
def get_sales_by_device(
    state: State, caller: Caller, store_id: int, start: StartQuery = None, end: EndQuery = None
) -> DeviceSalesReport:
    """Each kiosk's orders, items and net revenue over the range (default: the last 30 days)."""
    store = _store_in_scope(state, caller, store_id)
    first, last = _days(store, start, end, DEFAULT_RANGE_DAYS)
    with state.db.read() as s:
        return stats.device_sales(s, store, first, last)


@router.get("/stores/{store_id}/sales/daily-products", response_model=DailyProductSales)
def get_daily_product_sales(
    state: State, caller: Caller, store_id: int, start: StartQuery = None, end: EndQuery = None
) -> DailyProductSales:
    """Per product, the quantity sold and the stockout flag for every day (default: the last 365 days)."""
    store = _store_in_scope(state, caller, store_id)
    first, last = _days(store, start, end, 365)
    with state.db.read() as s:
        return stats.daily_product_sales(s, store, first, last)


@router.get("/brands/{brand_id}/sales/comparison", response_model=BrandComparison)
def get_brand_comparison(state: State, caller: Caller, brand_id: int) -> BrandComparison:
    """The brand's stores ranked by their last 30 days (each in its own zone) against the brand average."""
    require_brand(caller, brand_id, Role.owner)
    try:
        with state.db.read() as s:
            return stats.brand_comparison(s, brand_id)
    except stats.RangeError as exc:
        raise conflict("mixed_currencies", str(exc)) from None
