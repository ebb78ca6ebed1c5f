"""Fixtures for the owner app: a real backend on a loopback port with the test world, a clean in-memory
keyring, UI preferences in a temporary file, and a window signed in as one of the world's users."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget
from pytestqt.qtbot import QtBot

from backend.app import create_app
from backend.state import AppState
from core.client.api import ApiClient
from core.keyring_memory import MemoryKeyring
from core.settings import ClientSettings
from owner_app.account import token_store
from owner_app.prefs import UiPrefs
from owner_app.ui.theme_state import ThemeState
from owner_app.window import OwnerWindow
from tests.backend.conftest import make_settings
from tests.backend.world import PASSWORD, World, build_world
from tests.support.live_backend import LiveBackend

WAIT_MS = 20_000


@dataclass
class Live:
    backend: LiveBackend
    state: AppState
    world: World

    @property
    def url(self) -> str:
        return self.backend.url

    def client(self, who: str) -> ApiClient:
        """A second, independent client (another person or device) signed in as `who`."""
        client = ApiClient(self.url)
        client.login(self.world.emails[who], PASSWORD)
        return client


@pytest.fixture(autouse=True)
def _clean_keyring() -> Iterator[None]:
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


@pytest.fixture(autouse=True)
def _no_unexpected_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal question nobody answers would hang the run: fail instead (tests that expect one patch it)."""

    def refuse(_parent: object, title: str, text: str, *_args: object) -> None:
        raise AssertionError(f"unexpected question {title!r}: {text}")

    monkeypatch.setattr(QMessageBox, "question", refuse)
    monkeypatch.setattr(QMessageBox, "warning", refuse)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'backend.db'}", tmp_path))
    state: AppState = app.state.autostore
    world = build_world(state.db)
    backend = LiveBackend(app)
    backend.start()
    yield Live(backend, state, world)
    backend.stop()
    state.db.dispose()


WindowFactory = Callable[..., OwnerWindow]


@pytest.fixture
def make_window(qtbot: QtBot, qapp: QApplication, tmp_path: Path, live: Live) -> Iterator[WindowFactory]:
    windows: list[OwnerWindow] = []

    def make(prefs_name: str = "prefs.ini") -> OwnerWindow:
        tokens, problem = token_store()
        window = OwnerWindow(
            ClientSettings(server_url=live.url, language="en"),
            UiPrefs(tmp_path / prefs_name),
            ThemeState("light"),
            tokens=tokens,
            keyring_problem=problem,
            settings_path=tmp_path / "client-settings.json",
        )
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.feed is not None:
            window.feed.stop()
        assert window.tasks.wait_idle(15)


def sign_in(qtbot: QtBot, window: OwnerWindow, live: Live, who: str = "owner_a") -> None:
    with qtbot.waitSignal(window.signed_in, timeout=WAIT_MS):
        window.sign_in(live.url, live.world.emails[who], PASSWORD)
    assert window.context is not None and window.shell is not None


@pytest.fixture
def owner_window(qtbot: QtBot, make_window: WindowFactory, live: Live) -> OwnerWindow:
    window = make_window()
    sign_in(qtbot, window, live)
    return window


def wait_idle(qtbot: QtBot, window: OwnerWindow) -> None:
    """Until every call the window started has come back (the GUI thread never blocks meanwhile)."""
    qtbot.waitUntil(lambda: window.context is not None and not window.context.busy, timeout=WAIT_MS)


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, f"no item at {row}, {column}"
    return item.text()
