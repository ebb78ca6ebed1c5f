"""Catalogue: categories, product tiles (picture, name, price), touch search, and the cart bar.

Sold-out tiles are marked and cannot be tapped; a barcode scan anywhere adds the product (the controller
does that). Filtering runs in memory on the snapshot, so every tap answers at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from core.money import format_money
from kiosk_app.screens.base import Screen, button, label
from kiosk_app.widgets.art import icon, icon_size, pixmap
from kiosk_app.widgets.product_grid import ProductGrid
from kiosk_app.widgets.search_pad import SearchPad

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.controller import KioskController

ALL = 0  # the "All" chip's id in the button group (-1 would mean "pick one"; ids start at 1)


class CatalogueScreen(Screen):
    def __init__(
        self, controller: KioskController, colours: ThemePalette, parent: QWidget | None = None
    ) -> None:
        super().__init__("catalogueScreen", parent)
        self.controller = controller
        self.colours = colours
        self.category_id: int | None = None
        self.query = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 24, 32, 0)
        column.setSpacing(20)
        column.addLayout(self._build_search_row())
        self.search_pad = SearchPad()
        self.search_pad.query_changed.connect(self._on_query)
        self.search_pad.closed.connect(self.search_pad.hide)
        self.search_pad.hide()
        column.addWidget(self.search_pad)
        column.addWidget(self._build_chips())
        self.grid = ProductGrid(colours)
        self.grid.product_tapped.connect(controller.add_product)
        column.addWidget(self.grid, 1)
        self.empty = label("emptyText", align=Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        column.addWidget(self.empty, 1)
        column.addWidget(self._build_cart_bar())
        controller.catalogue_changed.connect(self.load)
        controller.cart_changed.connect(self._on_cart)
        self.retranslate()
        if controller.catalogue.items:  # built after the catalogue arrived
            self.load()

    def _build_search_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(16)
        self.search_button = QPushButton()
        self.search_button.setObjectName("searchButton")
        self.search_button.setIcon(icon("search", self.colours.muted, 96))
        self.search_button.setIconSize(icon_size(40))
        self.search_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.search_button.setFixedHeight(104)
        self.search_button.clicked.connect(self._toggle_search)
        self.clear_search = QPushButton()
        self.clear_search.setObjectName("clearSearch")
        self.clear_search.setIcon(icon("close", self.colours.text, 96))
        self.clear_search.setIconSize(icon_size(36))
        self.clear_search.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_search.setFixedSize(104, 104)
        self.clear_search.clicked.connect(lambda: self.search_pad.set_query(""))
        self.clear_search.hide()
        row.addWidget(self.search_button, 1)
        row.addWidget(self.clear_search)
        return row

    def _build_chips(self) -> QScrollArea:
        area = QScrollArea()
        area.setObjectName("chipArea")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFixedHeight(104)
        self.chip_area = area
        QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        holder = QWidget()
        holder.setObjectName("chipHolder")
        self.chip_row = QHBoxLayout(holder)
        self.chip_row.setContentsMargins(0, 6, 0, 6)
        self.chip_row.setSpacing(14)
        self.chip_row.addStretch(1)
        area.setWidget(holder)
        self.chips = QButtonGroup(self)
        self.chips.setExclusive(True)
        self.chips.idClicked.connect(self._on_chip)
        return area

    def _build_cart_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("cartBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(36, 22, 28, 30)
        row.setSpacing(20)
        glyph = QLabel()
        glyph.setPixmap(pixmap("cart", self.colours.text, 56))
        summary = QVBoxLayout()
        summary.setSpacing(2)
        self.cart_count = label("cartCount", wrap=False)
        self.cart_total = label("cartTotal", wrap=False)
        summary.addWidget(self.cart_count)
        summary.addWidget(self.cart_total)
        self.cart_button = button("primary")
        self.cart_button.setMinimumWidth(420)
        self.cart_button.clicked.connect(self.controller.show_cart)
        row.addWidget(glyph)
        row.addLayout(summary, 1)
        row.addWidget(self.cart_button)
        return bar

    # -- data ---------------------------------------------------------------------------------------------
    def load(self) -> None:
        view = self.controller.catalogue
        codes: dict[int | None, str] = {c.id: c.code for c in view.categories}
        self.grid.set_items(view.items, codes)
        self._rebuild_chips()
        self._apply_filter()
        self._on_cart()

    def _rebuild_chips(self) -> None:
        categories = self.controller.catalogue.categories
        if self.category_id not in {c.id for c in categories}:
            self.category_id = None
        chips = [(ALL, self.tr("All")), *((c.id, self._category_text(c)) for c in categories)]
        selected = self.category_id if self.category_id is not None else ALL
        existing = self.chips.buttons()
        if [self.chips.id(chip) for chip in existing] == [chip_id for chip_id, _ in chips]:
            # The same categories (every sale reloads the catalogue for its stock): new texts only, as
            # new buttons would cost a style pass and a relayout of the row.
            for chip, (chip_id, text) in zip(existing, chips, strict=True):
                chip.setText(text)
                chip.setChecked(chip_id == selected)
            return
        for chip in existing:
            self.chips.removeButton(chip)
            chip.deleteLater()
        for chip_id, text in chips:
            chip = QPushButton(text)
            chip.setProperty("role", "chip")
            chip.setCheckable(True)
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            chip.setChecked(chip_id == selected)
            self.chips.addButton(chip, chip_id)
            self.chip_row.insertWidget(self.chip_row.count() - 1, chip)

    def _category_text(self, category: object) -> str:
        return str(getattr(category, "name_ko" if self.controller.language == "ko" else "name_en"))

    def _on_chip(self, chip_id: int) -> None:
        self.category_id = None if chip_id == ALL else chip_id
        chip = self.chips.button(chip_id)
        if chip is not None:
            self.chip_area.ensureWidgetVisible(chip)
        self._apply_filter()

    def _on_query(self, query: str) -> None:
        self.query = query
        self._apply_filter()

    def _toggle_search(self) -> None:
        self.search_pad.set_language(self.controller.language)
        self.search_pad.setVisible(not self.search_pad.isVisible())

    def _apply_filter(self) -> None:
        items = self.controller.catalogue.filter(self.category_id, self.query)
        self.grid.show_products([item.product_id for item in items])
        self.grid.setVisible(bool(items))
        self.empty.setVisible(not items)
        self.clear_search.setVisible(bool(self.query))
        placeholder = self.tr("Search products")
        self.search_button.setText(f"  {self.query}" if self.query else f"  {placeholder}")
        self.search_button.setProperty("filled", bool(self.query))
        self.search_button.style().polish(self.search_button)

    def _on_cart(self) -> None:
        cart = self.controller.cart
        self.grid.set_cart_quantities({line.product_id: line.quantity for line in cart.lines})
        self.cart_count.setText(self.tr("Items in your cart: %n", "", cart.count))
        self.cart_total.setText(format_money(cart.total, cart.currency, self.controller.language))
        self.cart_button.setEnabled(not cart.is_empty)

    # -- screen -------------------------------------------------------------------------------------------
    def prepare(self) -> None:
        self.grid.set_language(self.controller.language)
        self.search_pad.hide()
        self._on_cart()

    def retranslate(self) -> None:
        language = self.controller.language
        self.grid.set_language(language)
        self.search_pad.set_language(language)
        self.empty.setText(self.tr("No products match. Try another category or search."))
        self.cart_button.setText(self.tr("View cart"))
        for chip in self.chips.buttons():
            chip_id = self.chips.id(chip)
            if chip_id == ALL:
                chip.setText(self.tr("All"))
            else:
                category = next((c for c in self.controller.catalogue.categories if c.id == chip_id), None)
                if category is not None:
                    chip.setText(self._category_text(category))
        self._apply_filter()
        self._on_cart()
