"""Icons and product pictures from resources/kiosk/, rendered once per colour and size and cached.

The SVG icons are drawn in black; `icon()` repaints them in the colour asked for, so one file serves a
white icon on a blue button and a grey one on a card. Product tiles show the product's own picture when
resources/kiosk/products/<sku>.png exists, else the illustration of its category.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from resources import resource_path


@lru_cache(maxsize=256)
def _svg(folder: str, name: str, colour: str | None) -> QSvgRenderer | None:
    path = resource_path("kiosk", folder, f"{name}.svg")
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    if colour is not None:
        text = text.replace("#000000", colour)
    renderer = QSvgRenderer(QByteArray(text.encode("utf-8")))
    return renderer if renderer.isValid() else None


@lru_cache(maxsize=256)
def pixmap(name: str, colour: str, size: int) -> QPixmap:
    """An icon as a square pixmap (device pixels = logical pixels: kiosks run at scale 1)."""
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    renderer = _svg("icons", name, colour)
    if renderer is not None:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
    return image


def icon(name: str, colour: str = "#1b2430", size: int = 64) -> QIcon:
    return QIcon(pixmap(name, colour, size))


def icon_size(size: int) -> QSize:
    return QSize(size, size)


@lru_cache(maxsize=512)
def product_art(sku: str, category_code: str, size: int) -> QPixmap:
    """The product's picture if one ships, else its category's illustration, else a shopping bag."""
    own = resource_path("kiosk", "products", f"{sku}.png")
    if own.is_file():
        loaded = QPixmap(str(own))
        if not loaded.isNull():
            return loaded.scaled(
                size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
    image = QPixmap(size, size)
    image.fill(Qt.GlobalColor.transparent)
    renderer = _svg("products", category_code, None) or _svg("products", "default", None)
    if renderer is not None:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
    return image


def tint(colour: str, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result
