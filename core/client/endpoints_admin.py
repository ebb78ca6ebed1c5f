"""Endpoints for running a brand: stores, users, devices and their remote config."""

from __future__ import annotations

from core.client.bodies import model, model_list
from core.client.http import HttpClient
from core.schemas.auth import StoreAssignmentUpdate, UserCreate, UserOut
from core.schemas.devices import (
    ActivationCodeCreate,
    ActivationCodeOut,
    DeviceConfigOut,
    DeviceConfigUpdate,
    DeviceOut,
)
from core.schemas.stores import BrandOut, StoreCreate, StoreOut, StoreUpdate


class AdminEndpoints(HttpClient):
    # -- stores -------------------------------------------------------------------------------------------
    def stores(self) -> list[StoreOut]:
        """The stores the caller may see."""
        return model_list(self.request("GET", "/stores"), StoreOut)

    def store(self, store_id: int) -> StoreOut:
        return model(self.request("GET", f"/stores/{store_id}"), StoreOut)

    def create_store(self, body: StoreCreate) -> StoreOut:
        return model(self.request("POST", "/stores", json=body.model_dump(mode="json")), StoreOut)

    def update_store(self, store_id: int, body: StoreUpdate) -> StoreOut:
        payload = body.model_dump(mode="json", exclude_unset=True)
        return model(self.request("PATCH", f"/stores/{store_id}", json=payload), StoreOut)

    def my_brand(self) -> BrandOut:
        return model(self.request("GET", "/brands/me"), BrandOut)

    # -- users --------------------------------------------------------------------------------------------
    def users(self) -> list[UserOut]:
        return model_list(self.request("GET", "/users"), UserOut)

    def create_user(self, body: UserCreate) -> UserOut:
        return model(self.request("POST", "/users", json=body.model_dump(mode="json")), UserOut)

    def set_support_stores(self, user_id: int, store_ids: list[int]) -> UserOut:
        body = StoreAssignmentUpdate(store_ids=store_ids).model_dump(mode="json")
        return model(self.request("PUT", f"/users/{user_id}/stores", json=body), UserOut)

    # -- devices ------------------------------------------------------------------------------------------
    def create_activation_code(
        self, store_id: int, body: ActivationCodeCreate | None = None
    ) -> ActivationCodeOut:
        """A one-time code for a new kiosk; shown once, so show it to the owner and forget it."""
        payload = (body or ActivationCodeCreate()).model_dump(mode="json")
        response = self.request("POST", f"/stores/{store_id}/activation-codes", json=payload)
        return model(response, ActivationCodeOut)

    def devices(self, store_id: int) -> list[DeviceOut]:
        return model_list(self.request("GET", f"/stores/{store_id}/devices"), DeviceOut)

    def revoke_device(self, device_id: str) -> DeviceOut:
        # Revoking twice changes nothing, so a retry after a lost answer is safe.
        response = self.request("POST", f"/devices/{device_id}/revoke", idempotent=True)
        return model(response, DeviceOut)

    def device_config(self, device_id: str) -> DeviceConfigOut:
        return model(self.request("GET", f"/devices/{device_id}/config"), DeviceConfigOut)

    def update_device_config(self, device_id: str, body: DeviceConfigUpdate) -> DeviceConfigOut:
        """409 ConflictError when `expected_version` is stale: someone else changed it meanwhile."""
        response = self.request("PUT", f"/devices/{device_id}/config", json=body.model_dump(mode="json"))
        return model(response, DeviceConfigOut)
