"""Role x route matrix: every principal reaches only its own stores, and only what its role allows.

For each store-scoped route and each principal the expected outcome is derived from two facts, never
hand-typed per cell: a store outside the principal's scope answers 404 (exactly like a store that does not
exist), a store inside the scope with a role the route does not allow answers 403, anything else gets
through (2xx, or a business answer such as 409 — but never 401/403/404).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.timeutil import utcnow
from tests.backend.auth_helpers import Api, activate_device, open_api

OWNER, STAFF, SUPPORT, KIOSK, VISION = "owner", "staff", "support", "kiosk", "vision"
ALL_ROLES = frozenset({OWNER, STAFF, SUPPORT, KIOSK, VISION})

# principal -> (role, stores it may see, by world attribute name)
PRINCIPALS: dict[str, tuple[str, set[str]]] = {
    "owner_a": (OWNER, {"store_a1", "store_a2"}),
    "staff_a1": (STAFF, {"store_a1"}),
    "support_a2": (SUPPORT, {"store_a2"}),
    "owner_b": (OWNER, {"store_b1"}),
    "staff_b1": (STAFF, {"store_b1"}),
    "kiosk_a1": (KIOSK, {"store_a1"}),
    "vision_a1": (VISION, {"store_a1"}),
}


@dataclass
class Ctx:
    api: Api
    store_id: int
    product_id: int
    headers: dict[str, dict[str, str]]

    def catalogue_price(self) -> int:
        owner = self.headers["owner_a"]
        resp = self.api.client.get(f"/api/v1/stores/{self.store_id}/catalogue", headers=owner)
        items = {i["product_id"]: i for i in resp.json()["items"]}
        price: int = items[self.product_id]["price"]
        return price


Request = Callable[[Ctx], tuple[str, str, dict[str, Any]]]


def _get(path: str) -> Request:
    return lambda c: ("GET", path.format(s=c.store_id, p=c.product_id), {})


def _order(c: Ctx) -> tuple[str, str, dict[str, Any]]:
    price = c.catalogue_price()
    body = {
        "id": str(uuid.uuid4()),
        "store_id": c.store_id,
        "lines": [{"product_id": c.product_id, "quantity": 1, "unit_price": price}],
        "total": price,
        "created_at": utcnow().isoformat(),
    }
    return "POST", "/api/v1/orders", {"json": body}


STORE_ROUTES: list[tuple[str, Request, frozenset[str]]] = [
    ("get store", _get("/api/v1/stores/{s}"), ALL_ROLES),
    (
        "patch store",
        lambda c: ("PATCH", f"/api/v1/stores/{c.store_id}", {"json": {"address": "Seoul"}}),
        frozenset({OWNER}),
    ),
    (
        "issue activation code",
        lambda c: ("POST", f"/api/v1/stores/{c.store_id}/activation-codes", {"json": {"kind": "kiosk"}}),
        frozenset({OWNER}),
    ),
    ("list devices", _get("/api/v1/stores/{s}/devices"), frozenset({OWNER, STAFF, SUPPORT})),
    ("store catalogue", _get("/api/v1/stores/{s}/catalogue"), frozenset({OWNER, STAFF, SUPPORT, KIOSK})),
    ("inventory", _get("/api/v1/stores/{s}/inventory"), frozenset({OWNER, STAFF, SUPPORT})),
    (
        "inventory adjustment",
        lambda c: (
            "POST",
            f"/api/v1/stores/{c.store_id}/inventory/adjustments",
            {"json": {"adjustments": [{"product_id": c.product_id, "reason": "receipt", "delta": 1}]}},
        ),
        frozenset({OWNER, STAFF}),
    ),
    ("movements", _get("/api/v1/stores/{s}/inventory/{p}/movements"), frozenset({OWNER, STAFF, SUPPORT})),
    ("list orders", _get("/api/v1/stores/{s}/orders"), frozenset({OWNER, STAFF, SUPPORT, KIOSK})),
    ("create order", _order, frozenset({OWNER, STAFF, KIOSK})),
    ("sales", _get("/api/v1/stores/{s}/sales"), frozenset({OWNER, STAFF, SUPPORT})),
    ("top products", _get("/api/v1/stores/{s}/sales/top-products"), frozenset({OWNER, STAFF, SUPPORT})),
    ("sales by device", _get("/api/v1/stores/{s}/sales/by-device"), frozenset({OWNER, STAFF, SUPPORT})),
    ("daily products", _get("/api/v1/stores/{s}/sales/daily-products"), frozenset({OWNER, STAFF, SUPPORT})),
]


def expected(principal: str, target_store: str, allowed: frozenset[str]) -> str:
    role, scope = PRINCIPALS[principal]
    if target_store not in scope:
        return "404"
    return "ok" if role in allowed else "403"


def outcome(status: int) -> str:
    if status in (403, 404):
        return str(status)
    assert status != 401, "a valid token was refused"
    assert status < 500, f"server error {status}"
    return "ok"


@pytest.fixture
def matrix_api(tmp_path: Path) -> Iterator[tuple[Api, dict[str, dict[str, str]]]]:
    with open_api(f"sqlite:///{tmp_path / 'matrix.db'}", tmp_path) as api:
        headers = {who: api.headers(who) for who in PRINCIPALS if who in api.world.emails}
        owner = headers["owner_a"]
        headers["kiosk_a1"] = activate_device(api.client, owner, api.world.store_a1, "kiosk").headers
        headers["vision_a1"] = activate_device(api.client, owner, api.world.store_a1, "vision").headers
        yield api, headers


@pytest.mark.parametrize("target_store", ["store_a1", "store_a2", "store_b1"])
def test_store_routes_by_role_and_scope(
    matrix_api: tuple[Api, dict[str, dict[str, str]]], target_store: str
) -> None:
    api, headers = matrix_api
    store_id = getattr(api.world, target_store)
    product_id = (api.world.products_b if target_store == "store_b1" else api.world.products_a)[0]
    owner_of_target = "owner_b" if target_store == "store_b1" else "owner_a"
    ctx = Ctx(api, store_id, product_id, {"owner_a": headers[owner_of_target]})
    mismatches = []
    checked = 0
    for name, make_request, allowed in STORE_ROUTES:
        for principal in PRINCIPALS:
            method, path, kwargs = make_request(ctx)
            resp = api.client.request(method, path, headers=headers[principal], **kwargs)
            got, want = outcome(resp.status_code), expected(principal, target_store, allowed)
            checked += 1
            if got != want:
                mismatches.append(f"{name} as {principal} on {target_store}: {resp.status_code}, want {want}")
    assert not mismatches, "\n".join(mismatches)
    assert checked == len(STORE_ROUTES) * len(PRINCIPALS)


def test_out_of_scope_404_is_identical_to_missing_store(matrix_api: tuple[Api, Any]) -> None:
    api, headers = matrix_api
    other = api.client.get(f"/api/v1/stores/{api.world.store_b1}/inventory", headers=headers["owner_a"])
    missing = api.client.get("/api/v1/stores/999999/inventory", headers=headers["owner_a"])
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()


def test_brand_and_device_routes(matrix_api: tuple[Api, dict[str, dict[str, str]]]) -> None:
    api, headers = matrix_api
    w = api.world
    client: TestClient = api.client

    def status(method: str, path: str, who: str, **kw: Any) -> int:
        return client.request(method, path, headers=headers[who], **kw).status_code

    comparison = f"/api/v1/brands/{w.brand_a}/sales/comparison"
    assert status("GET", comparison, "owner_a") == 200
    assert status("GET", comparison, "owner_b") == 404
    assert status("GET", comparison, "staff_a1") == 403
    assert status("GET", comparison, "kiosk_a1") == 404

    patch = f"/api/v1/products/{w.products_a[0]}"
    assert status("PATCH", patch, "owner_b", json={"version": 1, "name_en": "x"}) == 404
    assert status("PATCH", patch, "staff_a1", json={"version": 1, "name_en": "x"}) == 403
    assert status("PATCH", patch, "kiosk_a1", json={"version": 1, "name_en": "x"}) == 403
    assert status("PATCH", patch, "owner_a", json={"version": 1, "name_en": "Still water"}) == 200

    card = {"masked_pan": "411111******1111", "expiry": "12/39"}
    pay = {"payment_id": str(uuid.uuid4()), "order_id": str(uuid.uuid4()), "amount": 1000, "card": card}
    for who in ("owner_a", "staff_a1", "support_a2", "vision_a1"):
        assert status("POST", "/api/v1/payments/authorize", who, json=pay) == 403, who
    assert status("POST", "/api/v1/payments/authorize", "kiosk_a1", json=pay) in (200, 201)

    for who in ("owner_a", "staff_a1", "support_a2"):
        assert status("POST", "/api/v1/devices/me/heartbeat", who, json={}) == 403, who
    assert status("POST", "/api/v1/devices/me/heartbeat", "kiosk_a1", json={}) == 204


def test_every_route_needs_a_token(client: TestClient) -> None:
    """Walk the OpenAPI document: each route except login, refresh, logout, activation and health is 401."""
    public = {
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/devices/activate",
        "/api/v1/health",
    }
    spec = client.get("/api/v1/openapi.json").json()
    checked = 0
    for path, methods in spec["paths"].items():
        if path in public:
            continue
        concrete = path.replace("{store_id}", "1").replace("{product_id}", "1").replace("{brand_id}", "1")
        concrete = concrete.replace("{order_id}", str(uuid.uuid4())).replace("{device_id}", "x")
        concrete = concrete.replace("{user_id}", "1")
        for method in methods:
            resp = client.request(method.upper(), concrete)
            assert resp.status_code == 401, f"{method.upper()} {path}: {resp.status_code}"
            assert resp.json()["error"]["code"] in {"unauthorized", "token_invalid"}
            checked += 1
    assert checked >= 30
