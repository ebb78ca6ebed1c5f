"""Sales statistics, bucketed in the store's time zone."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import Field

from core.schemas.common import WireModel


class Granularity(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class SalesBucket(WireModel):
    period_start: date = Field(description="First local day of the bucket (weeks start on Monday)")
    orders: int
    items: int
    revenue: int


class SalesSeries(WireModel):
    store_id: int
    granularity: Granularity
    currency: str
    timezone: str
    buckets: list[SalesBucket]
    total_revenue: int
    total_orders: int
    start: date | None = Field(default=None, description="First local day counted (a bucket start)")
    end: date | None = Field(default=None, description="Last local day counted")


class TopProduct(WireModel):
    product_id: int
    sku: str
    name_ko: str
    name_en: str
    quantity: int
    revenue: int


class StoreRank(WireModel):
    store_id: int
    store_name: str
    revenue_30d: int
    rank: int


class BrandComparison(WireModel):
    brand_id: int
    currency: str
    average_30d: int
    stores: list[StoreRank]


class DeviceSales(WireModel):
    """One kiosk's share of a store's sales; `device_id` None gathers orders no device is recorded for."""

    device_id: str | None
    device_name: str
    orders: int
    items: int
    revenue: int = Field(description="Net of refunds")


class DeviceSalesReport(WireModel):
    store_id: int
    currency: str
    timezone: str
    start: date
    end: date
    devices: list[DeviceSales]


class ProductDailySeries(WireModel):
    """One product's days from the report's `start`, one entry per day, zero-filled."""

    product_id: int
    sku: str
    name_ko: str
    name_en: str
    quantities: list[int]
    stockout: list[bool] = Field(description="True where the shelf ran empty that day")


class DailyProductSales(WireModel):
    store_id: int
    timezone: str
    start: date
    end: date
    products: list[ProductDailySeries]
