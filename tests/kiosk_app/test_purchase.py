"""A full purchase against a real backend: approach, pick, pay with the simulated card, receipt, order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from backend.db.models import Order, Payment
from kiosk_app.assembly import Kiosk
from kiosk_app.checkout import Phase
from kiosk_app.controller import KioskState
from kiosk_app.screens.catalogue import CatalogueScreen
from kiosk_app.screens.done import DoneScreen
from tests.kiosk_app.conftest import WAIT_MS, Live

LEFT = Qt.MouseButton.LeftButton


def _orders(live: Live) -> list[Order]:
    with live.state.db.read() as s:
        return list(s.scalars(select(Order)))


def _shop(qtbot: QtBot, kiosk: Kiosk, product_index: int = 0, taps: int = 1) -> int:
    """From attract: a customer approaches, starts, taps a tile; returns the product id."""
    controller = kiosk.controller
    kiosk.demo.run("approach")
    qtbot.waitUntil(lambda: controller.state == KioskState.welcome, timeout=WAIT_MS)
    controller.begin_shopping()
    screen = kiosk.window.screens[KioskState.catalogue]
    assert isinstance(screen, CatalogueScreen)
    product_id = controller.catalogue.items[product_index].product_id
    tile = screen.grid.tiles[product_id]
    qtbot.waitUntil(tile.isVisible, timeout=WAIT_MS)
    for _ in range(taps):
        qtbot.mouseClick(tile, LEFT)
    return product_id


def test_full_purchase_reaches_the_backend(qtbot: QtBot, live_kiosk: Kiosk, live: Live) -> None:
    kiosk, controller = live_kiosk, live_kiosk.controller
    product_id = _shop(qtbot, kiosk, taps=2)
    assert controller.cart.quantity_of(product_id) == 2
    controller.show_cart()
    controller.checkout()
    assert controller.state == KioskState.payment
    kiosk.demo.run("approve")
    qtbot.waitUntil(lambda: controller.state == KioskState.done, timeout=WAIT_MS)
    receipt = controller.payment.receipt
    assert receipt is not None and receipt.approval_code and not receipt.offline
    assert receipt.total == 2 * controller.catalogue.item(product_id).price  # type: ignore[union-attr]
    assert receipt.vat == round(receipt.total / 11)
    qtbot.waitUntil(lambda: receipt.order_number is not None, timeout=WAIT_MS)
    done = kiosk.window.screens[KioskState.done]
    assert isinstance(done, DoneScreen)
    (order,) = _orders(live)
    assert str(order.id) == receipt.order_id and order.number == receipt.order_number
    assert order.status == "paid" and order.total == receipt.total
    qtbot.waitUntil(lambda: kiosk.runtime.network.pending == 0, timeout=WAIT_MS)
    controller.finish()
    assert controller.state == KioskState.attract and controller.cart.is_empty


def test_decline_then_retry_with_an_approving_card(qtbot: QtBot, live_kiosk: Kiosk, live: Live) -> None:
    kiosk, controller = live_kiosk, live_kiosk.controller
    _shop(qtbot, kiosk)
    controller.show_cart()
    controller.checkout()
    kiosk.demo.run("decline")
    qtbot.waitUntil(lambda: controller.payment.phase == Phase.declined, timeout=WAIT_MS)
    assert controller.payment.reason == "do_not_honor"
    assert controller.state == KioskState.payment
    screen = kiosk.window.screens[KioskState.payment]
    qtbot.mouseClick(screen.retry_button, LEFT)  # type: ignore[attr-defined]
    assert controller.payment.phase == Phase.waiting
    kiosk.demo.run("approve")
    qtbot.waitUntil(lambda: controller.state == KioskState.done, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: kiosk.runtime.network.pending == 0, timeout=WAIT_MS)
    (order,) = _orders(live)
    with live.state.db.read() as s:
        statuses = sorted(s.scalars(select(Payment.status)))
        linked = s.scalar(select(func.count()).select_from(Payment).where(Payment.order_id == order.id))
    assert statuses == ["approved", "declined"]  # two cards, two payment ids, one order
    assert linked == 2
