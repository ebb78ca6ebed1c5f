"""Screenshots of every owner-app page against a real backend with the demo data (backend.seed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.owner_app.screenshots [--out docs/screenshots]

Writes docs/screenshots/owner_<page>_<theme>_<lang>.png at 1440x900, plus the dialogs. Not a test: it is
how the pictures in the docs are made, so they always show the real app.
"""

from __future__ import annotations

import argparse
import functools
import os
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "core.keyring_memory.MemoryKeyring")

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select, update

from backend.app import create_app
from backend.db.models import Device, Inventory
from backend.seed import DEMO_EMAILS, seed_demo
from backend.services.alerts import create_alert
from backend.services.forecasts import run_forecasts
from backend.settings import BackendSettings
from core.client.api import ApiClient
from core.qt.i18n import Translations
from core.qt.theme import Mode
from core.schemas.alerts import AlertCreate, AlertSeverity, AlertType
from core.schemas.devices import ActivationCodeCreate
from core.schemas.orders import OrderCreate, OrderLineIn, OrderPaymentIn
from core.schemas.payments import AuthorizeRequest, CardData
from core.settings import ClientSettings
from core.timeutil import utcnow
from owner_app.inventory.columns import COLUMN_BY_FIELD
from owner_app.inventory.rows import Field
from owner_app.pages.devices import DevicesPage
from owner_app.pages.inventory import InventoryPage
from owner_app.pages.products import ProductsPage
from owner_app.prefs import UiPrefs
from owner_app.ui.theme_state import ThemeState
from owner_app.window import OwnerWindow
from tests.owner_app.screenshots_alerts import add_demo_alerts, pose_alerts
from tests.owner_app.screenshots_forecast import pose_forecast
from tests.support.live_backend import LiveBackend

PASSWORD = "demo1234"
SIZE = (1440, 900)


def wait(condition: Callable[[], bool], timeout: float = 20.0, settle_ms: int = 300) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    end = time.monotonic() + settle_ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def demo_backend(folder: Path) -> tuple[LiveBackend, int]:
    settings = BackendSettings(
        database_url=f"sqlite:///{folder / 'demo.db'}", secret_key="screenshots-" + "x" * 32, data_dir=folder
    )
    app = create_app(settings)
    state = app.state.autostore
    summary = seed_demo(state.db, PASSWORD, days=400)
    store_id = summary.store_ids[0]
    now = utcnow()
    with state.db.write() as s:
        kiosks = s.scalars(select(Device).where(Device.store_id == store_id)).all()
        kiosks[0].last_seen_at = now - timedelta(seconds=25)
        kiosks[0].app_version = "1.4.2"
        kiosks[1].last_seen_at = now - timedelta(hours=3)
        kiosks[1].app_version = "1.4.1"
        vision = Device(
            id=str(uuid.uuid4()), store_id=store_id, kind="vision", name="CCTV 서버", app_version="1.4.2"
        )
        vision.last_seen_at = now - timedelta(seconds=40)
        s.add(vision)
        low = s.scalars(select(Inventory.product_id).where(Inventory.store_id == store_id).limit(3)).all()
        s.execute(
            update(Inventory)
            .where(Inventory.store_id == store_id, Inventory.product_id.in_(low))
            .values(quantity=0)
        )
        s.commit()
        vision_id = vision.id
    run_forecasts(state.db, store_id=store_id)  # what the nightly job would have made, for the forecast page
    for minutes, kind, camera, severity in (
        (6, AlertType.theft, "entrance", AlertSeverity.high),
        (48, AlertType.loitering, "aisle-2", AlertSeverity.medium),
    ):
        body = AlertCreate(
            id=uuid.uuid4(),
            store_id=store_id,
            camera_id=camera,
            type=kind,
            score=0.91,
            severity=severity,
            started_at=now - timedelta(minutes=minutes),
        )
        create_alert(state.db, settings, body, device_id=vision_id, snapshot=None, clip=None)
    add_demo_alerts(state, settings, store_id, vision_id)  # with media, and the camera registry
    live = LiveBackend(app)
    live.start()
    sell_today(live.url, store_id)
    return live, store_id


def sell_today(url: str, store_id: int) -> None:
    """A morning's sales through a real kiosk client, so "today" on the dashboard is not empty."""
    owner = ApiClient(url)
    owner.login(DEMO_EMAILS["owner"], PASSWORD)
    code = owner.create_activation_code(store_id, ActivationCodeCreate(name="키오스크 3 (계산대)"))
    kiosk = ApiClient(url)
    kiosk.activate(code.code, device_name="키오스크 3 (계산대)", app_version="1.4.2")
    items = [(i.product_id, i.price) for i in kiosk.catalogue(store_id).items if i.quantity > 3][:12]
    card = CardData(masked_pan="411111******1111", expiry="12/39", scheme="visa")
    for n in range(9):
        lines = [
            OrderLineIn(product_id=p, quantity=1 + (n + k) % 2, unit_price=price)
            for k, (p, price) in enumerate(items[n % 5 : n % 5 + 2 + n % 3])
        ]
        total = sum(line.quantity * line.unit_price for line in lines)
        order_id = uuid.uuid4()
        payment = kiosk.authorize_payment(
            AuthorizeRequest(payment_id=uuid.uuid4(), order_id=order_id, amount=total, card=card)
        )
        kiosk.submit_order(
            OrderCreate(
                id=order_id,
                store_id=store_id,
                lines=lines,
                total=total,
                created_at=utcnow(),
                payment=OrderPaymentIn(payment_id=payment.payment_id, status=payment.status),
            )
        )


def signed_in(window: OwnerWindow) -> bool:
    return window.shell is not None


def idle(window: OwnerWindow) -> bool:
    """Every call the window made has come back."""
    return window.context is not None and not window.context.busy and window.tasks.pending == 0


def shoot(widget: QWidget, path: Path) -> None:
    widget.grab().save(str(path))
    print("wrote", path)


def extras(window: OwnerWindow, folder: Path, out: Path, suffix: str) -> None:
    """The inventory with edits, the import preview, kiosk registration, the product editor, offline."""
    shell, context = window.shell, window.context
    assert shell is not None and context is not None
    inventory = shell.show_page("inventory")
    assert isinstance(inventory, InventoryPage)
    wait(functools.partial(idle, window), 30)
    model = inventory.model
    for row, field, value in (
        (3, Field.quantity, 48),
        (3, Field.shelf_location, "B-07"),
        (5, Field.price, 2300),
    ):
        model.edit(model.row_at(row).product_id, field, value)
    inventory.table.setCurrentIndex(model.index(5, COLUMN_BY_FIELD[Field.price]))
    wait(lambda: True)
    shoot(window, out / f"owner_inventory_editing_{suffix}.png")
    csv_path = folder / "count.csv"
    skus = [model.row_at(i).sku for i in range(4)]
    csv_path.write_text(
        "sku,quantity,reorder_level,price\n"
        f'{skus[0]},24,6,\n{skus[1]},abc,,\nNOPE-1,3,,\n{skus[2]},,,"2,100"\n{skus[3]},-2,,\n',
        encoding="utf-8",
    )
    inventory.files.import_file(csv_path)
    wait(lambda: inventory.files.dialog is not None and inventory.files.dialog.isVisible())
    dialog = inventory.files.dialog
    assert dialog is not None
    dialog.resize(980, 420)
    wait(lambda: True)
    shoot(dialog, out / f"owner_import_preview_{suffix}.png")
    dialog.reject()
    model.discard_edits()
    devices = shell.show_page("devices")
    assert isinstance(devices, DevicesPage)
    wait(functools.partial(idle, window), 30)
    register = devices.register()
    register.name.setText("키오스크 3 (계산대)")
    register.create_code()
    wait(lambda: register.stack.currentIndex() == 1, 30)
    shoot(register, out / f"owner_register_kiosk_{suffix}.png")
    register.reject()
    products = shell.show_page("products")
    assert isinstance(products, ProductsPage)
    wait(functools.partial(idle, window), 30)
    editor = products.open_editor(products.model.product_at(0))
    wait(lambda: True, settle_ms=500)
    shoot(editor, out / f"owner_product_editor_{suffix}.png")
    editor.reject()
    shell.show_page("dashboard")
    wait(functools.partial(idle, window), 30)
    context.set_online(False)
    wait(lambda: True)
    shoot(window, out / f"owner_offline_{suffix}.png")
    context.set_online(True)
    wait(functools.partial(idle, window), 30)


def run(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    folder = Path(tempfile.mkdtemp(prefix="owner-shots-"))
    live, _store_id = demo_backend(folder)
    translations = Translations(app, ("owner",))
    try:
        runs: tuple[tuple[Mode, str], ...] = (("light", "ko"), ("dark", "en"))
        for mode, lang in runs:
            theme = ThemeState(mode)
            theme.apply(app, mode)
            translations.set_language(lang)
            prefs = UiPrefs(folder / f"prefs-{mode}.ini")
            window = OwnerWindow(
                ClientSettings(server_url=live.url, language=lang, theme=mode),
                prefs,
                theme,
                translations,
                settings_path=folder / "settings.json",
            )
            window.resize(*SIZE)
            window.show()
            wait(lambda: True)
            window.login_page.email.setText(DEMO_EMAILS["owner"])
            shoot(window, out / f"owner_login_{mode}_{lang}.png")
            window.sign_in(live.url, DEMO_EMAILS["owner"], PASSWORD)
            wait(functools.partial(signed_in, window), 30)
            shell, context = window.shell, window.context
            assert shell is not None and context is not None
            for key in shell.pages:
                shell.show_page(key)
                wait(functools.partial(idle, window), 30, settle_ms=600)
                if key == "forecast":
                    pose_forecast(shell.pages[key])
                if key == "alerts":
                    pose_alerts(shell.pages[key])
                shoot(window, out / f"owner_{key}_{mode}_{lang}.png")
            extras(window, folder, out, f"{mode}_{lang}")
            window.close()
            window.deleteLater()
            wait(lambda: True)
    finally:
        live.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    run(parser.parse_args().out)


if __name__ == "__main__":
    main()
