"""The shell around the pages: read-only with a banner while the backend is down and back by itself, the
store switcher (guarded by unsaved edits), settings that stick, and the window state remembered."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from core.settings import load_client_settings
from owner_app.inventory.rows import Field
from owner_app.window import OwnerWindow
from tests.owner_app.conftest import WAIT_MS, Live, WindowFactory, sign_in, wait_idle
from tests.owner_app.test_inventory_save import edit, open_inventory


def test_outage_makes_the_app_read_only_and_it_recovers(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live
) -> None:
    shell, context = owner_window.shell, owner_window.context
    assert shell is not None and context is not None
    page = open_inventory(qtbot, owner_window)
    live.backend.stop()
    shell.refresh_page()  # any call that finds the server gone
    qtbot.waitUntil(lambda: not context.online, timeout=30_000)
    assert shell.banner.isVisible() and "cannot be reached" in shell.banner.text.text()
    assert "Offline" in shell.live.text()
    assert page.model.rowCount() == 3  # the last loaded data stays on screen
    assert page.editable_fields() == frozenset() and not page.toolbar.import_button.isEnabled()

    live.backend.start()  # same port: the server is back
    qtbot.waitUntil(lambda: context.online, timeout=30_000)  # no click needed
    assert not shell.banner.isVisible()
    assert Field.quantity in page.editable_fields()
    wait_idle(qtbot, owner_window)


def test_store_switch_reloads_and_asks_about_unsaved_edits(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live, monkeypatch: object
) -> None:
    shell, context = owner_window.shell, owner_window.context
    assert shell is not None and context is not None
    page = open_inventory(qtbot, owner_window)
    edit(page, "SKU-1", Field.quantity, 3)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: next(answers))  # type: ignore[attr-defined]
    shell._store_chosen(1)  # the person picks A Mapo, then says No to discarding
    assert context.store_id == live.world.store_a1 and shell.stores.currentIndex() == 0
    shell._store_chosen(1)  # ... and Yes
    assert context.store_id == live.world.store_a2
    wait_idle(qtbot, owner_window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3 and not page.model.pending, timeout=WAIT_MS)
    assert all(page.model.row_at(i).quantity == 20 for i in range(3))
    assert "A Mapo" in owner_window.windowTitle()


def test_settings_and_window_state_are_remembered(
    qtbot: QtBot, make_window: WindowFactory, live: Live, tmp_path: Path
) -> None:
    window = make_window("state.ini")
    sign_in(qtbot, window, live)
    assert window.shell is not None
    window.shell.show_page("sales")
    dialog = window.open_settings()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.low_stock.setChecked(False)
    dialog.accept()
    assert window.theme.mode == "dark"
    assert window.prefs.muted("low_stock") and not window.prefs.muted("alert")
    saved, _warnings = load_client_settings(tmp_path / "client-settings.json")
    assert saved.theme == "dark"
    window.showMaximized()
    window.close()

    again = make_window("state.ini")
    assert again.isMaximized()  # the geometry and state saved on close came back
    sign_in(qtbot, again, live)
    assert again.shell is not None and again.shell.current_page().key == "sales"  # back where they were
    wait_idle(qtbot, again)
