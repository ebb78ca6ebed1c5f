"""A scripted customer for `autostore-kiosk --script` (the headless demo runs it offscreen).

If the kiosk is not activated yet, staff types the code from KIOSK_DEMO_CODE on the keypad and chooses the
staff PIN from KIOSK_DEMO_PIN. Then a customer walks up (the simulated distance sensor), taps two product
tiles (one of them twice), opens the cart, checks out, taps the simulated approving card and reads the
receipt on screen, which shows the backend's order number once the outbox has delivered the sale.

Every step prints one line starting with "KIOSK " on stdout; the last one is
`KIOSK order <uuid> number <order number> total <minor units>`, for the demo to look the order up.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk_app.controller import KioskState

if TYPE_CHECKING:
    from kiosk_app.assembly import Kiosk

Step = int | Callable[[], bool]


def say(text: str) -> None:
    print(f"KIOSK {text}", flush=True)


def _activate(kiosk: Kiosk) -> Generator[Step, None, None]:
    screen = kiosk.window.screens[KioskState.activation]
    code, pin = os.environ["KIOSK_DEMO_CODE"], os.environ.get("KIOSK_DEMO_PIN", "1234")
    for key in code:
        screen.code_pad.buttons[key].click()  # type: ignore[attr-defined]
    screen.submit_button.click()  # type: ignore[attr-defined]
    yield lambda: bool(screen.choosing_pin)  # type: ignore[attr-defined]
    for _ in range(2):  # choose the staff PIN, then confirm it
        for digit in pin:
            screen.pin_pad.buttons[digit].click()  # type: ignore[attr-defined]
        screen.submit_button.click()  # type: ignore[attr-defined]
        yield 50
    yield lambda: kiosk.controller.state == "attract"
    say(f"activated with code {code} for {kiosk.runtime.store_name}; staff PIN {pin}")


def run(kiosk: Kiosk) -> Generator[Step, None, None]:
    controller = kiosk.controller
    yield lambda: kiosk.runtime.ready
    if controller.state == "activation":
        yield from _activate(kiosk)
    yield lambda: kiosk.runtime.network.online is True
    kiosk.demo.run("approach")
    yield lambda: controller.state == "welcome"
    say("a customer approaches: welcome screen")
    controller.begin_shopping()
    grid = kiosk.window.screens[KioskState.catalogue].grid  # type: ignore[attr-defined]
    wanted = [i for i in controller.catalogue.items if i.quantity >= 2 and not i.age_restricted][:2]
    if len(wanted) < 2:
        raise RuntimeError("the kiosk's catalogue has fewer than two products in stock")
    for item, taps in zip(wanted, (1, 2), strict=True):
        tile = grid.tiles[item.product_id]
        yield tile.isVisible
        for _ in range(taps):
            QTest.mouseClick(tile, Qt.MouseButton.LeftButton)
        yield 100
        say(f"taps {item.name_en} x{taps}")
    controller.show_cart()
    say(f"cart: {controller.cart.count} items, total {controller.cart.total}")
    controller.checkout()
    yield lambda: controller.state == "payment"
    kiosk.demo.run("approve")
    say("taps the approving card")
    yield lambda: controller.state == "done"
    receipt = controller.payment.receipt
    assert receipt is not None
    yield lambda: receipt.order_number is not None  # the outbox delivered it
    yield 50  # let the receipt repaint with the number
    done = kiosk.window.screens[KioskState.done]
    total_text = done.pairs["total"][1].text()  # type: ignore[attr-defined]
    order_text = done.pairs["order"][1].text()  # type: ignore[attr-defined]
    say(f"receipt on screen: total {total_text}, approval {receipt.approval_code}, order {order_text}")
    say(f"order {receipt.order_id} number {receipt.order_number} total {receipt.total}")
    controller.finish()
    kiosk.demo.run("leave")
    yield lambda: controller.state == "attract"
