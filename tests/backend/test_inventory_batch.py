"""One request for stock and prices: both applied together, or (a conflict, an invalid line) neither; only
the owner changes prices; stores outside the caller's scope are missing; the usual events are emitted."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.db.models import Event, Inventory, Product, StockMovement, Store
from backend.state import AppState
from tests.backend.shop_helpers import device_headers, user_headers
from tests.backend.world import World

API = "/api/v1"


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite, and on PostgreSQL where one is configured."""
    return any_db_url


def batch(
    client: TestClient,
    store_id: int,
    headers: dict[str, str],
    adjustments: list[dict[str, Any]] | None = None,
    prices: list[dict[str, Any]] | None = None,
) -> Any:
    body = {"adjustments": adjustments or [], "prices": prices or []}
    return client.post(f"{API}/stores/{store_id}/inventory/batch", json=body, headers=headers)


def snapshot(state: AppState, world: World) -> dict[str, Any]:
    """Everything a batch may change, to compare before and after a refused one."""
    with state.db.read() as s:
        return {
            "stock": sorted(
                (i.store_id, i.product_id, i.quantity, i.reorder_level, i.shelf_location, i.version)
                for i in s.scalars(select(Inventory))
            ),
            "products": sorted((p.id, p.price, p.version) for p in s.scalars(select(Product))),
            "revs": sorted((st.id, st.catalogue_rev) for st in s.scalars(select(Store))),
            "events": len(list(s.scalars(select(Event)))),
            "movements": len(list(s.scalars(select(StockMovement)))),
        }


def test_stock_and_prices_are_applied_together(client: TestClient, state: AppState, world: World) -> None:
    owner = user_headers(state, world, "owner_a")
    water, cola, rice = world.products_a
    before = snapshot(state, world)
    resp = batch(
        client,
        world.store_a1,
        owner,
        adjustments=[
            {"product_id": water, "reason": "count", "quantity": 7, "expected_version": 1},
            {"product_id": cola, "reason": "adjustment", "reorder_level": 9, "shelf_location": "B-2"},
        ],
        prices=[{"product_id": rice, "price": 1650, "expected_version": 1}],
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    rows = {r["product_id"]: r for r in body["inventory"]}
    assert (rows[water]["quantity"], rows[water]["version"]) == (7, 2)
    assert (rows[cola]["reorder_level"], rows[cola]["shelf_location"]) == (9, "B-2")
    assert [(p["id"], p["price"], p["version"]) for p in body["products"]] == [(rice, 1650, 2)]

    after = snapshot(state, world)
    assert (world.store_a1, water, 7, 5, "", 2) in after["stock"]
    assert (rice, 1650, 2) in after["products"]
    revs_before, revs_after = dict(before["revs"]), dict(after["revs"])
    # Prices are brand-wide: every store of the brand gets a new catalogue; the other brand's does not.
    assert revs_after[world.store_a1] > revs_before[world.store_a1]
    assert revs_after[world.store_a2] > revs_before[world.store_a2]
    assert revs_after[world.store_b1] == revs_before[world.store_b1]
    assert after["movements"] == before["movements"] + 1  # the count is in the ledger


def test_events_are_those_of_the_separate_endpoints(
    client: TestClient, state: AppState, world: World
) -> None:
    owner = user_headers(state, world, "owner_a")
    water, _cola, rice = world.products_a
    generation = state.notifier.generation
    resp = batch(
        client,
        world.store_a1,
        owner,
        adjustments=[{"product_id": water, "reason": "count", "quantity": 3}],
        prices=[{"product_id": rice, "price": 1700, "expected_version": 1}],
    )
    assert resp.status_code == 200, resp.text
    with state.db.read() as s:
        events = {e.type: e for e in s.scalars(select(Event))}
    assert events["stock.changed"].store_id == world.store_a1
    assert events["stock.changed"].data["items"] == [{"product_id": water, "delta": -17, "quantity": 3}]
    assert events["stock.low"].data["product_id"] == water
    assert events["product.changed"].brand_id == world.brand_a
    assert events["product.changed"].data == {"product_ids": [rice]}
    assert state.notifier.generation > generation  # the streams were woken


def test_a_conflict_on_one_product_applies_nothing(client: TestClient, state: AppState, world: World) -> None:
    owner = user_headers(state, world, "owner_a")
    water, cola, rice = world.products_a
    before = snapshot(state, world)
    resp = batch(
        client,
        world.store_a1,
        owner,
        adjustments=[
            {"product_id": water, "reason": "count", "quantity": 7, "expected_version": 1},
            {"product_id": cola, "reason": "receipt", "delta": 4, "expected_version": 3},  # stale
        ],
        prices=[
            {"product_id": rice, "price": 1650, "expected_version": 1},
            {"product_id": water, "price": 1100, "expected_version": 1},
        ],
    )
    assert resp.status_code == 409, resp.text
    error = resp.json()["error"]
    assert error["code"] == "batch_conflict"
    assert [d["field"] for d in error["details"]] == ["adjustments.1.expected_version"]
    assert "Cola" in error["details"][0]["message"]
    assert snapshot(state, world) == before  # neither the valid count nor the prices were applied


def test_conflicts_in_both_parts_are_all_named(client: TestClient, state: AppState, world: World) -> None:
    owner = user_headers(state, world, "owner_a")
    water, cola, rice = world.products_a
    before = snapshot(state, world)
    resp = batch(
        client,
        world.store_a1,
        owner,
        adjustments=[{"product_id": cola, "reason": "receipt", "delta": 4, "expected_version": 5}],
        prices=[
            {"product_id": water, "price": 900, "expected_version": 1},
            {"product_id": rice, "price": 1650, "expected_version": 2},  # stale
        ],
    )
    assert resp.status_code == 409, resp.text
    details = resp.json()["error"]["details"]
    assert [d["field"] for d in details] == ["adjustments.0.expected_version", "prices.1.expected_version"]
    assert f"Product {rice}" in details[1]["message"]
    assert snapshot(state, world) == before


def test_an_invalid_line_applies_nothing(client: TestClient, state: AppState, world: World) -> None:
    owner = user_headers(state, world, "owner_a")
    water, _cola, rice = world.products_a
    before = snapshot(state, world)
    resp = batch(
        client,
        world.store_a1,
        owner,
        adjustments=[{"product_id": water, "reason": "adjustment", "delta": -21}],  # only 20 there
        prices=[
            {"product_id": rice, "price": 1650, "expected_version": 1},
            {"product_id": world.products_b[0], "price": 1, "expected_version": 1},  # another brand's
        ],
    )
    assert resp.status_code == 422, resp.text
    fields = [d["field"] for d in resp.json()["error"]["details"]]
    assert fields == ["adjustments.0.delta", "prices.1.product_id"]
    assert snapshot(state, world) == before


def test_staff_change_stock_but_not_prices(client: TestClient, state: AppState, world: World) -> None:
    staff = user_headers(state, world, "staff_a1")
    water, _cola, rice = world.products_a
    count = [{"product_id": water, "reason": "count", "quantity": 11}]
    before = snapshot(state, world)
    price = [{"product_id": rice, "price": 1, "expected_version": 1}]
    assert batch(client, world.store_a1, staff, adjustments=count, prices=price).status_code == 403
    assert snapshot(state, world) == before
    resp = batch(client, world.store_a1, staff, adjustments=count)
    assert resp.status_code == 200, resp.text
    assert [(r["product_id"], r["quantity"]) for r in resp.json()["inventory"]] == [(water, 11)]
    assert resp.json()["products"] == []


def test_roles_and_scope(client: TestClient, state: AppState, world: World) -> None:
    water = world.products_a[0]
    count = [{"product_id": water, "reason": "count", "quantity": 11}]
    before = snapshot(state, world)
    refused = {
        "support in its store": (user_headers(state, world, "support_a2"), world.store_a2, 403),
        "kiosk": (device_headers(state, world.store_a1, "kiosk"), world.store_a1, 403),
        "vision": (device_headers(state, world.store_a1, "vision"), world.store_a1, 403),
        "staff elsewhere": (user_headers(state, world, "staff_a1"), world.store_a2, 404),
        "support elsewhere": (user_headers(state, world, "support_a2"), world.store_a1, 404),
        "other brand's owner": (user_headers(state, world, "owner_b"), world.store_a1, 404),
        "missing store": (user_headers(state, world, "owner_a"), 999_999, 404),
    }
    for case, (headers, store_id, status) in refused.items():
        assert batch(client, store_id, headers, adjustments=count).status_code == status, case
    assert snapshot(state, world) == before


def test_an_empty_batch_changes_nothing(client: TestClient, state: AppState, world: World) -> None:
    owner = user_headers(state, world, "owner_a")
    before = snapshot(state, world)
    resp = batch(client, world.store_a1, owner)
    assert resp.status_code == 200, resp.text
    assert resp.json() == {"inventory": [], "products": []}
    assert snapshot(state, world) == before
