"""Orders: idempotent creation, price and stock checks, payments, offline sales, refunds and scope."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from backend.db.models import Event, Inventory, Order, StockMovement, StoreDailySales
from backend.state import AppState
from core.timeutil import utcnow
from tests.backend.shop_helpers import authorize_body, card, device_headers, order_body, user_headers
from tests.backend.world import World

API = "/api/v1"


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite, and on PostgreSQL where one is configured."""
    return any_db_url


def quantity(state: AppState, store_id: int, product_id: int) -> int:
    with state.db.read() as s:
        row = s.get(Inventory, (store_id, product_id))
        return row.quantity if row else 0


def count(state: AppState, model: Any, *where: Any) -> int:
    with state.db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def paid_order(
    client: TestClient, kiosk: dict[str, str], store_id: int, lines: list[tuple[int, int, int]]
) -> Any:
    order_id = uuid.uuid4()
    pay = authorize_body(sum(q * u for _p, q, u in lines), order_id=order_id)
    assert client.post(f"{API}/payments/authorize", json=pay, headers=kiosk).json()["status"] == "approved"
    body = order_body(
        store_id, lines, order_id=order_id, payment={"payment_id": pay["payment_id"], "status": "approved"}
    )
    return client.post(f"{API}/orders", json=body, headers=kiosk)


def test_paid_order_and_idempotent_replay(client: TestClient, state: AppState, world: World) -> None:
    kiosk = device_headers(state, world.store_a1)
    water, cola, _rice = world.products_a
    first = paid_order(client, kiosk, world.store_a1, [(water, 2, 1000), (cola, 1, 1800)])
    assert first.status_code == 201, first.text
    order = first.json()
    assert (order["status"], order["total"], order["vat"], order["number"]) == ("paid", 3800, 345, "000001")
    assert order["payment"]["status"] == "approved" and order["payment"]["order_id"] == order["id"]

    replay_body = order_body(
        world.store_a1,
        [(water, 2, 1000), (cola, 1, 1800)],
        order_id=uuid.UUID(order["id"]),
        payment={"payment_id": order["payment"]["payment_id"], "status": "approved"},
    )
    replay = client.post(f"{API}/orders", json=replay_body, headers=kiosk)
    assert replay.status_code == 200 and replay.json() == order
    assert client.get(f"{API}/orders/{order['id']}", headers=kiosk).json() == order
    assert quantity(state, world.store_a1, water) == 18 and quantity(state, world.store_a1, cola) == 19
    assert count(state, StockMovement, StockMovement.order_id == uuid.UUID(order["id"])) == 2
    assert count(state, Event, Event.type == "order.created") == 1
    with state.db.read() as s:
        day = s.scalars(select(StoreDailySales)).one()
    assert (day.orders, day.items, day.revenue) == (1, 3, 3800)
    second = paid_order(client, kiosk, world.store_a1, [(water, 1, 1000)])
    assert second.json()["number"] == "000002"


def test_price_changed_online_but_offline_sale_kept(
    client: TestClient, state: AppState, world: World
) -> None:
    kiosk = device_headers(state, world.store_a1)
    water = world.products_a[0]
    stale = client.post(f"{API}/orders", json=order_body(world.store_a1, [(water, 1, 900)]), headers=kiosk)
    assert stale.status_code == 409
    error = stale.json()["error"]
    assert error["code"] == "price_changed" and error["details"][0]["field"] == "lines.0.unit_price"
    assert "1000" in error["details"][0]["message"]
    assert quantity(state, world.store_a1, water) == 20
    offline = client.post(
        f"{API}/orders", json=order_body(world.store_a1, [(water, 1, 900)], offline=True), headers=kiosk
    )
    assert offline.status_code == 201 and offline.json()["total"] == 900
    assert quantity(state, world.store_a1, water) == 19


def test_out_of_stock_names_product_and_changes_nothing(
    client: TestClient, state: AppState, world: World
) -> None:
    kiosk = device_headers(state, world.store_a1)
    water, cola, _rice = world.products_a
    resp = client.post(
        f"{API}/orders", json=order_body(world.store_a1, [(water, 1, 1000), (cola, 21, 1800)]), headers=kiosk
    )
    assert resp.status_code == 409
    error = resp.json()["error"]
    assert error["code"] == "out_of_stock" and "Cola" in error["message"]
    assert error["details"] == [
        {"field": "lines.1.quantity", "message": f"Only 20 of Cola (product {cola}) left."}
    ]
    assert quantity(state, world.store_a1, water) == 20 and count(state, Order) == 0


def test_offline_sale_may_go_negative(client: TestClient, state: AppState, world: World) -> None:
    kiosk = device_headers(state, world.store_a1)
    rice = world.products_a[2]
    resp = client.post(
        f"{API}/orders", json=order_body(world.store_a1, [(rice, 22, 1500)], offline=True), headers=kiosk
    )
    assert resp.status_code == 201 and resp.json()["status"] == "pending_payment"
    assert quantity(state, world.store_a1, rice) == -2
    with state.db.read() as s:
        movement = s.scalars(select(StockMovement).where(StockMovement.product_id == rice)).one()
    assert (movement.reason, movement.delta, movement.quantity_after) == ("sale", -22, -2)


def test_offline_card_is_authorised_on_receipt(client: TestClient, state: AppState, world: World) -> None:
    kiosk = device_headers(state, world.store_a1)
    water = world.products_a[0]
    for last4, status, pay_status in (("1111", "paid", "approved"), ("0002", "payment_failed", "declined")):
        body = order_body(
            world.store_a1,
            [(water, 1, 1000)],
            offline=True,
            payment={"payment_id": str(uuid.uuid4()), "status": "pending", "card": card(last4)},
        )
        resp = client.post(f"{API}/orders", json=body, headers=kiosk)
        assert resp.status_code == 201, resp.text
        assert (resp.json()["status"], resp.json()["payment"]["status"]) == (status, pay_status)
        assert client.post(f"{API}/orders", json=body, headers=kiosk).json() == resp.json()
    assert quantity(state, world.store_a1, water) == 18  # the goods left either way
    online_pending = order_body(
        world.store_a1,
        [(water, 1, 1000)],
        payment={"payment_id": str(uuid.uuid4()), "status": "pending", "card": card()},
    )
    assert client.post(f"{API}/orders", json=online_pending, headers=kiosk).status_code == 422


def test_payment_must_match_store_total_and_order(client: TestClient, state: AppState, world: World) -> None:
    kiosk = device_headers(state, world.store_a1)
    water = world.products_a[0]
    order_id = uuid.uuid4()
    pay = authorize_body(1000, order_id=order_id)
    client.post(f"{API}/payments/authorize", json=pay, headers=kiosk)
    link = {"payment_id": pay["payment_id"], "status": "approved"}
    wrong_total = order_body(world.store_a1, [(water, 2, 1000)], order_id=order_id, payment=link)
    assert (
        client.post(f"{API}/orders", json=wrong_total, headers=kiosk).json()["error"]["code"]
        == "payment_invalid"
    )
    other_order = order_body(world.store_a1, [(water, 1, 1000)], payment=link)
    assert client.post(f"{API}/orders", json=other_order, headers=kiosk).status_code == 422
    declined = authorize_body(1000, last4="0002")
    client.post(f"{API}/payments/authorize", json=declined, headers=kiosk)
    body = order_body(
        world.store_a1,
        [(water, 1, 1000)],
        order_id=uuid.UUID(declined["order_id"]),
        payment={"payment_id": declined["payment_id"], "status": "approved"},
    )
    assert client.post(f"{API}/orders", json=body, headers=kiosk).status_code == 422
    assert quantity(state, world.store_a1, water) == 20
    bad_total = order_body(world.store_a1, [(water, 1, 1000)]) | {"total": 999}
    assert (
        client.post(f"{API}/orders", json=bad_total, headers=kiosk).json()["error"]["code"]
        == "total_mismatch"
    )


def test_refunds_partial_then_full(client: TestClient, state: AppState, world: World) -> None:
    kiosk = device_headers(state, world.store_a1)
    water, cola, _rice = world.products_a
    order = paid_order(client, kiosk, world.store_a1, [(water, 3, 1000), (cola, 1, 1800)]).json()
    url = f"{API}/orders/{order['id']}/refund"
    staff = user_headers(state, world, "staff_a1")
    assert client.post(url, json={}, headers=kiosk).status_code == 403
    assert client.post(url, json={}, headers=user_headers(state, world, "staff_b1")).status_code == 404
    too_many = client.post(url, json={"lines": [{"product_id": water, "quantity": 4}]}, headers=staff)
    assert too_many.status_code == 422
    partial = client.post(
        url, json={"lines": [{"product_id": water, "quantity": 1}], "reason": "dented"}, headers=staff
    )
    assert partial.status_code == 200, partial.text
    assert (
        partial.json()["status"] == "partially_refunded" and partial.json()["payment"]["status"] == "approved"
    )
    assert quantity(state, world.store_a1, water) == 18
    full = client.post(url, json={}, headers=staff).json()
    assert full["status"] == "refunded" and full["payment"]["status"] == "refunded"
    assert [line["refunded_quantity"] for line in full["lines"]] == [3, 1]
    assert quantity(state, world.store_a1, water) == 20 and quantity(state, world.store_a1, cola) == 20
    assert count(state, StockMovement, StockMovement.reason == "refund") == 3
    assert count(state, Event, Event.type == "order.refunded") == 2
    assert client.post(url, json={}, headers=staff).json()["error"]["code"] == "not_refundable"
    with state.db.read() as s:
        day = s.scalars(select(StoreDailySales)).one()
    assert (day.orders, day.items, day.revenue) == (0, 0, 0)


def test_scope_of_orders(client: TestClient, state: AppState, world: World) -> None:
    water_a, water_b = world.products_a[0], world.products_b[0]
    kiosk_a1 = device_headers(state, world.store_a1)
    assert (
        client.post(
            f"{API}/orders", json=order_body(world.store_a2, [(water_a, 1, 1000)]), headers=kiosk_a1
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{API}/orders", json=order_body(world.store_a1, [(water_b, 1, 1000)]), headers=kiosk_a1
        ).status_code
        == 422
    )
    support = user_headers(state, world, "support_a2")
    assert (
        client.post(
            f"{API}/orders", json=order_body(world.store_a2, [(water_a, 1, 1000)]), headers=support
        ).status_code
        == 403
    )
    order = client.post(
        f"{API}/orders", json=order_body(world.store_a1, [(water_a, 1, 1000)]), headers=kiosk_a1
    ).json()
    assert (
        client.get(f"{API}/orders/{order['id']}", headers=user_headers(state, world, "staff_b1")).status_code
        == 404
    )
    assert client.get(f"{API}/orders/{order['id']}", headers=support).status_code == 404
    assert (
        client.get(
            f"{API}/stores/{world.store_a1}/orders", headers=user_headers(state, world, "staff_b1")
        ).status_code
        == 404
    )


def test_store_order_listing_by_date(client: TestClient, state: AppState, world: World) -> None:
    kiosk = device_headers(state, world.store_a1)
    water = world.products_a[0]
    for days_ago in (3, 1, 0):
        body = order_body(world.store_a1, [(water, 1, 1000)])
        body["created_at"] = (utcnow() - timedelta(days=days_ago)).isoformat()
        assert client.post(f"{API}/orders", json=body, headers=kiosk).status_code == 201
    owner = user_headers(state, world, "owner_a")
    url = f"{API}/stores/{world.store_a1}/orders"
    everything = client.get(url, headers=owner).json()
    assert everything["total"] == 3 and [o["number"] for o in everything["items"]] == [
        "000003",
        "000002",
        "000001",
    ]
    since = (utcnow() - timedelta(days=2)).isoformat()
    recent = client.get(url, params={"since": since, "limit": 1}, headers=owner).json()
    assert recent["total"] == 2 and [o["number"] for o in recent["items"]] == ["000003"]
    assert client.get(url, params={"until": since}, headers=owner).json()["total"] == 1


def test_a_charged_card_sale_is_recorded_even_if_price_or_stock_moved(
    client: TestClient, state: AppState, world: World
) -> None:
    """The kiosk charges the card, then records the sale: a price changed or a shelf counted empty in the
    meantime cannot undo a sale the customer paid for and walked out with."""
    kiosk = device_headers(state, world.store_a1)
    water, cola, _rice = world.products_a
    stale_price = paid_order(client, kiosk, world.store_a1, [(water, 1, 900)])
    assert stale_price.status_code == 201, stale_price.text
    assert stale_price.json()["total"] == 900 and stale_price.json()["status"] == "paid"
    short = paid_order(client, kiosk, world.store_a1, [(cola, 21, 1800)])
    assert short.status_code == 201, short.text
    assert quantity(state, world.store_a1, cola) == -1  # for a count to correct; never a lost sale
