"""One product's stock ledger in the store: each sale, refund, receipt, count and correction, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.qt.theme import ThemePalette
from core.schemas.common import Page
from core.schemas.inventory import MovementReason, StockMovementOut
from owner_app.context import AppContext
from owner_app.errors import error_text
from owner_app.inventory.rows import GridRow
from owner_app.ui.formatting import local_time
from owner_app.ui.widgets import label

PAGE_SIZE = 100
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class HistoryDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        row: GridRow,
        lang: str,
        palette: ThemePalette,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.row = row
        self.up, self.down = QColor(palette.success), QColor(palette.danger)
        self.movements: list[StockMovementOut] = []
        self.total = 0
        name = row.name_ko if lang == "ko" else row.name_en
        self.setWindowTitle(self.tr("Stock history"))
        self.resize(820, 560)
        self.heading = label(f"{name} · {row.sku}", "", "dialogTitle")
        self.status = label(self.tr("Loading…"), "muted")
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("When"),
                self.tr("Why"),
                self.tr("Change"),
                self.tr("After"),
                self.tr("By"),
                self.tr("Note"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.more = QPushButton(self.tr("Load older"))
        self.more.clicked.connect(self.load_more)
        self.more.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.more, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.load_more()

    def reason_text(self, reason: MovementReason) -> str:
        return {
            MovementReason.sale: self.tr("Sale"),
            MovementReason.refund: self.tr("Refund"),
            MovementReason.receipt: self.tr("Receipt"),
            MovementReason.count: self.tr("Count"),
            MovementReason.adjustment: self.tr("Correction"),
        }.get(reason, reason.value)

    def load_more(self) -> None:
        store_id = self.context.store_id
        if store_id is None:
            return
        self.more.setEnabled(False)
        self.context.run(
            self.context.client.stock_movements,
            store_id,
            self.row.product_id,
            offset=len(self.movements),
            limit=PAGE_SIZE,
            on_done=self.show_page,
            on_error=self.show_error,
        )

    def show_page(self, page: Page[StockMovementOut]) -> None:
        start = len(self.movements)
        self.movements.extend(page.items)
        self.total = page.total
        self.table.setRowCount(len(self.movements))
        for i, move in enumerate(page.items, start=start):
            cells = [
                local_time(move.created_at),
                self.reason_text(move.reason),
                f"{move.delta:+,}",
                f"{move.quantity_after:,}",
                move.actor,
                move.note,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3):
                    item.setTextAlignment(RIGHT)
                if col == 2:
                    item.setForeground(self.up if move.delta > 0 else self.down)
                self.table.setItem(i, col, item)
        self.status.setText(
            self.tr("%1 of %2 movements")
            .replace("%1", str(len(self.movements)))
            .replace("%2", str(self.total))
            if self.total
            else self.tr("No movements yet.")
        )
        self.more.setEnabled(len(self.movements) < self.total)

    def show_error(self, error: BaseException) -> None:
        self.status.setText(error_text(error))
        self.more.setEnabled(True)
