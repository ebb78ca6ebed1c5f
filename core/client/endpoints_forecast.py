"""Endpoints for demand forecasts, reorder suggestions, purchase-order drafts and running the forecast job."""

from __future__ import annotations

from typing import Literal

from core.client.bodies import model, model_list, params
from core.client.http import HttpClient
from core.schemas.forecasts import ForecastRunOut, ProductForecast, ReorderSuggestionOut


class ForecastEndpoints(HttpClient):
    def forecasts(self, store_id: int, product_id: int | None = None) -> list[ProductForecast]:
        """The latest daily forecast (mean, 80 % and 95 % intervals) of every product of the store, or one."""
        response = self.request("GET", f"/stores/{store_id}/forecasts", params=params(product_id=product_id))
        return model_list(response, ProductForecast)

    def reorder_suggestions(self, store_id: int, orders_only: bool = False) -> list[ReorderSuggestionOut]:
        response = self.request(
            "GET", f"/stores/{store_id}/reorder-suggestions", params=params(orders_only=orders_only)
        )
        return model_list(response, ReorderSuggestionOut)

    def purchase_order_draft(
        self, store_id: int, file_format: Literal["csv", "xlsx"] = "csv", supplier: str | None = None
    ) -> bytes:
        """The backend's draft of the suggested orders (its quantities, not edited ones) as file bytes."""
        query = params(format=file_format, supplier=supplier)
        return self.request("GET", f"/stores/{store_id}/purchase-orders/draft", params=query).content

    def run_forecast(self, store_id: int, horizon: int = 28) -> ForecastRunOut:
        """Forecast the store now instead of waiting for the nightly job (owners only; takes seconds)."""
        response = self.request(
            "POST", f"/stores/{store_id}/forecasts/run", params=params(horizon=horizon), timeout=(3.05, 120.0)
        )
        return model(response, ForecastRunOut)
