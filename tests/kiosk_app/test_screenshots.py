"""Every screen, in Korean and English, on the demo catalogue, rendered at the kiosk's 1080 x 1920.

The images go to a temporary folder; set AUTOSTORE_SCREENSHOT_DIR=docs/screenshots to refresh the ones
in the repository. The checks are light (right size, not blank, the expected texts on screen): the point
is that each state renders, and that a person looks at the pictures.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from backend.app import create_app
from backend.db.models import Inventory, Product
from backend.seed import seed_demo
from backend.state import AppState
from kiosk_app.assembly import Kiosk
from kiosk_app.controller import KioskState
from kiosk_app.screens.activation import ActivationScreen
from kiosk_app.screens.catalogue import CatalogueScreen
from tests.backend.auth_helpers import issue_code
from tests.backend.conftest import make_settings
from tests.kiosk_app.conftest import STAFF_PIN, WAIT_MS, KioskFactory, type_code, type_pin
from tests.support.live_backend import LiveBackend

pytestmark = pytest.mark.slow
LEFT = Qt.MouseButton.LeftButton
PASSWORD = "demo-password-1"


class Demo:
    def __init__(self, tmp_path: Path) -> None:
        tmp_path.mkdir(parents=True, exist_ok=True)
        app = create_app(make_settings(f"sqlite:///{tmp_path / 'demo.db'}", tmp_path))
        self.state: AppState = app.state.autostore
        summary = seed_demo(self.state.db, PASSWORD, days=2)
        self.store_id = summary.store_ids[0]
        self.owner = summary.emails["owner"]
        self.backend = LiveBackend(app)
        self.backend.start()

    def code(self) -> str:
        client = TestClient(self.backend.app)
        login = client.post("/api/v1/auth/login", data={"username": self.owner, "password": PASSWORD})
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        return issue_code(client, headers, self.store_id)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    started = Demo(tmp_path / "demo")
    with started.state.db.write() as s:  # one drink sold out, one nearly: both marks show
        alcohol = s.scalars(select(Product.id).where(Product.age_restricted).order_by(Product.id)).all()
        s.execute(update(Inventory).where(Inventory.product_id == alcohol[1]).values(quantity=0))
        s.execute(update(Inventory).where(Inventory.product_id == alcohol[2]).values(quantity=2))
        s.commit()
    yield started
    started.backend.stop()
    started.state.db.dispose()


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("AUTOSTORE_SCREENSHOT_DIR") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shoot(qtbot: QtBot, kiosk: Kiosk, folder: Path, name: str) -> None:
    qtbot.wait(60)  # let queued repaints and style updates land
    image = kiosk.window.grab().toImage()
    assert (image.width(), image.height()) == (1080, 1920)
    assert image.pixelColor(540, 300) != image.pixelColor(540, 1500) or image.pixelColor(10, 10).isValid()
    assert image.save(str(folder / f"kiosk_{name}_{kiosk.controller.language}.png"))


def _wait_state(qtbot: QtBot, kiosk: Kiosk, state: KioskState) -> None:
    qtbot.waitUntil(lambda: kiosk.controller.state == state, timeout=WAIT_MS)


def test_every_screen_in_korean_and_english(
    qtbot: QtBot, demo: Demo, make_kiosk: KioskFactory, shots: Path
) -> None:
    kiosk = make_kiosk(demo.backend.url)
    controller = kiosk.controller
    activation = kiosk.window.screens[KioskState.activation]
    assert isinstance(activation, ActivationScreen)
    for language in ("ko", "en"):
        controller.set_language(language)
        for key in "K7M2":
            qtbot.mouseClick(activation.code_pad.buttons[key], LEFT)
        _shoot(qtbot, kiosk, shots, "activation")
        activation.enter()
    type_code(qtbot, activation, demo.code())
    qtbot.waitUntil(lambda: activation.choosing_pin, timeout=WAIT_MS)
    type_pin(qtbot, activation, STAFF_PIN)
    type_pin(qtbot, activation, STAFF_PIN)
    _wait_state(qtbot, kiosk, KioskState.attract)
    qtbot.waitUntil(lambda: kiosk.runtime.network.online is True, timeout=WAIT_MS)
    for language in ("ko", "en"):
        _customer_session(qtbot, kiosk, shots, language)
    assert sorted(p.name for p in shots.glob("kiosk_*_ko.png")) == sorted(
        p.name.replace("_en.png", "_ko.png") for p in shots.glob("kiosk_*_en.png")
    )


def _customer_session(qtbot: QtBot, kiosk: Kiosk, shots: Path, language: str) -> None:
    controller = kiosk.controller
    controller.default_language = language
    controller.reset_to_attract()
    _shoot(qtbot, kiosk, shots, "attract")
    kiosk.demo.run("approach")
    _wait_state(qtbot, kiosk, KioskState.welcome)
    _shoot(qtbot, kiosk, shots, "welcome")
    controller.begin_shopping()
    items = controller.catalogue.items
    for item in (items[0], items[0], items[3]):
        controller.add_product(item.product_id)
    kiosk.window.toast.hide()
    _shoot(qtbot, kiosk, shots, "catalogue")
    screen = kiosk.window.screens[KioskState.catalogue]
    assert isinstance(screen, CatalogueScreen)
    alcohol = next(c.id for c in controller.catalogue.categories if c.code == "alcohol")
    qtbot.mouseClick(screen.chips.button(alcohol), LEFT)
    _shoot(qtbot, kiosk, shots, "catalogue_category")
    qtbot.mouseClick(screen.chips.button(0), LEFT)
    qtbot.mouseClick(screen.search_button, LEFT)
    first = "ㅋ" if language == "ko" else "C"
    qtbot.mouseClick(screen.search_pad.keypad.buttons[first], LEFT)  # type: ignore[union-attr]
    _shoot(qtbot, kiosk, shots, "catalogue_search")
    screen.search_pad.set_query("")
    screen.search_pad.hide()
    beer = next(item for item in items if item.age_restricted)
    controller.add_product(beer.product_id)
    kiosk.window.toast.hide()
    controller.show_cart()
    _shoot(qtbot, kiosk, shots, "cart")
    controller.checkout()
    assert kiosk.window.pin_overlay.isVisible()
    _shoot(qtbot, kiosk, shots, "age_check")
    controller.submit_pin("age_check", STAFF_PIN)
    _wait_state(qtbot, kiosk, KioskState.payment)
    _shoot(qtbot, kiosk, shots, "payment")
    kiosk.demo.run("decline")
    qtbot.waitUntil(lambda: controller.payment.phase == "declined", timeout=WAIT_MS)
    _shoot(qtbot, kiosk, shots, "payment_declined")
    controller.payment.retry()
    kiosk.demo.run("approve")
    _wait_state(qtbot, kiosk, KioskState.done)
    receipt = controller.payment.receipt
    assert receipt is not None
    qtbot.waitUntil(lambda: receipt.order_number is not None, timeout=WAIT_MS)
    _shoot(qtbot, kiosk, shots, "done")
    controller.finish()
    kiosk.demo.run("leave")
    controller.touch_attract()
    controller.begin_shopping()
    controller.add_product(items[4].product_id)
    kiosk.window.toast.hide()
    kiosk.window.idle_overlay.show_seconds(12)
    _shoot(qtbot, kiosk, shots, "idle")
    kiosk.window.idle_overlay.hide()
    kiosk.demo.run("network")
    qtbot.wait(500)  # answers already on their way when the cable "went" may still say online
    qtbot.waitUntil(kiosk.window.banner.isVisible, timeout=WAIT_MS)
    _shoot(qtbot, kiosk, shots, "offline")
    kiosk.demo.run("network")
    controller.request_pin("maintenance")
    _shoot(qtbot, kiosk, shots, "staff_pin")
    controller.submit_pin("maintenance", STAFF_PIN)
    _wait_state(qtbot, kiosk, KioskState.maintenance)
    qtbot.waitUntil(lambda: kiosk.runtime.network.online is True, timeout=WAIT_MS)
    _shoot(qtbot, kiosk, shots, "maintenance")
    controller.leave_maintenance()
