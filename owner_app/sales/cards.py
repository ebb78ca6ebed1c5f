"""The cards under the sales chart: best sellers, the split by kiosk, and how the store ranks in its brand."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
)

from core.schemas.stats import BrandComparison, DeviceSalesReport, TopProduct
from owner_app.ui.formatting import language, money
from owner_app.ui.widgets import Card, label

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.setShowGrid(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(32)
    table.setProperty("role", "plain")
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1 if columns > 3 else 0, QHeaderView.ResizeMode.Stretch)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def _set(table: QTableWidget, row: int, cells: list[str], right_from: int) -> None:
    for col, text in enumerate(cells):
        item = QTableWidgetItem(text)
        if col >= right_from:
            item.setTextAlignment(RIGHT)
        table.setItem(row, col, item)


class TopProductsCard(Card):
    def __init__(self) -> None:
        super().__init__()
        self.table = _table(4)
        self.body.addWidget(self.table)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Top products"))
        self.table.setHorizontalHeaderLabels(["#", self.tr("Product"), self.tr("Sold"), self.tr("Revenue")])

    def show_top(self, top: list[TopProduct], currency: str) -> None:
        self.table.setRowCount(len(top))
        for i, product in enumerate(top):
            name = product.name_ko if language() == "ko" else product.name_en
            _set(
                self.table,
                i,
                [str(i + 1), name, f"{product.quantity:,}", money(product.revenue, currency)],
                2,
            )
        self.note.setText("" if top else self.tr("No sales in this range"))


class KioskSplitCard(Card):
    def __init__(self) -> None:
        super().__init__()
        self.table = _table(4)
        self.body.addWidget(self.table)

    def retranslate(self) -> None:
        self.title.setText(self.tr("By kiosk"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kiosk"), self.tr("Orders"), self.tr("Revenue"), self.tr("Share")]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def show_split(self, report: DeviceSalesReport) -> None:
        total = sum(d.revenue for d in report.devices) or 1
        self.table.setRowCount(len(report.devices))
        for i, device in enumerate(sorted(report.devices, key=lambda d: -d.revenue)):
            name = device.device_name or (self.tr("No kiosk recorded") if device.device_id is None else "?")
            share = f"{device.revenue * 100 / total:.0f}%"
            _set(
                self.table, i, [name, f"{device.orders:,}", money(device.revenue, report.currency), share], 1
            )
        self.note.setText("" if report.devices else self.tr("No sales in this range"))


class BrandCard(Card):
    """This store's last 30 days against the brand's average, its rank, and every store as a bar."""

    def __init__(self) -> None:
        super().__init__()
        self.rank = label("–", "statValue")
        self.line = label("", "muted")
        self.line.setWordWrap(True)
        self.body.addWidget(self.rank)
        self.body.addWidget(self.line)
        self.bars: list[tuple[QProgressBar, QLabel]] = []
        self.body.addStretch(1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Brand comparison · 30 days"))

    def show_comparison(self, comparison: BrandComparison | None, store_id: int, allowed: bool) -> None:
        for bar, caption in self.bars:
            bar.deleteLater()
            caption.deleteLater()
        self.bars.clear()
        if comparison is None:
            self.rank.setText("–")
            self.line.setText(
                self.tr("Only owners compare stores.") if not allowed else self.tr("Not available.")
            )
            return
        mine = next((s for s in comparison.stores if s.store_id == store_id), None)
        currency = comparison.currency
        if mine is None:
            self.rank.setText("–")
            self.line.setText(self.tr("This store has no sales in the last 30 days."))
            return
        self.rank.setText(
            self.tr("Rank %1 of %2").replace("%1", str(mine.rank)).replace("%2", str(len(comparison.stores)))
        )
        average = comparison.average_30d
        diff = (mine.revenue_30d - average) * 100 / average if average else 0.0
        text = self.tr("%1 in 30 days · brand average %2 (%3)")
        self.line.setText(
            text.replace("%1", money(mine.revenue_30d, currency))
            .replace("%2", money(average, currency))
            .replace("%3", f"{diff:+.0f}%")
        )
        top = max((s.revenue_30d for s in comparison.stores), default=1) or 1
        position = self.body.count() - 1
        for store in comparison.stores[:6]:
            caption = label(
                f"{store.rank}. {store.store_name} · {money(store.revenue_30d, currency)}", "muted"
            )
            bar = QProgressBar()
            bar.setTextVisible(False)
            bar.setRange(0, 1000)
            bar.setValue(int(store.revenue_30d * 1000 / top))
            bar.setFixedHeight(8)
            bar.setProperty("tone", "accent" if store.store_id == store_id else "neutral")
            self.body.insertWidget(position, caption)
            self.body.insertWidget(position + 1, bar)
            position += 2
            self.bars.append((bar, caption))
