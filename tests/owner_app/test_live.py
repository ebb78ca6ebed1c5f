"""Kiosk registration end to end (the code shown large and as a QR code, then used by a real kiosk client)
and live events reaching the dashboard and the desktop notifications over the SSE stream."""

from __future__ import annotations

import re
import uuid

import pytest
from pytestqt.qtbot import QtBot

from core.client.api import ApiClient
from core.client.errors import ApiError
from core.schemas.devices import ActivationCodeCreate
from core.schemas.orders import OrderCreate, OrderLineIn, OrderPaymentIn
from core.schemas.payments import AuthorizeRequest, CardData, PaymentStatus
from core.timeutil import utcnow
from owner_app.notifications import Notice
from owner_app.pages.dashboard import DashboardPage
from owner_app.pages.devices import DevicesPage
from owner_app.window import OwnerWindow
from tests.owner_app.conftest import WAIT_MS, Live, cell, wait_idle

pytestmark = pytest.mark.slow


def kiosk_for(live: Live, name: str = "Till 9") -> ApiClient:
    """A real kiosk client, activated with a code the owner issued through the API."""
    code = live.client("owner_a").create_activation_code(live.world.store_a1, ActivationCodeCreate(name=name))
    kiosk = ApiClient(live.url)
    kiosk.activate(code.code, device_name=name, app_version="2.0.0")
    return kiosk


def sell(kiosk: ApiClient, live: Live, product_id: int, quantity: int, unit_price: int) -> None:
    order_id, total = uuid.uuid4(), quantity * unit_price
    card = CardData(masked_pan="411111******1111", expiry="12/39", scheme="visa")
    payment = kiosk.authorize_payment(
        AuthorizeRequest(payment_id=uuid.uuid4(), order_id=order_id, amount=total, card=card)
    )
    assert payment.status == PaymentStatus.approved
    line = OrderLineIn(product_id=product_id, quantity=quantity, unit_price=unit_price)
    kiosk.submit_order(
        OrderCreate(
            id=order_id,
            store_id=live.world.store_a1,
            lines=[line],
            total=total,
            created_at=utcnow(),
            payment=OrderPaymentIn(payment_id=payment.payment_id, status=PaymentStatus.approved),
        )
    )


def test_register_a_kiosk_with_the_code_shown(qtbot: QtBot, owner_window: OwnerWindow, live: Live) -> None:
    assert owner_window.shell is not None
    page = owner_window.shell.show_page("devices")
    assert isinstance(page, DevicesPage)
    wait_idle(qtbot, owner_window)
    dialog = page.register()
    dialog.name.setText("Till 3")
    dialog.create_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1, timeout=WAIT_MS)
    shown = dialog.code_label.text()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", shown)  # two groups, easy to read off a screen
    assert dialog.code is not None and shown.replace("-", "") == dialog.code.code
    assert dialog.qr.pixmap() is not None and not dialog.qr.pixmap().isNull()
    assert re.fullmatch(r"Expires in [0-9]+:[0-5][0-9]", dialog.countdown.text())
    assert dialog.status.text() == "Waiting for the kiosk to use this code…"

    kiosk = ApiClient(live.url)
    bundle = kiosk.activate(shown, device_name="Till 3", app_version="2.0.0")  # typed as shown, hyphen too
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Activated"), timeout=WAIT_MS)  # via SSE
    assert dialog.status.property("tone") == "ok"
    qtbot.waitUntil(lambda: any(d.id == bundle.device_id for d in page.devices), timeout=WAIT_MS)
    with pytest.raises(ApiError):
        ApiClient(live.url, max_retries=0).activate(shown)  # one time only

    dialog.accept()
    row = next(i for i, d in enumerate(page.devices) if d.id == bundle.device_id)
    page.table.selectRow(row)
    assert page.revoke_button.isEnabled()
    page.revoke(bundle.device_id)
    qtbot.waitUntil(
        lambda: any(d.id == bundle.device_id and d.revoked_at for d in page.devices), timeout=WAIT_MS
    )


def test_a_sale_reaches_the_dashboard_live(qtbot: QtBot, owner_window: OwnerWindow, live: Live) -> None:
    assert owner_window.shell is not None and owner_window.feed is not None and owner_window.notifier
    page = owner_window.shell.current_page()
    assert isinstance(page, DashboardPage)
    wait_idle(qtbot, owner_window)
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT_MS)
    assert page.orders_tile.value.text() == "0"
    kiosk = kiosk_for(live)
    qtbot.waitUntil(lambda: owner_window.feed is not None and owner_window.feed.received > 0, timeout=WAIT_MS)
    assert "Live" in owner_window.shell.live.text()
    notices: list[Notice] = []
    owner_window.notifier.shown.connect(notices.append)

    water = live.world.products_a[0]  # 20 on the shelf, reorder at 5: selling 16 makes it low
    sell(kiosk, live, water, 16, 1000)

    qtbot.waitUntil(lambda: page.orders_tile.value.text() == "1", timeout=WAIT_MS)
    assert page.sales_tile.value.text() == "₩16,000"
    qtbot.waitUntil(lambda: page.low_table.rowCount() == 1, timeout=WAIT_MS)
    assert cell(page.low_table, 0, 0) == "Water" and cell(page.low_table, 0, 1) == "4"
    qtbot.waitUntil(lambda: any(n.kind == "low_stock" for n in notices), timeout=WAIT_MS)
    assert notices[-1].title == "Low stock: Water"

    # Muted in settings: the next low-stock event shows nothing.
    assert owner_window.context is not None
    owner_window.context.prefs.set_muted("low_stock", True)
    cola = live.world.products_a[1]
    sell(kiosk, live, cola, 16, 1800)
    qtbot.waitUntil(lambda: page.orders_tile.value.text() == "2", timeout=WAIT_MS)
    qtbot.wait(300)
    assert [n for n in notices if n.kind == "low_stock"] == notices[:1]
