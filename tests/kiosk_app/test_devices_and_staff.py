"""Devices and staff on a live kiosk: the distance sensor wakes it and lets it sleep, the camera takes a
burst, demo hot keys drive the simulators, a card pulled mid-read is explained, and the staff PIN opens
maintenance, from where the kiosk can be re-activated."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk_app.assembly import Kiosk
from kiosk_app.checkout import Phase
from kiosk_app.controller import KioskState
from kiosk_app.screens.maintenance import MaintenanceScreen
from tests.kiosk_app.conftest import STAFF_PIN, WAIT_MS, KioskFactory, Live, activate

LEFT = Qt.MouseButton.LeftButton


def test_sensor_wakes_the_kiosk_and_the_camera_takes_a_burst(qtbot: QtBot, live_kiosk: Kiosk) -> None:
    kiosk, controller = live_kiosk, live_kiosk.controller
    sensor = kiosk.runtime.sensor.simulator
    assert sensor is not None
    sensor.set_distance(150)  # someone walking past, beyond the 80 cm threshold
    qtbot.wait(400)
    assert controller.state == KioskState.attract
    sensor.set_distance(60)
    qtbot.waitUntil(lambda: controller.state == KioskState.welcome, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: kiosk.runtime.camera.last_findings is not None, timeout=WAIT_MS)
    assert kiosk.runtime.camera.last_findings == {"frames": 2}
    sensor.leave()  # walked away without touching anything
    qtbot.waitUntil(lambda: controller.state == KioskState.attract, timeout=WAIT_MS)


def test_demo_hot_keys_drive_the_simulators(qtbot: QtBot, live: Live, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk(live.url, demo=True)
    activate(qtbot, kiosk, live)
    controller = kiosk.controller
    qtbot.keyClick(kiosk.window, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: controller.state == KioskState.welcome, timeout=WAIT_MS)
    controller.begin_shopping()
    controller.add_product(controller.catalogue.items[0].product_id)
    controller.show_cart()
    controller.checkout()
    qtbot.keyClick(kiosk.window, Qt.Key.Key_3)  # a card with insufficient funds
    qtbot.waitUntil(lambda: controller.payment.phase == Phase.declined, timeout=WAIT_MS)
    assert controller.payment.reason == "insufficient_funds"
    qtbot.keyClick(kiosk.window, Qt.Key.Key_N)  # the network drops
    qtbot.waitUntil(lambda: kiosk.runtime.network.offline, timeout=WAIT_MS)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_N)
    qtbot.waitUntil(lambda: kiosk.runtime.network.online is True, timeout=WAIT_MS)
    qtbot.keyClick(kiosk.window, Qt.Key.Key_1)  # an approving card: tapping a new card retries
    qtbot.waitUntil(lambda: controller.state == KioskState.done, timeout=WAIT_MS)
    assert kiosk.panel is not None


def test_a_card_pulled_mid_read_asks_to_tap_again(qtbot: QtBot, live_kiosk: Kiosk) -> None:
    kiosk, controller = live_kiosk, live_kiosk.controller
    controller.touch_attract()
    controller.begin_shopping()
    controller.add_product(controller.catalogue.items[0].product_id)
    controller.show_cart()
    controller.checkout()
    kiosk.demo.run("card_removed")
    qtbot.waitUntil(lambda: controller.payment.phase == Phase.reader_error, timeout=WAIT_MS)
    assert controller.payment.reason == "card_removed"
    kiosk.demo.run("member")  # a membership card cannot pay
    qtbot.waitUntil(lambda: controller.payment.reason == "not_payment_card", timeout=WAIT_MS)
    controller.cancel_payment()
    assert controller.state == KioskState.cart


def test_staff_pin_opens_maintenance_and_reactivation(qtbot: QtBot, live_kiosk: Kiosk, live: Live) -> None:
    kiosk, controller = live_kiosk, live_kiosk.controller
    overlay = kiosk.window.pin_overlay
    controller.touch_attract()
    qtbot.mouseClick(kiosk.window.header.staff_button, LEFT)
    assert overlay.isVisible() and overlay.purpose == "maintenance"
    for digit in STAFF_PIN:
        qtbot.mouseClick(overlay.keypad.buttons[digit], LEFT)
    qtbot.mouseClick(overlay.ok_button, LEFT)
    qtbot.waitUntil(lambda: controller.state == KioskState.maintenance, timeout=WAIT_MS)
    screen = kiosk.window.screens[KioskState.maintenance]
    assert isinstance(screen, MaintenanceScreen)
    assert screen.values["store"].text().startswith("A Gangnam")
    qtbot.mouseClick(screen.back_button, LEFT)
    assert controller.state == KioskState.welcome  # back where staff were called
    controller.request_pin("maintenance")
    controller.submit_pin("maintenance", STAFF_PIN)
    qtbot.waitUntil(lambda: controller.state == KioskState.maintenance, timeout=WAIT_MS)
    qtbot.mouseClick(screen.reactivate_button, LEFT)
    assert controller.state == KioskState.maintenance  # the first tap only asks to confirm
    qtbot.mouseClick(screen.reactivate_button, LEFT)
    assert controller.state == KioskState.activation
    qtbot.waitUntil(lambda: not kiosk.runtime.side.api.has_session(), timeout=WAIT_MS)  # type: ignore[union-attr]
    activate(qtbot, kiosk, live)
    assert kiosk.runtime.live and len(controller.catalogue.items) == 3
