"""QSS themes with palette values: `resources/themes/base.qss` plus one sheet per app; light, dark or
high contrast.

Sheets hold `${name}` placeholders (string.Template syntax: QSS itself never uses `$`) filled from a
`ThemePalette`, so the kiosk and the owner app share one set of colours and a dark mode costs no second
copy of every rule. The same colours go into the application's QPalette, so widgets a sheet does not style
(message boxes, menus) still match.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from string import Template
from typing import Literal

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from resources import resource_path

log = logging.getLogger(__name__)

Mode = Literal["light", "dark", "high_contrast"]

# Korean text needs a CJK face; these are tried in order, the first installed one wins.
FONT_CANDIDATES = ("Noto Sans CJK KR", "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans")


@dataclass(frozen=True)
class ThemePalette:
    window: str
    surface: str
    surface_alt: str
    text: str
    muted: str
    border: str
    accent: str
    accent_hover: str
    accent_text: str
    danger: str
    success: str
    warning: str
    font_family: str = "sans-serif"

    def values(self) -> dict[str, str]:
        return asdict(self)


LIGHT = ThemePalette(
    window="#f4f6f9",
    surface="#ffffff",
    surface_alt="#eef1f6",
    text="#1b2430",
    muted="#5d6b7e",
    border="#d5dbe4",
    accent="#1f6feb",
    accent_hover="#185ac2",
    accent_text="#ffffff",
    danger="#c62828",
    success="#1e8e3e",
    warning="#b26a00",
)

DARK = ThemePalette(
    window="#0f1722",
    surface="#172231",
    surface_alt="#1f2d40",
    text="#eef2f7",
    muted="#9aa8bb",
    border="#2c3b50",
    accent="#3d8bfd",
    accent_hover="#2f74da",
    accent_text="#ffffff",
    danger="#ff6b6b",
    success="#4cc38a",
    warning="#f0b429",
)

# For low vision and glare on a kiosk screen: pure black and white, a yellow accent, thick borders.
HIGH_CONTRAST = ThemePalette(
    window="#000000",
    surface="#000000",
    surface_alt="#1a1a1a",
    text="#ffffff",
    muted="#e6e6e6",
    border="#ffffff",
    accent="#ffd400",
    accent_hover="#ffe44d",
    accent_text="#000000",
    danger="#ff5c5c",
    success="#5cff8a",
    warning="#ffd400",
)

PALETTES: dict[str, ThemePalette] = {"light": LIGHT, "dark": DARK, "high_contrast": HIGH_CONTRAST}


def palette_for(mode: Mode) -> ThemePalette:
    try:
        return PALETTES[mode]
    except KeyError:
        raise ValueError(f"unknown theme mode {mode!r}; expected one of {sorted(PALETTES)}") from None


def load_stylesheet(sheet: str, mode: Mode = "light", palette: ThemePalette | None = None) -> str:
    """`base.qss` followed by `<sheet>.qss`, placeholders filled. A placeholder with no value is an error."""
    values = (palette or palette_for(mode)).values()
    parts = []
    for name in ("base", sheet):
        path = resource_path("themes", f"{name}.qss")
        try:
            parts.append(Template(path.read_text(encoding="utf-8")).substitute(values))
        except KeyError as exc:
            raise ValueError(f"{path.name}: no palette value for ${{{exc.args[0]}}}") from None
    return "\n".join(parts)


def pick_font_family() -> str:
    installed = set(QFontDatabase.families())
    for family in FONT_CANDIDATES:
        if family in installed:
            return family
    log.warning("no CJK font found (install fonts-noto-cjk); Korean text may show as boxes")
    return QFont().defaultFamily()


def qpalette(colours: ThemePalette) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, colours.window),
        (role.Base, colours.surface),
        (role.AlternateBase, colours.surface_alt),
        (role.WindowText, colours.text),
        (role.Text, colours.text),
        (role.ButtonText, colours.text),
        (role.Button, colours.surface),
        (role.Highlight, colours.accent),
        (role.HighlightedText, colours.accent_text),
        (role.PlaceholderText, colours.muted),
        (role.ToolTipBase, colours.surface),
        (role.ToolTipText, colours.text),
        (role.Link, colours.accent),
    ):
        pal.setColor(r, QColor(value))
    return pal


def apply_theme(app: QApplication, sheet: str, mode: Mode = "light") -> ThemePalette:
    """Style the whole application; returns the palette used so windows can draw in the same colours."""
    family = pick_font_family()
    colours = ThemePalette(**{**palette_for(mode).values(), "font_family": family})
    font = QFont(family)
    font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
    app.setFont(font)
    app.setPalette(qpalette(colours))
    app.setStyleSheet(load_stylesheet(sheet, mode, colours))
    return colours
