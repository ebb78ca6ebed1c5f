"""Endpoints for orders, payments, sales statistics and the event log (the stream itself: sse.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from uuid import UUID

from core.client.bodies import model, model_list, page, params
from core.client.http import HttpClient
from core.schemas.common import Page
from core.schemas.events import EventPage, LatestEventId
from core.schemas.orders import OrderCreate, OrderOut, OrderStatus, RefundRequest
from core.schemas.payments import AuthorizeRequest, PaymentOut
from core.schemas.stats import (
    BrandComparison,
    DailyProductSales,
    DeviceSalesReport,
    Granularity,
    SalesSeries,
    TopProduct,
)


@dataclass(frozen=True)
class OrderSubmission:
    order: OrderOut
    replayed: bool  # True: the backend already had this order (200); nothing new was sold


class SalesEndpoints(HttpClient):
    # -- orders and payments ------------------------------------------------------------------------------
    def submit_order(self, order: OrderCreate) -> OrderSubmission:
        """Create the order. Safe to repeat: the backend answers a known order id with the original (200)."""
        response = self.request("POST", "/orders", json=order.model_dump(mode="json"))
        return OrderSubmission(order=model(response, OrderOut), replayed=response.status_code == 200)

    def create_order(self, order: OrderCreate) -> OrderOut:
        return self.submit_order(order).order

    def get_order(self, order_id: UUID | str) -> OrderOut:
        return model(self.request("GET", f"/orders/{order_id}"), OrderOut)

    def store_orders(
        self,
        store_id: int,
        since: datetime | None = None,
        until: datetime | None = None,
        status: OrderStatus | None = None,
        offset: int = 0,
        limit: int = 50,
    ) -> Page[OrderOut]:
        query = params(since=since, until=until, status=status, offset=offset, limit=limit)
        return page(self.request("GET", f"/stores/{store_id}/orders", params=query), OrderOut)

    def refund(self, order_id: UUID | str, body: RefundRequest | None = None) -> OrderOut:
        """Refund all of the order (no lines) or some of it."""
        payload = (body or RefundRequest()).model_dump(mode="json", exclude_unset=True)
        return model(self.request("POST", f"/orders/{order_id}/refund", json=payload), OrderOut)

    def authorize_payment(self, body: AuthorizeRequest) -> PaymentOut:
        """A declined card is a normal answer (status `declined`); a repeat never charges twice."""
        response = self.request("POST", "/payments/authorize", json=body.model_dump(mode="json"))
        return model(response, PaymentOut)

    # -- statistics ---------------------------------------------------------------------------------------
    def sales(
        self,
        store_id: int,
        granularity: Granularity = Granularity.day,
        start: date | None = None,
        end: date | None = None,
    ) -> SalesSeries:
        query = params(granularity=granularity, start=start, end=end)
        return model(self.request("GET", f"/stores/{store_id}/sales", params=query), SalesSeries)

    def top_products(
        self,
        store_id: int,
        start: date | None = None,
        end: date | None = None,
        limit: int = 10,
        by: Literal["revenue", "quantity"] = "revenue",
    ) -> list[TopProduct]:
        query = params(start=start, end=end, limit=limit, by=by)
        response = self.request("GET", f"/stores/{store_id}/sales/top-products", params=query)
        return model_list(response, TopProduct)

    def sales_by_device(
        self, store_id: int, start: date | None = None, end: date | None = None
    ) -> DeviceSalesReport:
        query = params(start=start, end=end)
        response = self.request("GET", f"/stores/{store_id}/sales/by-device", params=query)
        return model(response, DeviceSalesReport)

    def daily_product_sales(
        self, store_id: int, start: date | None = None, end: date | None = None
    ) -> DailyProductSales:
        query = params(start=start, end=end)
        response = self.request("GET", f"/stores/{store_id}/sales/daily-products", params=query)
        return model(response, DailyProductSales)

    def brand_comparison(self, brand_id: int) -> BrandComparison:
        return model(self.request("GET", f"/brands/{brand_id}/sales/comparison"), BrandComparison)

    # -- events -------------------------------------------------------------------------------------------
    def latest_event_id(self) -> int:
        """The newest event id the caller may see (0 when none)."""
        return model(self.request("GET", "/events/latest-id"), LatestEventId).last_id

    def poll_events(self, after: int = 0, limit: int = 100) -> EventPage:
        """Events after `after`, for a client that cannot hold a stream open; continue from `last_id`."""
        response = self.request("GET", "/events/poll", params=params(after=after, limit=limit))
        return model(response, EventPage)
