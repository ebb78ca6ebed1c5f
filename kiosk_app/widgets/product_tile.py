"""A product tile: picture, name, price, and the marks a customer needs (sold out, 19+, few left, in cart).

Painted by hand, one widget per product: a catalogue of a few hundred tiles stays quick to filter and to
repaint, and the whole tile is one big touch target. A sold-out tile is disabled: it cannot be tapped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QWidget

from core.money import format_money
from kiosk_app.widgets.art import product_art, tint

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from core.schemas.catalogue import CatalogueItem

TILE_SIZE = QSize(316, 430)
FEW_LEFT = 3
# Soft backgrounds behind the category illustrations, so the grid reads by category at a glance.
CATEGORY_TINTS = {
    "drinks": "#e3f2fd",
    "snacks": "#fff3e0",
    "instant": "#eceff1",
    "dairy": "#e8eaf6",
    "icecream": "#fce4ec",
    "household": "#e0f2f1",
    "alcohol": "#e8f5e9",
}


def _font(family: str, px: int, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    font = QFont(family)
    font.setPixelSize(px)
    font.setWeight(weight)
    return font


class ProductTile(QAbstractButton):
    def __init__(
        self, item: CatalogueItem, category_code: str, colours: ThemePalette, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.colours = colours
        self.category_code = category_code
        self.language = "ko"
        self.in_cart = 0
        self.item = item
        # The tile's face (everything but the pressed outline and the in-cart badge), painted once per
        # change: antialiased rounded paths, an SVG and text cost 2-5 ms a tile. The grid paints the faces
        # ahead, one per event-loop turn, so neither the first catalogue nor a tap pays for them.
        self._face: QPixmap | None = None
        self._face_ratio = 0.0
        self.setFixedSize(TILE_SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_item(item)

    @property
    def product_id(self) -> int:
        return self.item.product_id

    @property
    def sold_out(self) -> bool:
        return self.item.quantity <= 0

    def set_item(self, item: CatalogueItem) -> None:
        self.item = item
        self._face = None
        self.setEnabled(not self.sold_out)
        self.setAccessibleName(item.name_ko)
        self.update()

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self._face = None
            self.update()

    def set_in_cart(self, quantity: int) -> None:
        if quantity != self.in_cart:
            self.in_cart = quantity
            self.update()

    def sizeHint(self) -> QSize:
        return TILE_SIZE

    @property
    def face_ready(self) -> bool:
        return self._face is not None and self._face_ratio == self.devicePixelRatioF()

    def prepare_face(self) -> bool:
        """Paint the face if it is missing or stale; True if that took work."""
        if self.face_ready:
            return False
        ratio = self.devicePixelRatioF()
        face = QPixmap(self.size() * ratio)
        face.setDevicePixelRatio(ratio)
        # Opaque, on the screen's own background: copying it is a plain blit, with no per-pixel blending.
        face.fill(QColor(self.colours.window))
        face_painter = QPainter(face)
        self._paint_face(face_painter)
        face_painter.end()
        self._face, self._face_ratio = face, ratio
        return True

    def paintEvent(self, event: QPaintEvent) -> None:
        self.prepare_face()
        assert self._face is not None
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._face)
        if self.isDown():
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(QColor(self.colours.accent), 4))
            painter.drawRoundedRect(self._card(), 28, 28)
        if self.in_cart:
            art = self._art_box()
            box = QRectF(art.right() - 76, art.top() + 12, 64, 64)
            self._badge(painter, box, self.colours.accent, str(self.in_cart), round_badge=True)
        painter.end()

    def _card(self) -> QRectF:
        return QRectF(self.rect()).adjusted(2, 2, -2, -2)

    def _art_box(self) -> QRectF:
        card = self._card()
        return QRectF(card.left() + 14, card.top() + 14, card.width() - 28, 220)

    def _paint_face(self, painter: QPainter) -> None:
        c = self.colours
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = self._card()
        outline = QPainterPath()
        outline.addRoundedRect(card, 28, 28)
        painter.fillPath(outline, QColor(c.surface))
        painter.setPen(QPen(QColor(c.border), 2))
        painter.drawPath(outline)

        art_box = self._art_box()
        art_path = QPainterPath()
        art_path.addRoundedRect(art_box, 20, 20)
        painter.fillPath(art_path, QColor(CATEGORY_TINTS.get(self.category_code, c.surface_alt)))
        art = product_art(self.item.sku, self.category_code, 170)
        painter.drawPixmap(int(art_box.center().x() - 85), int(art_box.center().y() - 85), art)

        family = c.font_family
        name = self.item.name_ko if self.language == "ko" else self.item.name_en
        text_box = QRectF(card.left() + 22, art_box.bottom() + 16, card.width() - 44, 84)
        painter.setFont(_font(family, 27, QFont.Weight.DemiBold))
        painter.setPen(QColor(c.text))
        painter.drawText(
            text_box, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignTop, self._two_lines(name)
        )
        price_box = QRectF(card.left() + 22, card.bottom() - 78, card.width() - 44, 56)
        painter.setFont(_font(family, 36, QFont.Weight.Bold))
        painter.drawText(
            price_box,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            format_money(self.item.price, self.item.currency, self.language),
        )
        if 0 < self.item.quantity <= FEW_LEFT:
            painter.setFont(_font(family, 22, QFont.Weight.DemiBold))
            painter.setPen(QColor(c.warning))
            painter.drawText(
                price_box,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                self.tr("%n left", "", self.item.quantity),
            )
        if self.item.age_restricted:
            self._badge(painter, QRectF(art_box.left() + 12, art_box.top() + 12, 76, 48), c.danger, "19+")
        if self.sold_out:
            painter.fillPath(outline, tint(c.surface, 170))
            pill = QRectF(art_box.center().x() - 110, art_box.center().y() - 34, 220, 68)
            self._badge(painter, pill, c.danger, self.tr("Sold out"))

    def _badge(
        self, painter: QPainter, box: QRectF, colour: str, text: str, round_badge: bool = False
    ) -> None:
        path = QPainterPath()
        radius = box.height() / 2
        path.addRoundedRect(box, radius, radius)
        painter.fillPath(path, QColor(colour))
        painter.setPen(QColor(self.colours.accent_text))
        painter.setFont(_font(self.colours.font_family, 30 if round_badge else 26, QFont.Weight.Bold))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _two_lines(self, text: str) -> str:
        metrics = QFontMetrics(_font(self.colours.font_family, 27, QFont.Weight.DemiBold))
        width = TILE_SIZE.width() - 48
        if metrics.horizontalAdvance(text) <= width * 2 - 20:
            return text
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width * 2 - 40)
