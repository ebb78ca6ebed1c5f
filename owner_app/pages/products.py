"""Products: the brand's catalogue, searchable by SKU, name or barcode and filterable by category; owners
create and edit products (names in Korean and English, category, price, image, the 19+ flag)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from core.schemas.catalogue import CategoryOut, ProductOut
from core.schemas.events import EventOut, EventType
from owner_app.context import AppContext
from owner_app.pages.base import Page
from owner_app.products.editor import ProductEditor
from owner_app.products.model import ProductsModel, load_catalogue
from owner_app.ui.formatting import language
from owner_app.ui.icons import icon
from owner_app.ui.theme_state import ThemeState
from owner_app.ui.widgets import label

COLUMN_WIDTHS = (130, 240, 240, 130, 110, 90)


class ProductsPage(Page):
    key = "products"
    icon = "products"
    order = 30

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("Pages", "Products")

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__(context, theme)
        self.categories: list[CategoryOut] = []
        self.editor: ProductEditor | None = None
        self.model = ProductsModel()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.category = QComboBox()
        self.category.setMinimumWidth(160)
        self.show_inactive = QCheckBox()
        self.show_inactive.setChecked(True)
        self.new_button = QPushButton()
        self.new_button.setProperty("role", "primary")
        self.edit_button = QPushButton()
        bar = QHBoxLayout()
        bar.setSpacing(8)
        for widget in (self.search, self.category, self.show_inactive):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.new_button)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(34)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(i, width)
        self.footer = label("", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 14)
        layout.setSpacing(12)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)
        delay = QTimer(self, singleShot=True, interval=150)
        delay.timeout.connect(lambda: self.model.set_filter(text=self.search.text()))
        self.search.textChanged.connect(lambda _t: delay.start())
        self.category.currentIndexChanged.connect(
            lambda _i: self.model.set_category(self.category.currentData())
        )
        self.show_inactive.toggled.connect(lambda on: self.model.set_filter(show_inactive=on))
        self.new_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button.clicked.connect(self.edit_selected)
        self.table.doubleClicked.connect(lambda index: self.open_editor(self.model.product_at(index.row())))
        self.model.modelReset.connect(self.update_footer)
        self.on_theme_changed()
        self.retranslate()

    def reload(self) -> None:
        store = self.context.store
        if store is not None:
            self.context.run(load_catalogue, self.context.client, store.brand_id, on_done=self.show_catalogue)

    def show_catalogue(self, result: tuple[list[ProductOut], list[CategoryOut]]) -> None:
        products, self.categories = result
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("All categories"), None)
        for c in self.categories:
            self.category.addItem(c.name_ko if language() == "ko" else c.name_en, c.id)
        self.category.setCurrentIndex(max(0, self.category.findData(current)))
        self.category.blockSignals(False)
        self.model.lang = language()
        self.model.set_data(products, self.categories)

    def on_event(self, event: EventOut) -> None:
        if event.type in (EventType.product_changed, EventType.product_deleted):
            self.stale = True
            if self.isVisible() and (self.editor is None or not self.editor.isVisible()):
                self.activate()

    def edit_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_editor(self.model.product_at(index.row()))

    def open_editor(self, product: ProductOut | None) -> ProductEditor:
        editor = ProductEditor(self.context, self.categories, self.theme.palette, product, language(), self)
        if not self.can_edit():
            editor.buttons.setEnabled(False)  # a read-only view of the product
        editor.saved.connect(self._saved)
        self.editor = editor
        editor.open()
        return editor

    def _saved(self, product: ProductOut) -> None:
        self.model.upsert(product)
        self.context.message.emit(self.tr("Saved %1.").replace("%1", product.sku), 5000)

    def can_edit(self) -> bool:
        return self.context.permissions.edit_products and not self.read_only

    def set_read_only(self, read_only: bool) -> None:
        self.new_button.setEnabled(self.can_edit())

    def update_footer(self) -> None:
        shown, total = self.model.rowCount(), len(self.model.products)
        active = sum(1 for p in self.model.products if p.active)
        text = (
            self.tr("%1 of %2 products · %3 on sale").replace("%1", f"{shown:,}").replace("%2", f"{total:,}")
        )
        self.footer.setText(text.replace("%3", f"{active:,}"))

    def on_theme_changed(self) -> None:
        self.model.muted = QColor(self.theme.palette.muted)
        self.new_button.setIcon(icon("plus", self.theme.palette.accent_text))
        self.edit_button.setIcon(icon("edit", self.theme.palette.muted))

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search SKU, name or barcode"))
        self.show_inactive.setText(self.tr("Show hidden products"))
        self.new_button.setText(self.tr("New product"))
        self.edit_button.setText(self.tr("Edit") if self.can_edit() else self.tr("View"))
        if self.category.count():
            self.category.setItemText(0, self.tr("All categories"))
        else:
            self.category.addItem(self.tr("All categories"), None)
        self.set_read_only(self.read_only)
        self.model.lang = language()
        self.model.refilter()
