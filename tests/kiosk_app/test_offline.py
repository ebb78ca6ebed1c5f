"""Offline first: with the backend down the kiosk sells within the offline floor limit, says so, and the
outbox delivers the sale exactly once when the backend is back. Above the limit a card is declined."""

from __future__ import annotations

from fastapi.testclient import TestClient
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from backend.db.models import Order
from core.schemas.devices import KioskConfig
from kiosk_app.assembly import Kiosk
from kiosk_app.checkout import Phase
from kiosk_app.controller import KioskState
from tests.kiosk_app.conftest import WAIT_MS, Live


def _set_floor_limit(qtbot: QtBot, kiosk: Kiosk, live: Live, limit: int) -> None:
    """The owner changes the kiosk's remote config; it arrives over the event stream."""
    client = TestClient(live.backend.app)
    side = kiosk.runtime.side
    assert side is not None and side.device_id
    config = KioskConfig(offline_floor_limit=limit).model_dump(mode="json")
    response = client.put(
        f"/api/v1/devices/{side.device_id}/config",
        json={"config": config},
        headers=live.world.headers(client, "owner_a"),
    )
    assert response.status_code == 200, response.text
    qtbot.waitUntil(lambda: kiosk.runtime.config.offline_floor_limit == limit, timeout=WAIT_MS)


def _pay_for_first_product(qtbot: QtBot, kiosk: Kiosk, index: int = 0) -> None:
    controller = kiosk.controller
    kiosk.demo.run("approach")
    qtbot.waitUntil(lambda: controller.state == KioskState.welcome, timeout=WAIT_MS)
    controller.begin_shopping()
    controller.add_product(controller.catalogue.items[index].product_id)
    controller.show_cart()
    controller.checkout()
    kiosk.demo.run("approve")


def _orders(live: Live) -> list[Order]:
    with live.state.db.read() as s:
        return list(s.scalars(select(Order)))


def test_offline_sale_is_kept_and_synced_once_when_back(qtbot: QtBot, live_kiosk: Kiosk, live: Live) -> None:
    kiosk, controller, network = live_kiosk, live_kiosk.controller, live_kiosk.runtime.network
    _set_floor_limit(qtbot, kiosk, live, 5000)
    live.backend.stop()
    _pay_for_first_product(qtbot, kiosk)
    qtbot.waitUntil(lambda: controller.state == KioskState.done, timeout=WAIT_MS)
    receipt = controller.payment.receipt
    assert receipt is not None and receipt.offline and receipt.approval_code is None
    assert network.offline and network.pending == 1
    banner = kiosk.window.banner
    qtbot.waitUntil(banner.isVisible, timeout=WAIT_MS)
    assert "1" in banner.text.text()
    assert _orders(live) == []

    live.backend.start()
    qtbot.waitUntil(lambda: network.pending == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: receipt.order_number is not None, timeout=WAIT_MS)
    (order,) = _orders(live)
    assert str(order.id) == receipt.order_id and order.offline
    assert order.status == "paid"  # the stored card was authorised on delivery
    qtbot.waitUntil(lambda: network.online is True and not banner.isVisible(), timeout=WAIT_MS)
    kiosk.runtime.sync_now()  # another pass must not send it again
    qtbot.wait(500)
    assert len(_orders(live)) == 1


def test_offline_card_above_the_floor_limit_is_declined(qtbot: QtBot, live_kiosk: Kiosk, live: Live) -> None:
    kiosk, controller = live_kiosk, live_kiosk.controller
    _set_floor_limit(qtbot, kiosk, live, 500)  # every product costs more
    kiosk.demo.run("network")  # the demo's network drop: the same NetworkError as a pulled cable
    _pay_for_first_product(qtbot, kiosk)
    qtbot.waitUntil(lambda: controller.payment.phase == Phase.declined, timeout=WAIT_MS)
    assert controller.payment.reason == "offline"
    assert kiosk.runtime.network.pending == 0
    controller.cancel_payment()
    assert controller.state == KioskState.cart and not controller.cart.is_empty
    kiosk.demo.run("network")
    qtbot.waitUntil(lambda: kiosk.runtime.network.online is True, timeout=WAIT_MS)
