"""`ApiClient`: the whole backend API as typed methods returning core.schemas models.

Endpoints are grouped in endpoints_*.py; the transport (retries, refresh, typed errors) is http.py. Tokens
never leave the client: login returns the principal, activation the bootstrap bundle, and the refresh
token goes straight to the TokenStore (the OS keyring).
"""

from __future__ import annotations

from core.client.bodies import model
from core.client.endpoints_admin import AdminEndpoints
from core.client.endpoints_catalogue import CatalogueEndpoints
from core.client.endpoints_forecast import ForecastEndpoints
from core.client.endpoints_sales import OrderSubmission, SalesEndpoints
from core.client.errors import ApiError
from core.schemas.auth import Principal, TokenPair
from core.schemas.devices import ActivateRequest, ActivateResponse, Heartbeat


class ApiClient(AdminEndpoints, CatalogueEndpoints, ForecastEndpoints, SalesEndpoints):
    """The REST API of one backend: `ApiClient(base_url, token_store=None, timeout=(3.05, 10))`.

    Thread-safe; share one per app and call it from worker threads, never the GUI thread.
    """

    def login(self, email: str, password: str) -> Principal:
        """Sign in (OAuth2 password form); the refresh token goes to the token store."""
        response = self.request(
            "POST", "/auth/login", data={"username": email, "password": password}, auth=False
        )
        pair = model(response, TokenPair)
        self.set_tokens(pair.access_token, pair.refresh_token)
        return self.me()

    def logout(self) -> None:
        """End the sign-in on the server if it answers, and on this machine always."""
        refresh_token = self._stored_refresh_token()
        try:
            if refresh_token:
                self.request("POST", "/auth/logout", json={"refresh_token": refresh_token}, auth=False)
        except ApiError:
            pass  # offline or already ended: the server-side sign-in expires on its own
        finally:
            self.forget_tokens()

    def me(self) -> Principal:
        return model(self.request("GET", "/auth/me"), Principal)

    def activate(self, code: str, device_name: str = "", app_version: str = "") -> ActivateResponse:
        """Trade a one-time code for a device identity; its refresh token goes to the keyring at once.

        Not retried: the code is single-use, so a lost answer means asking the owner for a new code.
        """
        body = ActivateRequest(code=code, device_name=device_name, app_version=app_version)
        response = self.request("POST", "/devices/activate", json=body.model_dump(mode="json"), auth=False)
        bundle = model(response, ActivateResponse)
        if self.token_store is not None:
            self.token_store.set_device_id(bundle.device_id)
            self.token_store.set_server_url(self.base_url)
        self.set_tokens(bundle.access_token, bundle.refresh_token)
        return bundle

    def heartbeat(self, beat: Heartbeat) -> None:
        """Tell the backend this device is alive (and how many sales wait in its outbox)."""
        self.request("POST", "/devices/me/heartbeat", json=beat.model_dump(mode="json"), idempotent=True)


__all__ = ["ApiClient", "OrderSubmission"]
