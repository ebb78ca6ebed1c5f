"""The import preview: every row of the file with what it changes or what is wrong with it; only the good
rows are applied (as pending, undoable edits), and nothing is sent until the grid is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.qt.theme import ThemePalette
from owner_app.inventory.importer import ImportPreview, ImportRow, Problem
from owner_app.inventory.rows import Field, GridRow
from owner_app.ui.widgets import label


class ImportDialog(QDialog):
    def __init__(
        self,
        preview: ImportPreview,
        grid: dict[int, GridRow],
        palette: ThemePalette,
        file_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(self.tr("Import stock figures"))
        self.resize(900, 560)
        self.summary = label("", "", "dialogTitle")
        self.detail = label(file_name, "muted")
        self.table = QTableWidget(len(preview.rows), 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Line"), self.tr("SKU"), self.tr("Change"), self.tr("Result")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        danger = QColor(palette.danger)
        for i, row in enumerate(preview.rows):
            target = grid.get(row.product_id or -1)
            cells = [str(row.line), row.sku, self.describe_changes(row, target), self.describe_result(row)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not row.ok:
                    item.setForeground(danger)
                self.table.setItem(i, col, item)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setProperty("role", "primary")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        good, bad = len(preview.valid), len(preview.invalid)
        self.apply_button.setEnabled(good > 0)
        self.apply_button.setText(self.tr("Apply %n row(s)", "", good))
        if preview.file_problem:
            self.summary.setText(self.file_problem_text(preview.file_problem))
        else:
            self.summary.setText(
                self.tr("%1 rows change stock, %2 have errors and will be skipped, %3 change nothing.")
                .replace("%1", str(good))
                .replace("%2", str(bad))
                .replace("%3", str(preview.unchanged))
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(self.summary)
        layout.addWidget(self.detail)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)

    def field_name(self, column: str) -> str:
        names = {
            Field.quantity: self.tr("on hand"),
            Field.reorder_level: self.tr("reorder level"),
            Field.price: self.tr("price"),
            Field.shelf_location: self.tr("shelf"),
            "sku": self.tr("SKU"),
        }
        return names.get(column, column)

    def describe_changes(self, row: ImportRow, target: GridRow | None) -> str:
        if target is None or not row.changes:
            return ""

        def shown(value: object) -> str:
            return f"{value:,}" if isinstance(value, int) else str(value)

        parts = [
            f"{self.field_name(f)} {shown(target.value(f))} → {shown(v)}" for f, v in row.changes.items()
        ]
        return " · ".join(parts)

    def describe_result(self, row: ImportRow) -> str:
        if row.ok:
            return self.tr("OK") if row.changes else self.tr("No change")
        return "; ".join(self.problem_text(p) for p in row.problems)

    def problem_text(self, problem: Problem) -> str:
        column, detail = self.field_name(problem.column), problem.detail
        texts = {
            "missing_sku": self.tr("No SKU in this row."),
            "unknown_sku": self.tr("No product with SKU %2 in this store."),
            "duplicate_sku": self.tr("SKU %2 appears more than once; only its first row is used."),
            "not_a_number": self.tr("%1: '%2' is not a whole number."),
            "negative": self.tr("%1: '%2' is negative."),
            "too_large": self.tr("%1: '%2' is too large."),
            "too_long": self.tr("%1: '%2' is longer than 40 characters."),
            "not_allowed": self.tr("%1: your role cannot change this."),
        }
        return texts.get(problem.code, problem.code).replace("%1", column).replace("%2", detail)

    def file_problem_text(self, code: str) -> str:
        if code == "no_sku_column":
            return self.tr(
                "The file has no SKU column. The first row must name the columns (sku, quantity, …)."
            )
        if code == "empty":
            return self.tr("The file is empty.")
        return self.tr("The file could not be read: %1").replace("%1", code)
