"""The theme in force, for code that draws in palette colours (icons, charts) and must redraw on a switch."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from core.qt.theme import LIGHT, Mode, ThemePalette, apply_theme, palette_for


class ThemeState(QObject):
    changed = Signal(object)  # ThemePalette

    def __init__(self, mode: Mode = "light", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode: Mode = mode
        self.palette: ThemePalette = palette_for(mode) if mode else LIGHT

    def apply(self, app: QApplication, mode: Mode) -> ThemePalette:
        """Style the application in `mode` and tell everyone who draws by hand."""
        self.mode = mode
        self.palette = apply_theme(app, "owner", mode)
        self.changed.emit(self.palette)
        return self.palette
