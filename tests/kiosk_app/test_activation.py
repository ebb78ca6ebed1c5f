"""Activation on the keypad with codes issued by a real backend: success, and every way a code fails."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import update

from backend.db.models import ActivationCode
from core.client.api import ApiClient
from core.timeutil import utcnow
from core.tokens import TokenStore
from kiosk_app.assembly import Kiosk
from kiosk_app.controller import KioskState
from kiosk_app.options import KEYRING_SERVICE
from kiosk_app.screens.activation import ActivationScreen
from tests.kiosk_app.conftest import (
    STAFF_PIN,
    WAIT_MS,
    KioskFactory,
    Live,
    activate,
    issue,
    start_live,
    type_code,
)


def _screen(kiosk: Kiosk) -> ActivationScreen:
    screen = kiosk.window.screens[KioskState.activation]
    assert isinstance(screen, ActivationScreen)
    return screen


def _message_after(qtbot: QtBot, kiosk: Kiosk, code: str) -> str:
    screen = _screen(kiosk)
    type_code(qtbot, screen, code)
    qtbot.waitUntil(lambda: not screen.busy, timeout=WAIT_MS)
    return screen.message.text()


def test_activation_fills_the_local_store_and_goes_live(
    qtbot: QtBot, live: Live, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(live.url)
    assert kiosk.controller.state == KioskState.activation
    assert _screen(kiosk).title.text() == "이 키오스크 활성화"  # Korean by default
    activate(qtbot, kiosk, live)
    runtime = kiosk.runtime
    assert runtime.store_name == "A Gangnam"
    assert kiosk.window.header.store_name.text() == "A Gangnam"
    assert sorted(item.name_en for item in kiosk.controller.catalogue.items) == ["Cola", "Rice ball", "Water"]
    assert runtime.side is not None and runtime.side.pins.verify(STAFF_PIN).ok
    assert TokenStore(KEYRING_SERVICE, "device").refresh_token  # in the keyring, not in a file
    qtbot.waitUntil(lambda: runtime.network.online is True, timeout=WAIT_MS)


def test_wrong_expired_and_used_codes_are_explained(
    qtbot: QtBot, live: Live, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk(live.url)
    kiosk.controller.set_language("en")
    assert "not correct" in _message_after(qtbot, kiosk, "ABCD2345")
    assert "Attempts left: 4" in _screen(kiosk).message.text()

    expired = issue(live)
    with live.state.db.write() as s:
        s.execute(update(ActivationCode).values(expires_at=utcnow() - timedelta(minutes=1)))
        s.commit()
    assert "expired" in _message_after(qtbot, kiosk, expired)

    used = issue(live)
    ApiClient(live.url).activate(used)  # another kiosk took it first
    assert "already been used" in _message_after(qtbot, kiosk, used)
    assert kiosk.controller.state == KioskState.activation


def test_repeated_wrong_codes_lock_activation(qtbot: QtBot, tmp_path: Path, make_kiosk: KioskFactory) -> None:
    live = start_live(tmp_path / "locking", activation_max_failures=2)
    try:
        kiosk = make_kiosk(live.url)
        kiosk.controller.set_language("en")
        assert "Attempts left: 1" in _message_after(qtbot, kiosk, "ABCD2345")
        message = _message_after(qtbot, kiosk, "ABCD2346")
        assert "Too many wrong codes" in message and "15 min" in message
        assert "Too many wrong codes" in _message_after(qtbot, kiosk, issue(live))  # even a good one waits
        kiosk.controller.set_language("ko")
        qtbot.waitUntil(lambda: "활성화" in _screen(kiosk).message.text(), timeout=WAIT_MS)
    finally:
        live.backend.stop()
        live.state.db.dispose()


def test_unreachable_server_is_said_plainly(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk("http://127.0.0.1:9")
    kiosk.controller.set_language("en")
    assert "cannot be reached" in _message_after(qtbot, kiosk, "ABCD2345")
