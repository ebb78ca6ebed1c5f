"""The customer side of the SIGKILL test: an `autostore-kiosk --script` file (see kiosk_app/script.py).

It activates the kiosk the first time (code and staff PIN from the environment), then buys in a loop:
start shopping, pick one or two products, check out, tap the approving simulated card, and once the
screen says "paid" append the order id to the paid log (fsync'd) — the customer's proof of purchase.
It prints one marker line per step to stdout, so the parent can kill it at a chosen moment:

    MARK ready | catalogue | checkout | phase:<payment phase> | paid | delivering

With SIGKILL_MODE=drain it buys nothing: it waits until the outbox is empty and exits.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

Step = Any


def mark(name: str) -> None:
    sys.stdout.write(f"MARK {name}\n")
    sys.stdout.flush()


def _append_paid(path: Path, order_id: str) -> None:
    with path.open("a", encoding="utf-8") as log:
        log.write(order_id + "\n")
        log.flush()
        os.fsync(log.fileno())


def _undelivered(data_dir: Path) -> int:
    with sqlite3.connect(f"file:{data_dir / 'kiosk.db'}?mode=ro", uri=True, timeout=1) as conn:
        (count,) = conn.execute("SELECT count(*) FROM outbox WHERE state != 'delivered'").fetchone()
    return int(count)


def _activate(kiosk: Any) -> Generator[Step, None, None]:
    screen = kiosk.window.screens["activation"]
    for key in os.environ["SIGKILL_CODE"]:
        screen.code_pad.buttons[key].click()
    screen.submit_button.click()
    yield lambda: screen.choosing_pin
    for _ in range(2):  # choose, then confirm
        for digit in os.environ["SIGKILL_PIN"]:
            screen.pin_pad.buttons[digit].click()
        screen.submit_button.click()
        yield 50
    yield lambda: kiosk.controller.state == "attract"


def _watch_deliveries(kiosk: Any) -> None:
    """Print a marker as each delivery starts (on the outbox thread), so the parent can kill mid-request."""
    api = kiosk.runtime.side.api
    submit = api.submit_order

    def submit_marked(order: Any) -> Any:
        mark("delivering")
        return submit(order)

    api.submit_order = submit_marked


def run(kiosk: Any) -> Generator[Step, None, None]:
    controller, runtime = kiosk.controller, kiosk.runtime
    yield lambda: runtime.ready
    if controller.state == "activation":
        yield from _activate(kiosk)
    _watch_deliveries(kiosk)
    if os.environ.get("SIGKILL_MODE") == "drain":
        data_dir = runtime.options.data_dir
        yield lambda: _undelivered(data_dir) == 0
        mark("drained")
        return
    controller.payment.phase_changed.connect(lambda phase: mark(f"phase:{phase}"))
    paid_log = Path(os.environ["SIGKILL_PAID_LOG"])
    mark("ready")
    while True:
        yield lambda: controller.state == "attract"
        controller.begin_shopping()
        mark("catalogue")
        for item in random.sample(controller.catalogue.items, k=random.randint(1, 2)):
            for _ in range(random.randint(1, 2)):
                controller.add_product(item.product_id)
        controller.show_cart()
        controller.checkout()
        mark("checkout")
        kiosk.demo.run("approve")
        yield lambda: controller.state == "done"
        receipt = controller.payment.receipt
        _append_paid(paid_log, receipt.order_id)
        mark("paid")
        controller.finish()
