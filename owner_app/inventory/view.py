"""The grid's widgets: the table view with its editors, the toolbar, and the result strip above the grid."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QWidget,
)

from owner_app.inventory.columns import COLUMNS, MAX_NUMBER, SHELF_MAX, StockFilter
from owner_app.inventory.rows import Field
from owner_app.ui.widgets import Banner, restyle

ROW_HEIGHT = 34


class CellEditor(QStyledItemDelegate):
    """Spin boxes that cannot go negative for numbers, a 40-character line for the shelf."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        field = COLUMNS[index.column()].field
        if field == Field.shelf_location:
            line = QLineEdit(parent)
            line.setMaxLength(SHELF_MAX)
            return line
        spin = QSpinBox(parent)
        spin.setRange(0, MAX_NUMBER)
        spin.setGroupSeparatorShown(True)
        spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        return spin


def make_table(model: QAbstractItemModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setObjectName("inventoryTable")
    table.setItemDelegate(CellEditor(table))
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # Qt starts descending
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(False)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: no per-row size queries
    vertical.setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    header.setSortIndicatorShown(True)
    for i, column in enumerate(COLUMNS):
        table.setColumnWidth(i, column.width)
    return table


class InventoryToolbar(QWidget):
    """Search, stock filter, and the actions; the page connects the buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.filter = QComboBox()
        self.filter.setObjectName("stockFilter")
        for value in StockFilter:
            self.filter.addItem("", value)
        self.history, self.import_button, self.export_button = QToolButton(), QToolButton(), QToolButton()
        self.undo, self.redo, self.discard = QToolButton(), QToolButton(), QToolButton()
        for button in (
            self.history,
            self.import_button,
            self.export_button,
            self.undo,
            self.redo,
            self.discard,
        ):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setProperty("role", "tool")
        self.save = QPushButton()
        self.save.setProperty("role", "primary")
        self.save.setObjectName("saveButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.search)
        row.addWidget(self.filter)
        row.addSpacing(8)
        row.addWidget(self.history)
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        row.addWidget(self.undo)
        row.addWidget(self.redo)
        row.addWidget(self.discard)
        row.addWidget(self.save)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search SKU, name or category"))
        names = {
            StockFilter.all: self.tr("All products"),
            StockFilter.low: self.tr("Low stock"),
            StockFilter.zero: self.tr("Out of stock"),
            StockFilter.edited: self.tr("Edited"),
        }
        for i in range(self.filter.count()):
            self.filter.setItemText(i, names[StockFilter(self.filter.itemData(i))])
        self.history.setText(self.tr("History"))
        self.import_button.setText(self.tr("Import"))
        self.export_button.setText(self.tr("Export"))
        self.undo.setText(self.tr("Undo"))
        self.redo.setText(self.tr("Redo"))
        self.discard.setText(self.tr("Discard"))


class ResultStrip(Banner):
    """Says how the last save went; stays until the next save or a click on it."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("resultStrip")
        self.row.setContentsMargins(14, 10, 14, 10)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def show_text(self, text: str, tone: str) -> None:
        self.setProperty("tone", tone)
        restyle(self)
        self.text.setText(text)
        self.show()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
