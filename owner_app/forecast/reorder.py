"""The reorder table: every product that needs ordering soon, its suggested quantity editable, sortable by
any column through a proxy; and the purchase-order draft built from the table as edited (CSV or XLSX)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from core.schemas.forecasts import ProductForecast, ReorderSuggestionOut
from inference.forecast.purchase_order import PurchaseOrderLine, draft_csv, draft_xlsx
from owner_app.ui.formatting import language, money

SOON_DAYS = 14  # "soon": a reorder date within two weeks, or a quantity to order now
Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# the editable quantity, order date and accuracy next to the name, where a narrow window still shows them
COLUMNS = (
    "sku",
    "name",
    "qty",
    "total",
    "reorder_date",
    "mase",
    "on_hand",
    "reorder_point",
    "class",
    "supplier",
)
QTY = COLUMNS.index("qty")
NO_SUPPLIER = "(no supplier set)"  # as in the backend's draft


@dataclass
class ReorderRow:
    suggestion: ReorderSuggestionOut
    mase: float | None
    quantity: int  # what will be ordered: the suggestion until someone edits it

    @property
    def line_total(self) -> int:
        return self.quantity * self.suggestion.unit_cost


def needs_ordering(s: ReorderSuggestionOut, today: date) -> bool:
    return s.suggested_qty > 0 or (
        s.reorder_date is not None and s.reorder_date <= today + timedelta(SOON_DAYS)
    )


class ReorderModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ReorderRow] = []
        self.read_only = False

    def set_data(
        self, suggestions: list[ReorderSuggestionOut], forecasts: list[ProductForecast], today: date
    ) -> None:
        mase = {f.product_id: f.backtest_mase for f in forecasts}
        self.beginResetModel()
        self.rows = [
            ReorderRow(s, mase.get(s.product_id), s.suggested_qty)
            for s in sorted(suggestions, key=lambda s: (s.reorder_date or date.max, s.sku))
            if needs_ordering(s, today)
        ]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {
            "sku": QCoreApplication.translate("Forecast", "SKU"),
            "name": QCoreApplication.translate("Forecast", "Product"),
            "supplier": QCoreApplication.translate("Forecast", "Supplier"),
            "on_hand": QCoreApplication.translate("Forecast", "On hand"),
            "reorder_point": QCoreApplication.translate("Forecast", "Reorder point"),
            "reorder_date": QCoreApplication.translate("Forecast", "Order by"),
            "class": QCoreApplication.translate("Forecast", "ABC/XYZ"),
            "mase": QCoreApplication.translate("Forecast", "MASE"),
            "qty": QCoreApplication.translate("Forecast", "Order qty"),
            "total": QCoreApplication.translate("Forecast", "Line total"),
        }
        return headers[COLUMNS[section]]

    def value(self, row: ReorderRow, column: str) -> Any:
        s = row.suggestion
        return {
            "sku": s.sku,
            "name": s.name_ko if language() == "ko" else s.name_en,
            "supplier": s.supplier_name,
            "on_hand": s.on_hand,
            "reorder_point": s.reorder_point,
            "reorder_date": s.reorder_date,
            "class": f"{s.abc_class.value}{s.xyz_class.value}",
            "mase": row.mase,
            "qty": row.quantity,
            "total": row.line_total,
        }[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], COLUMNS[index.column()]
        value = self.value(row, column)
        if role == SORT_ROLE:
            if value is None:
                return float("inf") if column in ("mase", "reorder_date") else ""
            return value.toordinal() if isinstance(value, date) else value
        if role == Qt.ItemDataRole.EditRole and column == "qty":
            return row.quantity
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "–"
            if column == "reorder_point":
                return f"{value:.0f}"
            if column == "mase":
                return f"{value:.2f}"
            if column == "total":
                return money(value)
            if column == "qty" and row.quantity != row.suggestion.suggested_qty:
                return f"{value} ✎"  # edited: the draft will use this, not the suggestion
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("sku", "name", "supplier"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == "mase":
            return QCoreApplication.translate(
                "Forecast",
                "Backtest error against a seasonal naive forecast: below 1 beats it, above 1 does not.",
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == QTY and not self.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != QTY or self.read_only:
            return False
        try:
            quantity = max(0, int(value))
        except (TypeError, ValueError):
            return False
        self.rows[index.row()].quantity = quantity
        self.dataChanged.emit(index, self.index(index.row(), len(COLUMNS) - 1))
        return True

    def set_quantity(self, sku: str, quantity: int) -> None:
        row = next(i for i, r in enumerate(self.rows) if r.suggestion.sku == sku)
        self.setData(self.index(row, QTY), quantity)

    def suppliers(self) -> list[str]:
        return sorted({r.suggestion.supplier_name for r in self.rows})

    def order_lines(self, supplier: str | None = None) -> list[PurchaseOrderLine]:
        """The draft's lines with the quantities as edited (lines at 0 are left out by the draft)."""
        lines = []
        for row in self.rows:
            s = row.suggestion
            if supplier is not None and s.supplier_name != supplier:
                continue
            lines.append(
                PurchaseOrderLine(
                    supplier=s.supplier_name or NO_SUPPLIER,
                    sku=s.sku,
                    name=s.name_ko,  # the backend's draft names products as suppliers here know them
                    quantity=row.quantity,
                    pack_size=s.pack_size,
                    unit_cost=s.unit_cost,
                    on_hand=s.on_hand,
                    reorder_point=s.reorder_point,
                    order_up_to=s.order_up_to,
                    reorder_date=s.reorder_date,
                )
            )
        return lines


def write_draft(path: Path, lines: list[PurchaseOrderLine], title: str) -> int:
    """CSV or XLSX by the suffix (the backend's draft layout); returns the number of lines ordered."""
    body = draft_xlsx(lines, title=title) if path.suffix.lower() == ".xlsx" else draft_csv(lines)
    path.write_bytes(body)
    return sum(1 for ln in lines if ln.quantity > 0)
