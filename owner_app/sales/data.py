"""One sales report for the chosen store, range and bucket size, fetched in one worker call (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from core.client.api import ApiClient
from core.client.errors import ForbiddenError
from core.schemas.stats import BrandComparison, DeviceSalesReport, Granularity, SalesSeries, TopProduct
from core.schemas.stores import StoreOut
from owner_app.inventory.export import export_table

MAX_BUCKETS = 400  # the backend's limit per series
MAX_RANGE_DAYS = 1100  # the backend's limit for top products and the split by kiosk
BUCKET_DAYS = {Granularity.day: 1, Granularity.week: 7, Granularity.month: 30.4, Granularity.year: 365.25}


@dataclass(frozen=True)
class SalesQuery:
    store: StoreOut
    granularity: Granularity
    start: date
    end: date

    def problem(self) -> str | None:
        """A reason the backend would refuse this query, checked before asking (codes for the page)."""
        if self.start > self.end:
            return "reversed"
        if (self.end - self.start).days / BUCKET_DAYS[self.granularity] > MAX_BUCKETS:
            return "too_many_buckets"
        return None

    @property
    def detail_start(self) -> date:
        """Top products and kiosks cover the same range, at most the backend's longest."""
        return max(self.start, self.end - timedelta(days=MAX_RANGE_DAYS - 1))


@dataclass(frozen=True)
class SalesReport:
    query: SalesQuery
    series: SalesSeries
    top: list[TopProduct]
    by_device: DeviceSalesReport
    comparison: BrandComparison | None

    @property
    def items(self) -> int:
        return sum(b.items for b in self.series.buckets)

    def rank(self) -> tuple[int, int] | None:
        """(this store's rank, stores in the brand) over the last 30 days."""
        if self.comparison is None:
            return None
        mine = next((s for s in self.comparison.stores if s.store_id == self.query.store.id), None)
        return (mine.rank, len(self.comparison.stores)) if mine else None


def load_sales(client: ApiClient, query: SalesQuery, compare: bool) -> SalesReport:
    store_id = query.store.id
    series = client.sales(store_id, query.granularity, start=query.start, end=query.end)
    top = client.top_products(store_id, start=query.detail_start, end=query.end, limit=10)
    by_device = client.sales_by_device(store_id, start=query.detail_start, end=query.end)
    comparison = None
    if compare:
        try:
            comparison = client.brand_comparison(query.store.brand_id)
        except ForbiddenError:
            comparison = None  # only owners compare stores; the card says so
    return SalesReport(query, series, top, by_device, comparison)


SERIES_HEADER = ["period_start", "orders", "items", "revenue", "currency"]


def export_series(path: Path, report: SalesReport) -> int:
    currency = report.series.currency
    rows: list[list[str | int]] = [
        [b.period_start.isoformat(), b.orders, b.items, b.revenue, currency] for b in report.series.buckets
    ]
    return export_table(path, SERIES_HEADER, rows, "Sales")
