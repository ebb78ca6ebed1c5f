"""One grid row per product of the store: stock from the inventory endpoint, price from the product.

Both lists are paged (1,000 a page), so a 10,000-product store takes ten calls of each; they run on a
worker. No Qt here, so the loader is testable and the bench can time it alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from core.client.api import ApiClient
from core.schemas.catalogue import ProductOut
from core.schemas.inventory import InventoryOut

PAGE_SIZE = 1000


class Field(StrEnum):
    """The editable columns, named as the wire schemas name them."""

    quantity = "quantity"
    reorder_level = "reorder_level"
    price = "price"
    shelf_location = "shelf_location"


STOCK_FIELDS = frozenset({Field.quantity, Field.reorder_level, Field.shelf_location})


@dataclass(slots=True)
class GridRow:
    product_id: int
    sku: str
    name_ko: str
    name_en: str
    category: str
    quantity: int
    reorder_level: int
    price: int
    shelf_location: str
    version: int  # the inventory row's version (0: never stocked here)
    product_version: int
    currency: str
    updated_at: datetime
    search_key: str = ""

    def __post_init__(self) -> None:
        self.search_key = f"{self.sku}\n{self.name_ko}\n{self.name_en}\n{self.category}".casefold()

    def value(self, field: Field) -> int | str:
        value: int | str = getattr(self, field.value)
        return value

    @property
    def is_zero(self) -> bool:
        return self.quantity <= 0

    @property
    def is_low(self) -> bool:
        return self.quantity <= self.reorder_level


def merge_rows(
    inventory: Iterable[InventoryOut], products: Iterable[ProductOut], categories: dict[int, str]
) -> list[GridRow]:
    """Join stock and products by product id; a product missing from either side is left out (it was
    deleted between the two calls)."""
    by_id = {p.id: p for p in products}
    rows = []
    for inv in inventory:
        product = by_id.get(inv.product_id)
        if product is None:
            continue
        rows.append(
            GridRow(
                product_id=inv.product_id,
                sku=inv.sku,
                name_ko=inv.name_ko,
                name_en=inv.name_en,
                category=categories.get(product.category_id or 0, ""),
                quantity=inv.quantity,
                reorder_level=inv.reorder_level,
                price=product.price,
                shelf_location=inv.shelf_location,
                version=inv.version,
                product_version=product.version,
                currency=product.currency,
                updated_at=inv.updated_at,
            )
        )
    return rows


def _all_inventory(client: ApiClient, store_id: int) -> list[InventoryOut]:
    items: list[InventoryOut] = []
    while True:
        page = client.inventory(store_id, offset=len(items), limit=PAGE_SIZE)
        items.extend(page.items)
        if not page.items or len(items) >= page.total:
            return items


def _all_products(client: ApiClient, brand_id: int) -> list[ProductOut]:
    items: list[ProductOut] = []
    while True:
        page = client.products(brand_id=brand_id, offset=len(items), limit=PAGE_SIZE)
        items.extend(page.items)
        if not page.items or len(items) >= page.total:
            return items


def load_rows(client: ApiClient, store_id: int, brand_id: int, lang: str = "ko") -> list[GridRow]:
    """Stock and products are fetched side by side (the client is thread-safe): half the wait of one
    after the other for a large store."""
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="grid-load") as pool:
        stock = pool.submit(_all_inventory, client, store_id)
        products = pool.submit(_all_products, client, brand_id)
        categories = {
            c.id: (c.name_ko if lang == "ko" else c.name_en) for c in client.categories(brand_id=brand_id)
        }
        return merge_rows(stock.result(), products.result(), categories)
