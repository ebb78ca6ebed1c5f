"""Forecast: demand history and forecast with 80 % and 95 % bands for a product or a category total, the
projected stock against the reorder point, the products that need ordering soon (quantities editable) with
each one's backtest MASE, and the purchase-order draft per supplier as CSV or XLSX."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from core.schemas.common import Role
from core.schemas.events import EventOut
from core.timeutil import local_date, utcnow
from owner_app.context import AppContext
from owner_app.errors import error_text
from owner_app.forecast.chart import ForecastChart
from owner_app.forecast.data import ForecastData, Series, category_series, load_forecast_data, product_series
from owner_app.forecast.reorder import SORT_ROLE, ReorderModel, write_draft
from owner_app.pages.base import Page
from owner_app.ui.formatting import language
from owner_app.ui.icons import icon
from owner_app.ui.theme_state import ThemeState
from owner_app.ui.widgets import Card, label

ALL = "category:all"  # the store's total: every product (combo data are strings: Qt compares them)


class ForecastPage(Page):
    key = "forecast"
    icon = "history"
    order = 45
    data_shown = Signal(object)  # ForecastData

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("Pages", "Forecast")

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__(context, theme)
        self.data: ForecastData | None = None
        self.subject = QComboBox()
        self.subject.setMinimumContentsLength(34)
        self.subject.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.accuracy = label("", "muted")
        self.reset_button, self.run_button = QPushButton(), QPushButton()
        bar = QHBoxLayout()
        for widget in (self.subject, self.accuracy):
            bar.addWidget(widget)
            bar.addSpacing(12)
        bar.addStretch(1)
        bar.addWidget(self.reset_button)
        bar.addWidget(self.run_button)
        self.chart_card = Card()
        self.chart = ForecastChart(theme.palette)
        self.chart_card.body.addWidget(self.chart)
        self.legend = label("", "muted")
        self.legend.setWordWrap(True)
        self.chart_card.body.addWidget(self.legend)
        self.model = ReorderModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the model's order (soonest) until clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._show_row)
        self.table.setMinimumHeight(200)
        self.supplier = QComboBox()
        self.supplier.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.csv_button, self.xlsx_button = QPushButton(), QPushButton()
        self.table_card = Card()
        for tool in (self.supplier, self.csv_button, self.xlsx_button):
            self.table_card.tools.addWidget(tool)
        self.table_card.body.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(14)
        layout.addLayout(bar)
        layout.addWidget(self.chart_card, 3)
        layout.addWidget(self.table_card, 2)
        self.subject.currentIndexChanged.connect(lambda _i: self.show_subject())
        self.reset_button.clicked.connect(self.chart.reset_view)
        self.run_button.clicked.connect(self.run_forecast)
        self.csv_button.clicked.connect(lambda: self.choose_export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.choose_export("xlsx"))
        self.on_theme_changed()
        self.retranslate()
        self.set_read_only(self.read_only)

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        store = self.context.store
        if store is None:
            return
        self.context.run(
            load_forecast_data,
            self.context.client,
            store.id,
            store.brand_id,
            on_done=self.show_data,
            on_error=lambda e: self.chart_card.note.setText(error_text(e)),
        )

    def run_forecast(self) -> None:
        store_id = self.context.store_id
        if store_id is None:
            return
        self.run_button.setEnabled(False)

        def done(_result: object) -> None:
            self.set_read_only(self.read_only)
            self.reload()

        def failed(error: BaseException) -> None:
            self.set_read_only(self.read_only)
            self.chart_card.note.setText(error_text(error))

        self.context.run(self.context.client.run_forecast, store_id, on_done=done, on_error=failed)

    def on_event(self, event: EventOut) -> None:
        pass  # forecasts change once a night (or on "Forecast now"); a sale does not move them

    def show_data(self, data: ForecastData) -> None:
        if data.store_id != self.context.store_id:
            return
        self.data = data
        store = self.context.store
        today = local_date(utcnow(), store.timezone) if store else utcnow().date()
        self.model.set_data(data.suggestions, data.forecasts, today)
        self._fill_choices()
        self.data_shown.emit(data)

    def _fill_choices(self) -> None:
        data, current = self.data, self.subject.currentData()
        self.subject.blockSignals(True)
        self.subject.clear()
        self.subject.addItem(self.tr("All products (total)"), ALL)
        if data is not None:
            ko = language() == "ko"
            for category in data.categories:
                name = category.name_ko if ko else category.name_en
                self.subject.addItem(self.tr("%1 (total)").replace("%1", name), f"category:{category.id}")
            for f in sorted(data.forecasts, key=lambda f: f.sku):
                self.subject.addItem(f"{f.sku} · {f.name_ko if ko else f.name_en}", f"product:{f.product_id}")
        found = self.subject.findData(current)
        self.subject.setCurrentIndex(max(found, 0))
        self.subject.blockSignals(False)
        suppliers = self.model.suppliers()
        self.supplier.clear()
        self.supplier.addItem(self.tr("All suppliers"), None)
        for name in suppliers:
            self.supplier.addItem(name or self.tr("(no supplier)"), name)
        self.show_subject()

    def choose(self, kind: str, ident: int | None) -> None:
        """Show a product ("product", id) or a category total ("category", id or None for all)."""
        self.subject.setCurrentIndex(self.subject.findData(f"{kind}:{'all' if ident is None else ident}"))

    def _show_row(self, index: object) -> None:
        row = self.proxy.mapToSource(self.table.currentIndex()).row()
        if 0 <= row < len(self.model.rows):
            self.choose("product", self.model.rows[row].suggestion.product_id)

    def show_subject(self) -> None:
        data = self.data
        if data is None:
            return
        kind, _, ident = str(self.subject.currentData() or ALL).partition(":")
        if kind == "product":
            series: Series = product_series(data, int(ident))
        else:
            series = category_series(data, None if ident == "all" else int(ident))
        self.chart.set_series(series)
        if not data.forecasts:
            self.chart_card.note.setText(
                self.tr("No forecast yet: it is made every night, or now with the button.")
            )
        else:
            zone = ZoneInfo(self.context.store.timezone) if self.context.store else None
            made = max(f.generated_at for f in data.forecasts).astimezone(zone)
            self.chart_card.note.setText(self.tr("Forecast made %1").replace("%1", f"{made:%Y-%m-%d %H:%M}"))
        if series.mase is None:
            self.accuracy.setText(self.tr("Backtest accuracy: not enough history"))
        else:
            verdict = self.tr("beats") if series.mase < 1 else self.tr("does not beat")
            text = self.tr("Backtest MASE %1 (%2 a same-weekday-last-week guess)")
            self.accuracy.setText(text.replace("%1", f"{series.mase:.2f}").replace("%2", verdict))
        count = self.model.rowCount()
        self.table_card.note.setText(self.tr("%1 products to order soon").replace("%1", str(count)))

    # -- export -------------------------------------------------------------------------------------------
    def choose_export(self, suffix: str) -> None:
        name = f"purchase-order-draft-store{self.context.store_id}.{suffix}"
        kind = "CSV (*.csv)" if suffix == "csv" else "Excel (*.xlsx)"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export purchase order draft"), name, kind)
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path, supplier: str | None = None) -> None:
        """Write the draft of the chosen supplier (or all) with the quantities as edited in the table."""
        if supplier is None:
            supplier = self.supplier.currentData()
        lines = self.model.order_lines(supplier)
        title = self.tr("Purchase order draft, %1").replace(
            "%1", self.context.store.name if self.context.store else ""
        )
        self.context.run(
            write_draft,
            path,
            lines,
            title,
            on_done=lambda n: self.context.message.emit(
                self.tr("Exported %1 order lines to %2.").replace("%1", str(n)).replace("%2", str(path)), 6000
            ),
        )

    # -- state --------------------------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        owner = self.context.account.principal.role == Role.owner
        self.run_button.setEnabled(owner and not read_only)
        self.run_button.setVisible(owner)

    def on_theme_changed(self) -> None:
        palette = self.theme.palette
        self.chart.set_palette(palette)
        for button in (self.csv_button, self.xlsx_button):
            button.setIcon(icon("export", palette.muted))
        self.run_button.setIcon(icon("refresh", palette.muted))

    def retranslate(self) -> None:
        self.chart.labels = {
            "stock": self.tr("Projected stock"),
            "reorder": self.tr("Reorder point"),
        }
        self.chart_card.title.setText(self.tr("Demand forecast"))
        first = self.tr("Grey: units sold a day · blue: forecast, shaded 80% and 95% intervals.")
        second = self.tr("Lower plot: stock if nothing is ordered, dashed: reorder point, red: order by.")
        self.legend.setText(f"{first} {second} " + self.tr("Wheel zooms, drag pans."))
        self.table_card.title.setText(self.tr("To order soon"))
        self.reset_button.setText(self.tr("Reset zoom"))
        self.run_button.setText(self.tr("Forecast now"))
        self.csv_button.setText(self.tr("Export CSV"))
        self.xlsx_button.setText(self.tr("Export XLSX"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self.data is not None:
            self._fill_choices()
