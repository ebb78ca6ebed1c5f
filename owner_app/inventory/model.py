"""`InventoryModel`: the grid's table model. It filters and sorts itself (a list of row positions, rebuilt
with plain Python sorts), because a QSortFilterProxyModel calling back into Python for every comparison
is what makes 10,000 rows feel slow. Edits go through an undo stack and stay pending until saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QUndoStack

from core.qt.theme import ThemePalette
from owner_app.inventory.columns import (
    COLUMN_BY_FIELD,
    COLUMNS,
    LEFT,
    RIGHT,
    Column,
    StockFilter,
    parse_value,
)
from owner_app.inventory.edits import CellEdit, PendingEdits, Value
from owner_app.inventory.ordering import sort_key, visible_rows
from owner_app.inventory.rows import Field, GridRow

Index = QModelIndex | QPersistentModelIndex


class InventoryModel(QAbstractTableModel):
    pending_changed = Signal()  # edits made, undone or saved

    def __init__(self, palette: ThemePalette, lang: str = "ko") -> None:
        super().__init__()
        self.rows: list[GridRow] = []
        self.pending = PendingEdits()
        self.undo_stack = QUndoStack(self)
        self.conflicts: dict[int, str] = {}
        self.editable: frozenset[Field] = frozenset()
        self.lang = lang
        self._by_id: dict[int, int] = {}  # product id -> index in self.rows
        self._visible: list[int] = []  # indexes into self.rows, filtered and sorted
        self._position: dict[int, int] = {}  # product id -> visible row
        self._text = ""
        self._filter = StockFilter.all
        self._sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
        self.set_palette(palette)

    # -- data in ------------------------------------------------------------------------------------------
    def set_palette(self, palette: ThemePalette) -> None:
        def tint(colour: str, alpha: int) -> QColor:
            c = QColor(colour)
            c.setAlpha(alpha)
            return c

        self._zero_bg, self._low_bg = tint(palette.danger, 34), tint(palette.warning, 30)
        self._edited_bg, self._conflict_bg = tint(palette.accent, 52), tint(palette.danger, 80)
        self._danger, self._warning, self._ok = (
            QColor(palette.danger),
            QColor(palette.warning),
            QColor(palette.success),
        )
        self._bold = QFont()
        self._bold.setBold(True)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))

    def set_rows(self, rows: list[GridRow]) -> None:
        """Replace the data (a first load or a store switch): pending edits and undo history go too."""
        self.beginResetModel()
        self.rows = rows
        self._by_id = {r.product_id: i for i, r in enumerate(rows)}
        self.pending.clear()
        self.conflicts.clear()
        self.undo_stack.clear()
        self._rebuild()
        self.endResetModel()
        self.pending_changed.emit()

    def merge_rows(self, fresh: list[GridRow]) -> None:
        """Take the server's current rows and keep every pending edit (each keeps its own expected
        versions, so a row that moved on the server still conflicts when saved)."""
        self.beginResetModel()
        self.rows = fresh
        self._by_id = {r.product_id: i for i, r in enumerate(fresh)}
        for pending in self.pending.rows():
            if pending.product_id not in self._by_id:
                self.pending.drop(pending.product_id)
        self._rebuild()
        self.endResetModel()
        self.pending_changed.emit()

    def row_by_id(self, product_id: int) -> GridRow | None:
        i = self._by_id.get(product_id)
        return self.rows[i] if i is not None else None

    def row_at(self, visible_row: int) -> GridRow:
        return self.rows[self._visible[visible_row]]

    # -- filtering and sorting ----------------------------------------------------------------------------
    def set_filter(self, text: str | None = None, stock: StockFilter | None = None) -> None:
        if text is not None:
            self._text = text.strip().casefold()
        if stock is not None:
            self._filter = stock
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [(self.row_at(i.row()).product_id if i.isValid() else -1, i.column()) for i in persistent]
        self._rebuild()
        moved = [
            self.index(self._position.get(pid, -1), col) if pid in self._position else QModelIndex()
            for pid, col in held
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _rebuild(self) -> None:
        rows = self.rows
        visible = visible_rows(rows, self._text, self._filter, self.pending)
        column, order = self._sort
        key = sort_key(rows, column, self.pending, self._by_id, self.lang)
        self._visible = sorted(visible, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        self._position = {rows[i].product_id: pos for pos, i in enumerate(self._visible)}

    # -- Qt model API -------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("InventoryModel", COLUMNS[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if COLUMNS[section].numeric else LEFT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        field = COLUMNS[index.column()].field
        return base | Qt.ItemFlag.ItemIsEditable if field in self.editable else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.rows[self._visible[index.row()]]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return self.pending.value(row, col.field) if col.field else self._display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if col.numeric else LEFT
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, col)
        if role == Qt.ItemDataRole.ForegroundRole and col.key == "status":
            return self._danger if row.is_zero else self._warning if row.is_low else self._ok
        if (
            role == Qt.ItemDataRole.FontRole
            and col.field
            and self.pending.is_edited(row.product_id, col.field)
        ):
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.UserRole:
            return row.product_id
        return None

    def _display(self, row: GridRow, col: Column) -> str:
        if col.field is not None:
            value = self.pending.value(row, col.field)
            return f"{value:,}" if isinstance(value, int) else value
        if col.key == "name":
            return row.name_ko if self.lang == "ko" else row.name_en
        if col.key == "status":
            return (
                QCoreApplication.translate("InventoryModel", "Out of stock")
                if row.is_zero
                else QCoreApplication.translate("InventoryModel", "Low")
                if row.is_low
                else QCoreApplication.translate("InventoryModel", "OK")
            )
        return str(getattr(row, col.key))

    def _background(self, row: GridRow, col: Column) -> QColor | None:
        if row.product_id in self.conflicts:
            return self._conflict_bg
        if col.field and self.pending.is_edited(row.product_id, col.field):
            return self._edited_bg
        if row.is_zero:
            return self._zero_bg
        return self._low_bg if row.is_low else None

    def _tooltip(self, row: GridRow, col: Column) -> str | None:
        if row.product_id in self.conflicts:
            return self.conflicts[row.product_id]
        if col.field and self.pending.is_edited(row.product_id, col.field):
            return QCoreApplication.translate("InventoryModel", "Saved value: %1").replace(
                "%1", str(row.value(col.field))
            )
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        col = COLUMNS[index.column()]
        if role != Qt.ItemDataRole.EditRole or col.field not in self.editable or col.field is None:
            return False
        row = self.row_at(index.row())
        parsed = parse_value(col.field, value)
        if parsed is None:
            return False
        return self.edit(row.product_id, col.field, parsed)

    # -- edits --------------------------------------------------------------------------------------------
    def edit(self, product_id: int, name: Field, value: Value) -> bool:
        """Change one cell through the undo stack; False when it changes nothing."""
        row = self.row_by_id(product_id)
        if row is None:
            return False
        old = self.pending.value(row, name)
        if old == value:
            return False
        text = (
            QCoreApplication.translate("InventoryModel", "%1 of %2")
            .replace("%1", QCoreApplication.translate("InventoryModel", COLUMNS[COLUMN_BY_FIELD[name]].title))
            .replace("%2", row.sku)
        )
        self.undo_stack.push(CellEdit(self, product_id, name, old, value, text))
        return True

    def write_value(self, product_id: int, name: Field, value: Value) -> None:
        row = self.row_by_id(product_id)
        if row is None:
            return
        self.pending.set(row, name, value)
        position = self._position.get(product_id)
        if position is not None:
            self.dataChanged.emit(self.index(position, 0), self.index(position, len(COLUMNS) - 1))
        self.pending_changed.emit()

    def apply_saved(self, saved: dict[int, dict[str, Any]]) -> None:
        """Write what the server stored into the rows (values and new versions) and forget those edits."""
        for product_id, values in saved.items():
            row = self.row_by_id(product_id)
            if row is None:
                continue
            for key, value in values.items():
                setattr(row, key, value)
            self.pending.drop(product_id)
        self.conflicts.clear()
        self.undo_stack.clear()
        self.set_filter()
        self.pending_changed.emit()

    def mark_conflicts(self, conflicts: dict[int, str]) -> None:
        self.conflicts = dict(conflicts)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(max(0, self.rowCount() - 1), len(COLUMNS) - 1))

    def accept_server_state(self) -> None:
        """After a conflict and a reload: the person has now seen the current figures, so the edits of the
        conflicting rows are based on them (saving again overwrites on purpose)."""
        for product_id in self.conflicts:
            row = self.row_by_id(product_id)
            if row is not None:
                self.pending.rebase(row)

    def discard_edits(self) -> None:
        self.pending.clear()
        self.conflicts.clear()
        self.undo_stack.clear()
        self.set_filter()
        self.pending_changed.emit()
