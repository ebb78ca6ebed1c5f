"""Everything the forecast page shows for one store, fetched in one worker call, and the series it draws for
one product or one category total (no Qt)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from core.client.api import ApiClient
from core.schemas.catalogue import CategoryOut, ProductOut
from core.schemas.forecasts import ProductForecast, ReorderSuggestionOut
from core.schemas.stats import DailyProductSales

HISTORY_DAYS = 120


@dataclass(frozen=True)
class ForecastData:
    store_id: int
    forecasts: list[ProductForecast]
    suggestions: list[ReorderSuggestionOut]
    history: DailyProductSales
    products: list[ProductOut]
    categories: list[CategoryOut]

    def category_of(self, product_id: int) -> int | None:
        return next((p.category_id for p in self.products if p.id == product_id), None)


@dataclass
class Series:
    """What the chart draws: daily history, then the forecast with its bands, and (for one product) the
    projected stock against its reorder point."""

    history_days: list[date] = field(default_factory=list)
    history: list[float] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    mean: list[float] = field(default_factory=list)
    p10: list[float] = field(default_factory=list)
    p90: list[float] = field(default_factory=list)
    p025: list[float] = field(default_factory=list)
    p975: list[float] = field(default_factory=list)
    stock: list[float] = field(default_factory=list)  # empty for a category total
    reorder_point: float | None = None
    reorder_date: date | None = None
    mase: float | None = None


def load_forecast_data(client: ApiClient, store_id: int, brand_id: int) -> ForecastData:
    forecasts = client.forecasts(store_id)
    suggestions = client.reorder_suggestions(store_id)
    end = max((f.origin_day for f in forecasts), default=date.today() - timedelta(days=1))
    history = client.daily_product_sales(store_id, start=end - timedelta(days=HISTORY_DAYS - 1), end=end)
    products: list[ProductOut] = []
    offset = 0
    while True:  # the brand's whole catalogue, for the category of each product
        page = client.products(brand_id=brand_id, offset=offset, limit=100)
        products.extend(page.items)
        offset += len(page.items)
        if not page.items or offset >= page.total:
            break
    return ForecastData(store_id, forecasts, suggestions, history, products, client.categories(brand_id))


def _history(data: ForecastData, product_ids: set[int]) -> tuple[list[date], list[float]]:
    start = data.history.start
    n = (data.history.end - start).days + 1
    totals = [0.0] * n
    for series in data.history.products:
        if series.product_id in product_ids:
            for i, qty in enumerate(series.quantities[:n]):
                totals[i] += qty
    return [start + timedelta(days=i) for i in range(n)], totals


def product_series(data: ForecastData, product_id: int) -> Series:
    forecast = next((f for f in data.forecasts if f.product_id == product_id), None)
    out = Series()
    out.history_days, out.history = _history(data, {product_id})
    if forecast is None:
        return out
    out.days = [d.day for d in forecast.days]
    out.mean = [d.mean for d in forecast.days]
    out.p10, out.p90 = [d.p10 for d in forecast.days], [d.p90 for d in forecast.days]
    out.p025, out.p975 = [d.p025 for d in forecast.days], [d.p975 for d in forecast.days]
    out.mase = forecast.backtest_mase
    suggestion = next((s for s in data.suggestions if s.product_id == product_id), None)
    if suggestion is not None:
        level, out.stock = float(suggestion.on_hand), []
        for mean in out.mean:  # stock if nothing is ordered: on hand less the expected demand
            level = max(0.0, level - mean)
            out.stock.append(level)
        out.reorder_point, out.reorder_date = suggestion.reorder_point, suggestion.reorder_date
    return out


def category_series(data: ForecastData, category_id: int | None) -> Series:
    """The sum over the category's products (None: every product). The means add up; the bands are
    combined as if the products' errors were independent (half-widths add in quadrature), which a daily
    total of different products is close to and which is narrower than adding the quantiles would be."""
    members = {p.id for p in data.products if category_id is None or p.category_id == category_id}
    out = Series()
    out.history_days, out.history = _history(data, members)
    forecasts = [f for f in data.forecasts if f.product_id in members]
    if not forecasts:
        return out
    horizon = min(len(f.days) for f in forecasts)
    out.days = [d.day for d in forecasts[0].days[:horizon]]
    for i in range(horizon):
        days = [f.days[i] for f in forecasts]
        mean = sum(d.mean for d in days)
        out.mean.append(mean)
        for lo, hi, low_list, high_list in (
            ("p10", "p90", out.p10, out.p90),
            ("p025", "p975", out.p025, out.p975),
        ):
            below = math.sqrt(sum((d.mean - getattr(d, lo)) ** 2 for d in days))
            above = math.sqrt(sum((getattr(d, hi) - d.mean) ** 2 for d in days))
            low_list.append(max(0.0, mean - below))
            high_list.append(mean + above)
    scores = [f.backtest_mase for f in forecasts if f.backtest_mase is not None]
    out.mase = sum(scores) / len(scores) if scores else None
    return out
