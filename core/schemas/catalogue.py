"""Catalogue: categories and products (brand-wide; prices in integer KRW)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from core.schemas.common import Money, WireModel


class CategoryIn(WireModel):
    code: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$")
    name_ko: str = Field(min_length=1, max_length=80)
    name_en: str = Field(min_length=1, max_length=80)
    sort_order: int = 0


class CategoryOut(CategoryIn):
    id: int


class ProductIn(WireModel):
    sku: str = Field(min_length=1, max_length=40)
    barcode: str | None = Field(default=None, max_length=32)
    name_ko: str = Field(min_length=1, max_length=120)
    name_en: str = Field(min_length=1, max_length=120)
    category_id: int | None = None
    price: Money
    image_url: str | None = Field(default=None, max_length=500)
    age_restricted: bool = False
    active: bool = True


class ProductPatch(WireModel):
    """Partial update; `version` (optimistic lock) must match the stored one."""

    version: int
    barcode: str | None = None
    name_ko: str | None = Field(default=None, min_length=1, max_length=120)
    name_en: str | None = Field(default=None, min_length=1, max_length=120)
    category_id: int | None = None
    price: Money | None = None
    image_url: str | None = None
    age_restricted: bool | None = None
    active: bool | None = None


class ProductOut(ProductIn):
    id: int
    currency: str
    version: int
    updated_at: datetime


class ProductBulkUpdate(ProductPatch):
    id: int


class ProductBulkRequest(WireModel):
    """Create, update and delete products in one transaction: all succeed or none do."""

    create: list[ProductIn] = Field(default_factory=list, max_length=5000)
    update: list[ProductBulkUpdate] = Field(default_factory=list, max_length=5000)
    delete: list[int] = Field(default_factory=list, max_length=5000)


class ProductBulkResult(WireModel):
    created: list[ProductOut]
    updated: list[ProductOut]
    deleted: list[int]


class CatalogueItem(WireModel):
    """A product as one store sells it: price plus that store's stock."""

    product_id: int
    sku: str
    barcode: str | None
    name_ko: str
    name_en: str
    category_id: int | None
    price: Money
    currency: str
    image_url: str | None
    age_restricted: bool
    quantity: int
    version: int


class StoreCatalogue(WireModel):
    store_id: int
    categories: list[CategoryOut]
    items: list[CatalogueItem]
    generated_at: datetime
