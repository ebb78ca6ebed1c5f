"""Every text of the owner app has a Korean translation, and the window really shows it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.qt.i18n import Translations
from resources import resource_path
from tests.owner_app.conftest import WindowFactory

ROOT = Path(__file__).resolve().parents[2]


def test_korean_catalogue_covers_every_source_text(tmp_path: Path) -> None:
    catalogue = tmp_path / "owner_ko.ts"
    shutil.copy(resource_path("translations", "owner_ko.ts"), catalogue)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "owner_app").rglob("*.py"))
    done = subprocess.run(
        [str(lupdate), *sources, "-ts", str(catalogue)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    text = catalogue.read_text(encoding="utf-8")
    unfinished = text.count('type="unfinished"')
    assert unfinished == 0, (
        f"{unfinished} text(s) lack a Korean translation; run pyside6-lupdate and translate"
    )
    assert resource_path("translations", "owner_ko.qm").stat().st_size > 1000


@pytest.fixture
def korean(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp, ("owner",))
    assert translations.set_language("ko")
    yield translations
    translations.set_language("en")


def test_window_speaks_korean(qtbot: QtBot, make_window: WindowFactory, korean: Translations) -> None:
    window = make_window()
    assert window.login_page.title.text() == "로그인"
    assert window.login_page.button.text() == "로그인"
    korean.set_language("en")  # switching back retranslates the open window at once
    qtbot.waitUntil(lambda: window.login_page.title.text() == "Sign in", timeout=5000)
