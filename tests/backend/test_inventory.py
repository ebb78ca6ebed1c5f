"""Inventory: listing with filters, all-or-nothing adjustments with versions, low-stock events, the ledger."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.db.models import Event, Inventory
from backend.state import AppState
from tests.backend.shop_helpers import device_headers, user_headers
from tests.backend.world import World

API = "/api/v1"


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite, and on PostgreSQL where one is configured."""
    return any_db_url


def adjust(client: TestClient, store_id: int, headers: dict[str, str], *items: dict[str, Any]) -> Any:
    return client.post(
        f"{API}/stores/{store_id}/inventory/adjustments", json={"adjustments": list(items)}, headers=headers
    )


def quantity(state: AppState, store_id: int, product_id: int) -> int:
    with state.db.read() as s:
        row = s.get(Inventory, (store_id, product_id))
        return row.quantity if row else 0


def test_listing_with_names_filters_and_search(client: TestClient, state: AppState, world: World) -> None:
    staff = user_headers(state, world, "staff_a1")
    water, cola, rice = world.products_a
    adjust(
        client,
        world.store_a1,
        staff,
        {"product_id": cola, "reason": "count", "quantity": 0},
        {"product_id": rice, "reason": "adjustment", "delta": -16},
    )
    url = f"{API}/stores/{world.store_a1}/inventory"
    every = client.get(url, headers=staff).json()
    assert every["total"] == 3
    assert [(i["name_en"], i["quantity"]) for i in every["items"]] == [
        ("Water", 20),
        ("Cola", 0),
        ("Rice ball", 4),
    ]
    assert [
        i["product_id"] for i in client.get(url, params={"low": True}, headers=staff).json()["items"]
    ] == [cola, rice]
    assert [
        i["product_id"] for i in client.get(url, params={"zero": True}, headers=staff).json()["items"]
    ] == [cola]
    assert [
        i["product_id"] for i in client.get(url, params={"q": "김밥"}, headers=staff).json()["items"]
    ] == [rice]
    assert water not in [
        i["product_id"] for i in client.get(url, params={"low": True}, headers=staff).json()["items"]
    ]


def test_adjustments_receipt_count_and_new_rows(client: TestClient, state: AppState, world: World) -> None:
    owner = user_headers(state, world, "owner_a")
    water, cola, _rice = world.products_a
    created = client.post(
        f"{API}/products", json={"sku": "NEW", "name_ko": "새", "name_en": "New", "price": 500}, headers=owner
    ).json()
    resp = adjust(
        client,
        world.store_a1,
        owner,
        {
            "product_id": water,
            "reason": "receipt",
            "delta": 10,
            "expected_version": 1,
            "shelf_location": "A-1",
        },
        {"product_id": cola, "reason": "count", "quantity": 17, "reorder_level": 3},
        {"product_id": created["id"], "reason": "receipt", "delta": 6, "expected_version": 0},
    )
    assert resp.status_code == 200, resp.text
    rows = {r["product_id"]: r for r in resp.json()}
    assert (rows[water]["quantity"], rows[water]["version"], rows[water]["shelf_location"]) == (30, 2, "A-1")
    assert (rows[cola]["quantity"], rows[cola]["reorder_level"]) == (17, 3)
    assert (rows[created["id"]]["quantity"], rows[created["id"]]["version"]) == (6, 1)


def test_conflict_names_products_and_applies_nothing(
    client: TestClient, state: AppState, world: World
) -> None:
    staff = user_headers(state, world, "staff_a1")
    water, cola, _rice = world.products_a
    resp = adjust(
        client,
        world.store_a1,
        staff,
        {"product_id": water, "reason": "receipt", "delta": 5, "expected_version": 1},
        {"product_id": cola, "reason": "receipt", "delta": 5, "expected_version": 4},
    )
    assert resp.status_code == 409, resp.text
    error = resp.json()["error"]
    assert error["code"] == "inventory_conflict"
    assert [d["field"] for d in error["details"]] == ["adjustments.1.expected_version"]
    assert "Cola" in error["details"][0]["message"]
    assert quantity(state, world.store_a1, water) == 20  # the valid line was not applied either


def test_invalid_adjustments(client: TestClient, state: AppState, world: World) -> None:
    staff = user_headers(state, world, "staff_a1")
    water = world.products_a[0]
    cases = [
        {"product_id": water, "reason": "count"},
        {"product_id": water, "reason": "receipt", "quantity": 3},
        {"product_id": water, "reason": "sale", "delta": -1},
        {"product_id": water, "reason": "adjustment", "delta": -21},
        {"product_id": world.products_b[0], "reason": "receipt", "delta": 1},
    ]
    for case in cases:
        assert adjust(client, world.store_a1, staff, case).status_code == 422, case
    assert quantity(state, world.store_a1, water) == 20


def test_low_stock_event_only_when_crossing(client: TestClient, state: AppState, world: World) -> None:
    staff = user_headers(state, world, "staff_a1")
    water = world.products_a[0]
    for delta in (-14, -1, -1):  # 20 -> 6 (above level 5) -> 5 (crosses) -> 4 (already low)
        assert (
            adjust(
                client, world.store_a1, staff, {"product_id": water, "reason": "adjustment", "delta": delta}
            ).status_code
            == 200
        )
    with state.db.read() as s:
        low = list(s.scalars(select(Event).where(Event.type == "stock.low")))
        changed = list(s.scalars(select(Event).where(Event.type == "stock.changed")))
    assert [(e.store_id, e.data["product_id"], e.data["quantity"]) for e in low] == [
        (world.store_a1, water, 5)
    ]
    assert len(changed) == 3 and changed[0].data["items"] == [
        {"product_id": water, "delta": -14, "quantity": 6}
    ]


def test_movement_history(client: TestClient, state: AppState, world: World) -> None:
    staff = user_headers(state, world, "staff_a1")
    water = world.products_a[0]
    adjust(
        client,
        world.store_a1,
        staff,
        {"product_id": water, "reason": "receipt", "delta": 12, "note": "delivery"},
    )
    adjust(client, world.store_a1, staff, {"product_id": water, "reason": "count", "quantity": 30})
    url = f"{API}/stores/{world.store_a1}/inventory/{water}/movements"
    page = client.get(url, headers=staff).json()
    assert [(m["reason"], m["delta"], m["quantity_after"]) for m in page["items"]] == [
        ("count", -2, 30),
        ("receipt", 12, 32),
    ]
    assert page["items"][1]["note"] == "delivery" and page["items"][0]["actor"].startswith("user:")
    assert (
        client.get(
            f"{API}/stores/{world.store_a1}/inventory/{world.products_b[0]}/movements", headers=staff
        ).status_code
        == 404
    )


def test_inventory_scope_and_roles(client: TestClient, state: AppState, world: World) -> None:
    url = f"{API}/stores/{world.store_a1}/inventory"
    assert client.get(url, headers=user_headers(state, world, "staff_b1")).status_code == 404
    assert client.get(url, headers=user_headers(state, world, "support_a2")).status_code == 404
    support = user_headers(state, world, "support_a2")
    assert client.get(f"{API}/stores/{world.store_a2}/inventory", headers=support).status_code == 200
    item = {"product_id": world.products_a[0], "reason": "receipt", "delta": 1}
    assert adjust(client, world.store_a2, support, item).status_code == 403
    assert adjust(client, world.store_a1, device_headers(state, world.store_a1), item).status_code == 403
