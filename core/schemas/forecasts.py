"""Demand forecasts, replenishment suggestions and supplier terms."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from core.schemas.common import Money, WireModel


class ForecastDay(WireModel):
    day: date
    mean: float = Field(description="Expected demand (units)")
    p10: float
    p90: float
    p025: float = Field(description="Lower end of the 95 % interval")
    p975: float = Field(description="Upper end of the 95 % interval")


class ProductForecast(WireModel):
    store_id: int
    product_id: int
    sku: str
    name_ko: str
    name_en: str
    generated_at: datetime
    origin_day: date = Field(description="The last day of sales the forecast read")
    horizon: int
    model: str = Field(
        description="The forecaster the backtest chose: global, seasonal_naive or moving_average"
    )
    backtest_mase: float | None
    backtest_wape: float | None
    backtest_bias: float | None
    days: list[ForecastDay]


class AbcClass(StrEnum):
    a = "A"
    b = "B"
    c = "C"


class XyzClass(StrEnum):
    x = "X"
    y = "Y"
    z = "Z"


class ReorderSuggestionOut(WireModel):
    store_id: int
    product_id: int
    sku: str
    name_ko: str
    name_en: str
    generated_at: datetime
    on_hand: int
    safety_stock: float
    reorder_point: float
    order_up_to: float
    suggested_qty: int = Field(
        description="Units to order now (whole packs, at least the minimum order); 0 = none"
    )
    reorder_date: date | None = Field(
        description="When projected stock reaches the reorder point, if in the horizon"
    )
    abc_class: AbcClass
    xyz_class: XyzClass
    supplier_name: str
    lead_time_days: int
    review_period_days: int
    pack_size: int
    min_order_qty: int
    service_level: float
    unit_cost: Money


class SupplyTermsIn(WireModel):
    supplier_name: str = Field(default="", max_length=120)
    lead_time_days: int = Field(default=2, ge=0, le=365)
    review_period_days: int = Field(default=7, ge=1, le=365)
    pack_size: int = Field(default=1, ge=1, le=100_000)
    min_order_qty: int = Field(default=0, ge=0, le=1_000_000)
    service_level: float = Field(default=0.95, ge=0.5, le=0.999)
    unit_cost: Money | None = Field(default=None, description="Purchase cost per unit; None: use the price")


class SupplyTermsOut(SupplyTermsIn):
    brand_id: int
    product_id: int | None = Field(description="None for the brand's default terms")
    inherited: bool = Field(description="True when the product has no terms of its own (the default applies)")


class ForecastRunOut(WireModel):
    brand_id: int
    store_ids: list[int]
    generated_at: datetime
    origin_day: date
    horizon: int
    series: int
    backtest_mase: float | None
    models: dict[str, int] = Field(description="How many series each forecaster was chosen for")
    suggested_orders: int
    elapsed_s: float
