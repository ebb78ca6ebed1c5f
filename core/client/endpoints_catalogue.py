"""Endpoints for the catalogue (categories, products, a store's catalogue) and inventory."""

from __future__ import annotations

import threading
from typing import Any

from core.client.bodies import model, model_list, page, params
from core.client.http import HttpClient
from core.schemas.catalogue import (
    CategoryIn,
    CategoryOut,
    ProductBulkRequest,
    ProductBulkResult,
    ProductIn,
    ProductOut,
    ProductPatch,
    StoreCatalogue,
)
from core.schemas.common import Page
from core.schemas.inventory import (
    InventoryBatchRequest,
    InventoryBatchResult,
    InventoryBulkRequest,
    InventoryOut,
    StockMovementOut,
)


class CatalogueEndpoints(HttpClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._catalogue_cache: dict[int, tuple[str, StoreCatalogue]] = {}
        self._catalogue_lock = threading.Lock()

    # -- brand catalogue ----------------------------------------------------------------------------------
    def categories(self, brand_id: int | None = None) -> list[CategoryOut]:
        response = self.request("GET", "/categories", params=params(brand_id=brand_id))
        return model_list(response, CategoryOut)

    def create_category(self, body: CategoryIn) -> CategoryOut:
        return model(self.request("POST", "/categories", json=body.model_dump(mode="json")), CategoryOut)

    def products(
        self,
        q: str | None = None,
        category_id: int | None = None,
        active: bool | None = None,
        include_deleted: bool | None = None,
        brand_id: int | None = None,
        offset: int = 0,
        limit: int = 100,
    ) -> Page[ProductOut]:
        query = params(
            q=q,
            category_id=category_id,
            active=active,
            include_deleted=include_deleted,
            brand_id=brand_id,
            offset=offset,
            limit=limit,
        )
        return page(self.request("GET", "/products", params=query), ProductOut)

    def create_product(self, body: ProductIn) -> ProductOut:
        return model(self.request("POST", "/products", json=body.model_dump(mode="json")), ProductOut)

    def patch_product(self, product_id: int, patch: ProductPatch) -> ProductOut:
        """Only the fields set on `patch` change; 409 ConflictError when `version` is stale."""
        body = patch.model_dump(mode="json", exclude_unset=True)
        body["version"] = patch.version
        return model(self.request("PATCH", f"/products/{product_id}", json=body), ProductOut)

    def delete_product(self, product_id: int) -> None:
        self.request("DELETE", f"/products/{product_id}")

    def bulk_products(self, body: ProductBulkRequest) -> ProductBulkResult:
        """All or nothing; a refusal lists every problem with its item's path (`create.3.sku`)."""
        payload = body.model_dump(mode="json", exclude_unset=True)
        return model(self.request("POST", "/products/bulk", json=payload), ProductBulkResult)

    def catalogue(self, store_id: int) -> StoreCatalogue:
        """The store's catalogue; while unchanged (304 to our ETag) the cached copy, with no download."""
        with self._catalogue_lock:
            cached = self._catalogue_cache.get(store_id)
        headers = {"If-None-Match": cached[0]} if cached else {}
        response = self.request("GET", f"/stores/{store_id}/catalogue", headers=headers, ok_statuses=(304,))
        if response.status_code == 304 and cached is not None:
            return cached[1]
        catalogue = model(response, StoreCatalogue)
        etag = response.headers.get("ETag")
        with self._catalogue_lock:
            if etag:
                self._catalogue_cache[store_id] = (etag, catalogue)
            else:
                self._catalogue_cache.pop(store_id, None)
        return catalogue

    # -- inventory ----------------------------------------------------------------------------------------
    def inventory(
        self,
        store_id: int,
        q: str | None = None,
        low: bool | None = None,
        zero: bool | None = None,
        offset: int = 0,
        limit: int = 200,
    ) -> Page[InventoryOut]:
        query = params(q=q, low=low, zero=zero, offset=offset, limit=limit)
        return page(self.request("GET", f"/stores/{store_id}/inventory", params=query), InventoryOut)

    def adjust_inventory(self, store_id: int, body: InventoryBulkRequest) -> list[InventoryOut]:
        """Receipts, counts and corrections together or not at all; 409 on a stale `expected_version`."""
        payload = body.model_dump(mode="json", exclude_unset=True)
        response = self.request("POST", f"/stores/{store_id}/inventory/adjustments", json=payload)
        return model_list(response, InventoryOut)

    def save_inventory_batch(self, store_id: int, body: InventoryBatchRequest) -> InventoryBatchResult:
        """Stock adjustments and price changes in one transaction, all or nothing; 409 ConflictError
        (`batch_conflict`) names every stale item (`adjustments.2.expected_version`, `prices.0...`)."""
        payload = body.model_dump(mode="json", exclude_unset=True)
        response = self.request("POST", f"/stores/{store_id}/inventory/batch", json=payload)
        return model(response, InventoryBatchResult)

    def stock_movements(
        self, store_id: int, product_id: int, offset: int = 0, limit: int = 100
    ) -> Page[StockMovementOut]:
        """The product's ledger in this store, newest first."""
        path = f"/stores/{store_id}/inventory/{product_id}/movements"
        return page(self.request("GET", path, params=params(offset=offset, limit=limit)), StockMovementOut)
