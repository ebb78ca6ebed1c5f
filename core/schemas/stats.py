"""Sales statistics, bucketed in the store's time zone."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from core.schemas.common import WireModel


class Granularity(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class SalesBucket(WireModel):
    period_start: date
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
