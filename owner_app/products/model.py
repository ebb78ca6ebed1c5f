"""The products table: every product of the brand (active or not), filtered and sorted in Python."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from core.client.api import ApiClient
from core.schemas.catalogue import CategoryOut, ProductOut

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
HEADERS = (
    str(QT_TRANSLATE_NOOP("ProductsModel", "SKU")),
    str(QT_TRANSLATE_NOOP("ProductsModel", "Name (Korean)")),
    str(QT_TRANSLATE_NOOP("ProductsModel", "Name (English)")),
    str(QT_TRANSLATE_NOOP("ProductsModel", "Category")),
    str(QT_TRANSLATE_NOOP("ProductsModel", "Price")),
    str(QT_TRANSLATE_NOOP("ProductsModel", "Age check")),
    str(QT_TRANSLATE_NOOP("ProductsModel", "Status")),
)
PAGE_SIZE = 1000


def load_catalogue(client: ApiClient, brand_id: int) -> tuple[list[ProductOut], list[CategoryOut]]:
    products: list[ProductOut] = []
    while True:
        page = client.products(brand_id=brand_id, offset=len(products), limit=PAGE_SIZE)
        products.extend(page.items)
        if not page.items or len(products) >= page.total:
            break
    return products, client.categories(brand_id=brand_id)


class ProductsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.products: list[ProductOut] = []
        self.categories: dict[int, CategoryOut] = {}
        self.lang = "ko"
        self.muted = QColor("#5d6b7e")
        self._visible: list[ProductOut] = []
        self._text = ""
        self._category: int | None = None
        self._show_inactive = True

    def set_data(self, products: list[ProductOut], categories: list[CategoryOut]) -> None:
        self.products = products
        self.categories = {c.id: c for c in categories}
        self.refilter()

    def upsert(self, product: ProductOut) -> None:
        self.products = [p for p in self.products if p.id != product.id] + [product]
        self.refilter()

    def set_category(self, category_id: int | None) -> None:
        self._category = category_id
        self.refilter()

    def set_filter(self, text: str | None = None, show_inactive: bool | None = None) -> None:
        if text is not None:
            self._text = text.strip().casefold()
        if show_inactive is not None:
            self._show_inactive = show_inactive
        self.refilter()

    def refilter(self) -> None:
        self.beginResetModel()
        text, cat = self._text, self._category
        self._visible = sorted(
            (
                p
                for p in self.products
                if (not text or text in f"{p.sku} {p.name_ko} {p.name_en} {p.barcode or ''}".casefold())
                and (cat is None or p.category_id == cat)
                and (self._show_inactive or p.active)
            ),
            key=lambda p: p.sku,
        )
        self.endResetModel()

    def category_name(self, category_id: int | None) -> str:
        category = self.categories.get(category_id or -1)
        if category is None:
            return ""
        return category.name_ko if self.lang == "ko" else category.name_en

    def product_at(self, row: int) -> ProductOut:
        return self._visible[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ProductsModel", HEADERS[section])
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if section == 4 else LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        p = self._visible[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                p.sku,
                p.name_ko,
                p.name_en,
                self.category_name(p.category_id),
                f"{p.price:,}",
                QCoreApplication.translate("ProductsModel", "19+") if p.age_restricted else "",
                QCoreApplication.translate("ProductsModel", "On sale")
                if p.active
                else QCoreApplication.translate("ProductsModel", "Hidden"),
            )
            return values[col]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if col == 4 else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and not p.active:
            return self.muted
        return None
