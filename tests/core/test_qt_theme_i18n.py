"""core.qt.theme and core.qt.i18n: every sheet fills in every mode; translations load or fall back."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from core.qt import i18n
from core.qt.i18n import Translations
from core.qt.theme import PALETTES, apply_theme, load_stylesheet
from resources import resource_path, resources_dir


@pytest.mark.parametrize("sheet", ["kiosk", "owner"])
@pytest.mark.parametrize("mode", sorted(PALETTES))
def test_every_sheet_fills_every_placeholder(sheet: str, mode: str) -> None:
    css = load_stylesheet(sheet, mode)  # type: ignore[arg-type]
    assert "${" not in css and "$" not in css
    assert PALETTES[mode].accent in css


def test_missing_palette_value_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "base.qss").write_text("QWidget { color: ${text}; }")
    (tmp_path / "themes" / "broken.qss").write_text("QLabel { color: ${no_such_colour}; }")
    monkeypatch.setattr("core.qt.theme.resource_path", lambda *p: tmp_path.joinpath(*p))
    with pytest.raises(ValueError, match="no_such_colour"):
        load_stylesheet("broken")


def test_apply_theme_sets_palette_and_font(qapp: QApplication) -> None:
    old_sheet = qapp.styleSheet()
    try:
        colours = apply_theme(qapp, "owner", "dark")
        assert qapp.palette().window().color().name() == colours.window
        assert colours.font_family in qapp.styleSheet()
    finally:
        qapp.setStyleSheet(old_sheet)


CATALOGUE_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>DemoWindow</name>
    <message>
        <source>Welcome</source>
        <translation>어서 오세요</translation>
    </message>
</context>
</TS>
"""


@pytest.fixture
def demo_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real .qm, compiled from a one-message .ts with PySide6's own lrelease, under a fake resources dir."""
    translations = tmp_path / "translations"
    translations.mkdir()
    (translations / "demo_ko.ts").write_text(CATALOGUE_TS, encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed")
    subprocess.run(
        [str(lrelease), str(translations / "demo_ko.ts"), "-qm", str(translations / "demo_ko.qm")],
        check=True,
        capture_output=True,
    )
    monkeypatch.setattr("core.qt.i18n.resource_path", lambda *parts: tmp_path.joinpath(*parts))
    return translations / "demo_ko.qm"


def test_korean_catalogue_translates_and_switches_back(qapp: QApplication, demo_catalogue: Path) -> None:
    translations = Translations(qapp, ("demo",))
    try:
        assert translations.set_language("ko")
        assert QCoreApplication.translate("DemoWindow", "Welcome") == "어서 오세요"
        translations.set_language("en")
        assert QCoreApplication.translate("DemoWindow", "Welcome") == "Welcome"
    finally:
        translations.set_language("en")


def test_shipped_catalogues_load(qapp: QApplication) -> None:
    for path in sorted(resources_dir().joinpath("translations").glob("*_ko.qm")):
        translator = QTranslator()
        assert translator.load(str(path)), f"{path.name} is not a valid Qt translation file"
        assert not translator.isEmpty(), f"{path.name} holds no translations"


def test_missing_catalogue_falls_back_and_logs_once(
    qapp: QApplication, caplog: pytest.LogCaptureFixture
) -> None:
    translations = Translations(qapp, ("no_such_app",))
    with caplog.at_level(logging.WARNING, logger=i18n.__name__):
        assert translations.set_language("ko") is False
        assert translations.set_language("ko") is False
    try:
        assert QCoreApplication.translate("DemoWindow", "Welcome") == "Welcome"
        assert len([r for r in caplog.records if "no_such_app_ko.qm" in r.getMessage()]) == 1
    finally:
        translations.set_language("en")


def test_unknown_language_is_refused(qapp: QApplication) -> None:
    with pytest.raises(ValueError):
        Translations(qapp, ("kiosk",)).set_language("fr")


def test_resources_dir_follows_a_pyinstaller_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resource_path("themes", "base.qss").is_file()
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys._MEIPASS", str(tmp_path), raising=False)
    assert resources_dir() == tmp_path / "resources"
