"""Fixtures for the kiosk: a real backend on a loopback port with the test world, and kiosks built the
way `autostore-kiosk` builds them (same assembly), with simulated devices and short timings."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from backend.app import create_app
from backend.state import AppState
from core.keyring_memory import MemoryKeyring
from core.qt.i18n import Translations
from core.qt.theme import ThemePalette, apply_theme
from kiosk_app.assembly import Kiosk, build_kiosk
from kiosk_app.controller import KioskState
from kiosk_app.options import KioskOptions, Timings
from kiosk_app.screens.activation import ActivationScreen
from tests.backend.auth_helpers import issue_code
from tests.backend.conftest import make_settings
from tests.backend.world import World, build_world
from tests.support.live_backend import LiveBackend

STAFF_PIN = "2468"
WAIT_MS = 15_000
_LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def _clean_keyring() -> Iterator[None]:
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


@dataclass
class Live:
    backend: LiveBackend
    state: AppState
    world: World

    @property
    def url(self) -> str:
        return self.backend.url


def start_live(tmp_path: Path, **overrides: object) -> Live:
    tmp_path.mkdir(parents=True, exist_ok=True)
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'backend.db'}", tmp_path, **overrides))
    state: AppState = app.state.autostore
    world = build_world(state.db)
    backend = LiveBackend(app)
    backend.start()
    return Live(backend=backend, state=state, world=world)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    started = start_live(tmp_path / "backend")
    yield started
    started.backend.stop()
    started.state.db.dispose()


@pytest.fixture(scope="session")
def colours(qapp: QApplication) -> ThemePalette:
    return apply_theme(qapp, "kiosk")


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[Translations]:
    t = Translations(qapp, ("kiosk",))
    yield t
    t.set_language("en")


def fast_timings(**overrides: object) -> Timings:
    values: dict[str, object] = {
        "welcome_leave_ms": 300,
        "heartbeat_ms": 500,
        "heartbeat_offline_ms": 300,
        "sync_interval_s": 0.3,
        "sync_base_delay_s": 0.1,
        "sync_max_delay_s": 0.5,
        "sse_keepalive_s": 2.0,
        "camera_burst_frames": 2,
        "camera_burst_interval_s": 0.02,
        **overrides,
    }
    return Timings(**values)  # type: ignore[arg-type]


KioskFactory = Callable[..., Kiosk]


@pytest.fixture
def make_kiosk(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path, translations: Translations, colours: ThemePalette
) -> Iterator[KioskFactory]:
    built: list[Kiosk] = []

    def make(
        server_url: str = "http://127.0.0.1:9", timings: Timings | None = None, **options: object
    ) -> Kiosk:
        kiosk_options = KioskOptions(
            data_dir=tmp_path / f"kiosk{len(built)}",
            server_url=server_url,
            timings=timings or fast_timings(),
            **options,  # type: ignore[arg-type]
        )
        kiosk = build_kiosk(qapp, kiosk_options, translations, colours)
        built.append(kiosk)
        kiosk.window.resize(1080, 1920)
        kiosk.start()
        kiosk.window.show()
        qtbot.waitUntil(lambda: kiosk.runtime.ready, timeout=WAIT_MS)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.close()


def issue(live: Live) -> str:
    client = TestClient(live.backend.app)
    return issue_code(client, live.world.headers(client, "owner_a"), live.world.store_a1)


def type_code(qtbot: QtBot, screen: ActivationScreen, code: str) -> None:
    for key in code:
        qtbot.mouseClick(screen.code_pad.buttons[key], _LEFT)
    qtbot.mouseClick(screen.submit_button, _LEFT)


def type_pin(qtbot: QtBot, screen: ActivationScreen, pin: str) -> None:
    for digit in pin:
        qtbot.mouseClick(screen.pin_pad.buttons[digit], _LEFT)
    qtbot.mouseClick(screen.submit_button, _LEFT)


def activate(qtbot: QtBot, kiosk: Kiosk, live: Live) -> None:
    """Activate through the keypad as the owner would, and choose the staff PIN."""
    qtbot.waitUntil(lambda: kiosk.controller.state == KioskState.activation, timeout=WAIT_MS)
    screen = kiosk.window.screens[KioskState.activation]
    assert isinstance(screen, ActivationScreen)
    type_code(qtbot, screen, issue(live))
    qtbot.waitUntil(lambda: screen.choosing_pin, timeout=WAIT_MS)
    type_pin(qtbot, screen, STAFF_PIN)
    type_pin(qtbot, screen, STAFF_PIN)
    qtbot.waitUntil(lambda: kiosk.controller.state == KioskState.attract, timeout=WAIT_MS)


@pytest.fixture
def live_kiosk(qtbot: QtBot, live: Live, make_kiosk: KioskFactory) -> Kiosk:
    kiosk = make_kiosk(live.url)
    activate(qtbot, kiosk, live)
    qtbot.waitUntil(lambda: kiosk.runtime.network.online is True, timeout=WAIT_MS)
    return kiosk
