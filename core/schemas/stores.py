"""Brands and stores."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from core.schemas.common import Currency, WireModel


class BrandOut(WireModel):
    id: int
    name: str


class StoreOut(WireModel):
    id: int
    brand_id: int
    name: str
    timezone: str = Field(description="IANA zone used for display and daily rollups, e.g. Asia/Seoul")
    currency: Currency
    address: str
    created_at: datetime


class StoreCreate(WireModel):
    name: str = Field(min_length=1, max_length=120)
    timezone: str = "Asia/Seoul"
    currency: Currency = "KRW"
    address: str = Field(default="", max_length=300)


class StoreUpdate(WireModel):
    """A partial update: only the fields sent change."""

    name: str | None = Field(default=None, min_length=1, max_length=120)
    timezone: str | None = None
    currency: Currency | None = None
    address: str | None = Field(default=None, max_length=300)
