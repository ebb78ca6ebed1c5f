"""Test helpers for auth and devices: an app on any database, and activating a device through the API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from backend.app import create_app
from backend.state import AppState
from tests.backend.conftest import make_settings
from tests.backend.world import PASSWORD, World, build_world


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Api:
    """A running app with the test world, on whichever database the test was given."""

    client: TestClient
    state: AppState
    world: World
    _headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def login(self, who: str, password: str = PASSWORD) -> Any:
        form = {"username": self.world.emails[who], "password": password}
        return self.client.post("/api/v1/auth/login", data=form)

    def tokens(self, who: str = "owner_a") -> dict[str, Any]:
        resp = self.login(who)
        assert resp.status_code == 200, resp.text
        body: dict[str, Any] = resp.json()
        return body

    def headers(self, who: str) -> dict[str, str]:
        """Auth headers for `who`, signed in once per test (Argon2 is slow on purpose)."""
        if who not in self._headers:
            self._headers[who] = bearer(self.tokens(who)["access_token"])
        return self._headers[who]

    def refresh(self, token: str) -> Any:
        return self.client.post("/api/v1/auth/refresh", json={"refresh_token": token})


@contextmanager
def open_api(db_url: str, tmp_path: Path) -> Iterator[Api]:
    app = create_app(make_settings(db_url, tmp_path))
    state: AppState = app.state.autostore
    world = build_world(state.db)
    with TestClient(app) as client:
        yield Api(client, state, world)


@dataclass
class ActivatedDevice:
    device_id: str
    access_token: str
    refresh_token: str
    bundle: dict[str, Any]

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.access_token)


def issue_code(client: TestClient, owner_headers: dict[str, str], store_id: int, kind: str = "kiosk") -> str:
    resp = client.post(
        f"/api/v1/stores/{store_id}/activation-codes",
        json={"kind": kind, "name": "Entrance kiosk"},
        headers=owner_headers,
    )
    assert resp.status_code == 201, resp.text
    code: str = resp.json()["code"]
    return code


def activate_device(
    client: TestClient, owner_headers: dict[str, str], store_id: int, kind: str = "kiosk"
) -> ActivatedDevice:
    """Issue a code as the owner and activate a device with it, as a kiosk's activation screen does.

    With the test world: `activate_device(client, world.headers(client, "owner_a"), world.store_a1)`."""
    code = issue_code(client, owner_headers, store_id, kind)
    resp = client.post("/api/v1/devices/activate", json={"code": code, "app_version": "1.0.0"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    return ActivatedDevice(body["device_id"], body["access_token"], body["refresh_token"], body)
