"""Line icons from `resources/owner/*.svg`, drawn in a palette colour (the SVGs stroke `currentColor`), so
one set of files serves the light and the dark theme."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from resources import resource_path


@cache
def _svg(name: str) -> str:
    return resource_path("owner", f"{name}.svg").read_text(encoding="utf-8")


def pixmap(name: str, colour: str, size: int = 20, ratio: float = 2.0) -> QPixmap:
    """The icon `name` drawn in `colour`, `size` logical pixels square (drawn at `ratio` for sharpness)."""
    data = QByteArray(_svg(name).replace("currentColor", QColor(colour).name()).encode())
    renderer = QSvgRenderer(data)
    side = round(size * ratio)
    image = QPixmap(side, side)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, side, side))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def icon(name: str, colour: str, active_colour: str | None = None, size: int = 20) -> QIcon:
    """An icon with an optional second colour for the checked / selected state (navigation buttons)."""
    result = QIcon()
    result.addPixmap(pixmap(name, colour, size), QIcon.Mode.Normal, QIcon.State.Off)
    if active_colour:
        on = pixmap(name, active_colour, size)
        result.addPixmap(on, QIcon.Mode.Normal, QIcon.State.On)
        result.addPixmap(on, QIcon.Mode.Selected, QIcon.State.Off)
    return result
