"""Work done ahead so no tap waits for it: tile faces painted before the catalogue shows, cart rows made
once and reused for whichever product comes next, receipt lines made before the first sale — and the
screens still show and act on the right product."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk_app.assembly import Kiosk
from kiosk_app.controller import KioskState
from kiosk_app.screens.cart import SPARE_ROWS, CartScreen
from kiosk_app.screens.catalogue import CatalogueScreen
from kiosk_app.screens.done import SPARE_LINES, DoneScreen
from tests.kiosk_app.conftest import WAIT_MS

LEFT = Qt.MouseButton.LeftButton


def _screens(kiosk: Kiosk) -> tuple[CatalogueScreen, CartScreen, DoneScreen]:
    screens = kiosk.window.screens
    catalogue, cart, done = screens[KioskState.catalogue], screens[KioskState.cart], screens[KioskState.done]
    assert isinstance(catalogue, CatalogueScreen) and isinstance(cart, CartScreen)
    assert isinstance(done, DoneScreen)
    return catalogue, cart, done


def test_faces_rows_and_receipt_lines_are_made_before_the_first_customer(
    qtbot: QtBot, live_kiosk: Kiosk
) -> None:
    catalogue, cart, done = _screens(live_kiosk)
    qtbot.waitUntil(lambda: catalogue.grid.faces_ready, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(cart.rows) == SPARE_ROWS, timeout=WAIT_MS)
    assert len(done.line_rows) == SPARE_LINES
    assert not any(row.isVisibleTo(cart) for row in cart.rows)  # spares stay hidden until used
    qtbot.waitUntil(lambda: live_kiosk.runtime.camera.camera is not None, timeout=WAIT_MS)  # warmed up
    assert live_kiosk.runtime.camera.last_findings is None  # built and imported, but nothing captured


def test_tile_badge_shows_the_cart_count_over_the_painted_face(qtbot: QtBot, live_kiosk: Kiosk) -> None:
    controller = live_kiosk.controller
    catalogue, _cart, _done = _screens(live_kiosk)
    controller.begin_shopping()
    item = next(i for i in controller.catalogue.items if i.quantity > 2 and not i.age_restricted)
    tile = catalogue.grid.tiles[item.product_id]
    qtbot.waitUntil(tile.isVisible, timeout=WAIT_MS)
    badge_centre = QPoint(tile.width() - 2 - 14 - 76 + 32, 2 + 14 + 12 + 32)
    accent = QColor(tile.colours.accent)

    def badge_colour() -> QColor:
        return tile.grab().toImage().pixelColor(badge_centre)

    assert badge_colour() != accent
    qtbot.mouseClick(tile, LEFT)
    qtbot.mouseClick(tile, LEFT)
    assert tile.in_cart == 2 and tile.face_ready  # the count did not cost a new face
    colour = badge_colour()
    assert abs(colour.red() - accent.red()) + abs(colour.green() - accent.green()) < 40
    controller.remove(item.product_id)
    catalogue.prepare()
    assert tile.in_cart == 0 and badge_colour() != accent


def test_reused_cart_rows_act_on_the_product_they_show(qtbot: QtBot, live_kiosk: Kiosk) -> None:
    controller = live_kiosk.controller
    _catalogue, cart, _done = _screens(live_kiosk)
    qtbot.waitUntil(lambda: len(cart.rows) == SPARE_ROWS, timeout=WAIT_MS)
    rows_before = list(cart.rows)
    first, second, third = [i for i in controller.catalogue.items if i.quantity > 3][:3]
    controller.begin_shopping()
    controller.add_product(first.product_id)
    controller.add_product(second.product_id)
    controller.show_cart()
    assert controller.state == KioskState.cart
    top = cart.rows[0]
    assert top.isVisible() and top.product_id == first.product_id
    qtbot.mouseClick(top.plus, LEFT)
    assert controller.cart.quantity_of(first.product_id) == 2
    qtbot.mouseClick(top.remove, LEFT)  # the first product leaves; the second moves up into this row
    qtbot.waitUntil(lambda: top.product_id == second.product_id, timeout=WAIT_MS)
    assert controller.cart.quantity_of(first.product_id) == 0
    assert top.name.text() in (second.name_ko, second.name_en)
    assert not cart.rows[1].isVisible()
    qtbot.mouseClick(top.plus, LEFT)
    assert controller.cart.quantity_of(second.product_id) == 2
    qtbot.mouseClick(cart.more_button, LEFT)
    controller.add_product(third.product_id)
    controller.show_cart()
    assert [row.product_id for row in cart.rows[:2]] == [second.product_id, third.product_id]
    qtbot.mouseClick(cart.rows[1].minus, LEFT)  # one of the third: minus takes it out
    assert controller.cart.quantity_of(third.product_id) == 0
    assert controller.cart.quantity_of(second.product_id) == 2
    assert cart.rows == rows_before  # no row was made or thrown away
