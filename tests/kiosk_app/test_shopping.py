"""Shopping rules on a live kiosk: barcode scans, sold-out tiles, the staff PIN for 19+ products, live
catalogue changes over the event stream, and the idle reset with its countdown."""

from __future__ import annotations

from fastapi.testclient import TestClient
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from backend.db.models import Inventory, Product
from kiosk_app.assembly import Kiosk
from kiosk_app.cart import AddOutcome
from kiosk_app.controller import KioskState
from kiosk_app.screens.catalogue import CatalogueScreen
from tests.kiosk_app.conftest import STAFF_PIN, WAIT_MS, KioskFactory, Live, activate, fast_timings

LEFT = Qt.MouseButton.LeftButton


def _catalogue_screen(kiosk: Kiosk) -> CatalogueScreen:
    screen = kiosk.window.screens[KioskState.catalogue]
    assert isinstance(screen, CatalogueScreen)
    return screen


def _start(qtbot: QtBot, kiosk: Kiosk) -> None:
    qtbot.mouseClick(kiosk.window.screens[KioskState.attract], LEFT)  # a touch wakes it too
    qtbot.waitUntil(lambda: kiosk.controller.state == KioskState.welcome, timeout=WAIT_MS)
    kiosk.controller.begin_shopping()


def test_a_barcode_scan_anywhere_adds_the_product(qtbot: QtBot, live_kiosk: Kiosk, live: Live) -> None:
    kiosk, controller = live_kiosk, live_kiosk.controller
    water = controller.catalogue.item(live.world.products_a[0])
    assert water is not None and water.barcode
    assert controller.state == KioskState.attract
    qtbot.keyClicks(kiosk.window, water.barcode)  # the scanner types fast and ends with Enter
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.cart.quantity_of(water.product_id) == 1, timeout=WAIT_MS)
    assert controller.state == KioskState.catalogue
    qtbot.keyClicks(kiosk.window, "0000000000")
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
    assert controller.cart.count == 1
    assert kiosk.window.toast.isVisible() and "0000000000" in kiosk.window.toast.text()


def test_sold_out_tile_is_marked_and_cannot_be_sold(
    qtbot: QtBot, live: Live, make_kiosk: KioskFactory
) -> None:
    water_id = live.world.products_a[0]
    with live.state.db.write() as s:
        s.execute(
            update(Inventory)
            .where(Inventory.store_id == live.world.store_a1, Inventory.product_id == water_id)
            .values(quantity=0)
        )
        s.commit()
    kiosk = make_kiosk(live.url)
    activate(qtbot, kiosk, live)
    _start(qtbot, kiosk)
    tile = _catalogue_screen(kiosk).grid.tiles[water_id]
    assert tile.sold_out and not tile.isEnabled()
    qtbot.mouseClick(tile, LEFT)
    water = kiosk.controller.catalogue.item(water_id)
    assert water is not None and water.barcode
    assert kiosk.controller.scan(water.barcode) == AddOutcome.sold_out
    assert kiosk.controller.cart.is_empty


def test_age_restricted_products_need_the_staff_pin(
    qtbot: QtBot, live: Live, make_kiosk: KioskFactory
) -> None:
    cola_id = live.world.products_a[1]
    with live.state.db.write() as s:
        s.execute(update(Product).where(Product.id == cola_id).values(age_restricted=True))
        s.commit()
    kiosk = make_kiosk(live.url)
    activate(qtbot, kiosk, live)
    controller, overlay = kiosk.controller, kiosk.window.pin_overlay
    _start(qtbot, kiosk)
    controller.add_product(cola_id)
    controller.show_cart()
    controller.checkout()
    assert controller.state == KioskState.cart and overlay.isVisible() and overlay.purpose == "age_check"
    for digit in "1111":
        qtbot.mouseClick(overlay.keypad.buttons[digit], LEFT)
    qtbot.mouseClick(overlay.ok_button, LEFT)
    qtbot.waitUntil(lambda: "4" in overlay.message.text(), timeout=WAIT_MS)  # attempts left
    assert controller.state == KioskState.cart and not controller.cart.age_verified
    for digit in STAFF_PIN:
        qtbot.mouseClick(overlay.keypad.buttons[digit], LEFT)
    qtbot.mouseClick(overlay.ok_button, LEFT)
    qtbot.waitUntil(lambda: controller.state == KioskState.payment, timeout=WAIT_MS)
    assert controller.cart.age_verified and not overlay.isVisible()


def test_price_and_stock_changes_apply_live(qtbot: QtBot, live_kiosk: Kiosk, live: Live) -> None:
    kiosk, controller = live_kiosk, live_kiosk.controller
    water_id, cola_id = live.world.products_a[0], live.world.products_a[1]
    _start(qtbot, kiosk)
    controller.add_product(water_id)
    client = TestClient(live.backend.app)
    owner = live.world.headers(client, "owner_a")
    version = controller.catalogue.item(water_id).version  # type: ignore[union-attr]
    response = client.patch(
        f"/api/v1/products/{water_id}", json={"version": version, "price": 1200}, headers=owner
    )
    assert response.status_code == 200, response.text
    response = client.post(
        f"/api/v1/stores/{live.world.store_a1}/inventory/adjustments",
        json={"adjustments": [{"product_id": cola_id, "reason": "count", "quantity": 0}]},
        headers=owner,
    )
    assert response.status_code == 200, response.text
    tiles = _catalogue_screen(kiosk).grid.tiles
    qtbot.waitUntil(lambda: tiles[cola_id].sold_out, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tiles[water_id].item.price == 1200, timeout=WAIT_MS)
    assert controller.cart.total == 1200  # the cart follows the new price before payment


def test_idle_timeout_counts_down_then_clears_the_cart(
    qtbot: QtBot, live: Live, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(live.url, timings=fast_timings(idle_timeout_ms=400, countdown_ms=2000))
    activate(qtbot, kiosk, live)
    controller, overlay = kiosk.controller, kiosk.window.idle_overlay
    _start(qtbot, kiosk)
    controller.set_language("en")
    controller.add_product(live.world.products_a[0])
    qtbot.waitUntil(overlay.isVisible, timeout=WAIT_MS)
    assert overlay.seconds.text() == "2"
    qtbot.mouseClick(overlay.resume_button, LEFT)  # "I'm still here"
    assert not overlay.isVisible() and controller.state == KioskState.catalogue
    qtbot.waitUntil(overlay.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: controller.state == KioskState.attract, timeout=WAIT_MS)
    assert controller.cart.is_empty and not overlay.isVisible()
    assert controller.language == "ko"  # the next customer starts in the default language
