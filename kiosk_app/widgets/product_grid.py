"""The grid of product tiles inside a touch-scrolling area.

Tiles are made once per product and kept: a new catalogue updates them in place, and a category or search
tap only moves and hides existing tiles (placed by hand, no layout pass over hundreds of widgets), so a
tap repaints in a few milliseconds. Each tile's face is painted ahead, one tile per event-loop turn (shown
tiles first), whenever a catalogue or a language arrives: the first catalogue a customer sees is ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QWidget

from kiosk_app.widgets.product_tile import TILE_SIZE, ProductTile

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from core.schemas.catalogue import CatalogueItem

GAP = 24


class ProductGrid(QScrollArea):
    product_tapped = Signal(int)

    def __init__(self, colours: ThemePalette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productGrid")
        self.colours = colours
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.canvas = QWidget()
        self.canvas.setObjectName("productCanvas")
        self.setWidget(self.canvas)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.viewport().installEventFilter(self)
        self.tiles: dict[int, ProductTile] = {}
        self.shown: list[int] = []
        self.language = "ko"
        self._painter = QTimer(self)  # paints one face per event-loop turn until every face is ready
        self._painter.setInterval(0)
        self._painter.timeout.connect(self._paint_one_face)
        self._unpainted: list[ProductTile] = []

    def set_items(self, items: list[CatalogueItem], category_codes: dict[int | None, str]) -> None:
        """The whole catalogue: tiles for new products, updated ones for the rest, none for deleted ones."""
        seen = set()
        for item in items:
            seen.add(item.product_id)
            tile = self.tiles.get(item.product_id)
            if tile is None:
                tile = ProductTile(item, category_codes.get(item.category_id, ""), self.colours, self.canvas)
                tile.set_language(self.language)
                tile.clicked.connect(
                    lambda _checked=False, pid=item.product_id: self.product_tapped.emit(pid)
                )
                tile.hide()
                self.tiles[item.product_id] = tile
            else:
                tile.category_code = category_codes.get(item.category_id, "")
                tile.set_item(item)
        for product_id in set(self.tiles) - seen:
            self.tiles.pop(product_id).deleteLater()
        self._paint_faces_ahead()

    def show_products(self, product_ids: list[int]) -> None:
        self.shown = [pid for pid in product_ids if pid in self.tiles]
        visible = set(self.shown)
        for product_id, tile in self.tiles.items():
            if product_id not in visible:
                tile.hide()
        self._place()
        self.verticalScrollBar().setValue(0)
        if self._painter.isActive():  # faces still being painted ahead: the newly shown ones first
            self._paint_faces_ahead()

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        for tile in self.tiles.values():
            tile.set_language(language)
        self._paint_faces_ahead()

    def set_cart_quantities(self, quantities: dict[int, int]) -> None:
        for product_id, tile in self.tiles.items():
            tile.set_in_cart(quantities.get(product_id, 0))

    @property
    def faces_ready(self) -> bool:
        return all(tile.face_ready for tile in self.tiles.values())

    def _paint_faces_ahead(self) -> None:
        shown = set(self.shown)
        order = [*self.shown, *(pid for pid in self.tiles if pid not in shown)]
        # Popped from the end: the shown tiles first.
        self._unpainted = [self.tiles[pid] for pid in reversed(order) if pid in self.tiles]
        self._painter.start()

    def _paint_one_face(self) -> None:
        while self._unpainted:
            if self._unpainted.pop().prepare_face():
                return
        self._painter.stop()

    def _place(self) -> None:
        width = self.viewport().width()
        columns = max(1, (width + GAP) // (TILE_SIZE.width() + GAP))
        used = columns * TILE_SIZE.width() + (columns - 1) * GAP
        left = max(0, (width - used) // 2)
        for index, product_id in enumerate(self.shown):
            row, column = divmod(index, columns)
            tile = self.tiles[product_id]
            tile.move(left + column * (TILE_SIZE.width() + GAP), row * (TILE_SIZE.height() + GAP))
            tile.show()
        rows = (len(self.shown) + columns - 1) // columns
        self.canvas.resize(width, max(1, rows * (TILE_SIZE.height() + GAP)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.Resize:
            self._place()
        return False
