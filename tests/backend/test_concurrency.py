"""Races through a real server on SQLite and PostgreSQL: the last units are sold exactly once, and racing
replays of one order make one sale."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import func, select, update

from backend.app import create_app
from backend.db.models import Inventory, Order, StockMovement
from backend.state import AppState
from tests.backend.conftest import make_settings
from tests.backend.shop_helpers import device_headers, order_body
from tests.backend.world import World, build_world
from tests.support.live_backend import LiveBackend, live_backend

THREADS = 20


@dataclass
class LiveShop:
    state: AppState
    world: World
    server: LiveBackend
    kiosk: dict[str, str]

    def race(self, bodies: list[dict[str, Any]]) -> list[requests.Response]:
        """Post every body at once, one thread each, released together by a barrier."""
        barrier = threading.Barrier(len(bodies))

        def post(body: dict[str, Any]) -> requests.Response:
            barrier.wait(timeout=30)
            return requests.post(
                f"{self.server.url}/api/v1/orders", json=body, headers=self.kiosk, timeout=60
            )

        with ThreadPoolExecutor(len(bodies)) as pool:
            return list(pool.map(post, bodies))

    def scalar(self, statement: Any) -> Any:
        with self.state.db.read() as s:
            return s.scalar(statement)


@pytest.fixture
def shop(any_db_url: str, tmp_path: Path) -> Iterator[LiveShop]:
    app = create_app(make_settings(any_db_url, tmp_path))
    state: AppState = app.state.autostore
    world = build_world(state.db)
    with live_backend(app) as server:
        yield LiveShop(state, world, server, device_headers(state, world.store_a1))
    state.db.dispose()


def test_twenty_buyers_for_the_last_three_units(shop: LiveShop) -> None:
    store, water = shop.world.store_a1, shop.world.products_a[0]
    with shop.state.db.write() as s:
        s.execute(
            update(Inventory)
            .where(Inventory.store_id == store, Inventory.product_id == water)
            .values(quantity=3)
        )
        s.commit()
    responses = shop.race([order_body(store, [(water, 1, 1000)]) for _ in range(THREADS)])
    codes = sorted(r.status_code for r in responses)
    assert codes == [201] * 3 + [409] * (THREADS - 3), [r.text for r in responses if r.status_code >= 500]
    assert {r.json()["error"]["code"] for r in responses if r.status_code == 409} == {"out_of_stock"}
    stock = select(Inventory.quantity).where(Inventory.store_id == store, Inventory.product_id == water)
    assert shop.scalar(stock) == 0
    assert shop.scalar(select(func.count()).select_from(Order)) == 3
    assert shop.scalar(select(func.min(StockMovement.quantity_after))) == 0
    numbers = sorted(r.json()["number"] for r in responses if r.status_code == 201)
    assert numbers == ["000001", "000002", "000003"]


def test_racing_replays_make_one_sale(shop: LiveShop) -> None:
    store, (water, cola, _rice) = shop.world.store_a1, shop.world.products_a
    body = order_body(store, [(water, 2, 1000), (cola, 1, 1800)], order_id=uuid.uuid4())
    responses = shop.race([body] * 10)
    assert sorted(r.status_code for r in responses) == [200] * 9 + [201]
    assert len({r.text for r in responses}) == 1
    stock = select(Inventory.quantity).where(Inventory.store_id == store, Inventory.product_id == water)
    assert shop.scalar(stock) == 18
    assert shop.scalar(select(func.count()).select_from(StockMovement)) == 2
