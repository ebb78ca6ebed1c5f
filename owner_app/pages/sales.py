"""Sales: revenue by day, week, month or year over a chosen range (pyqtgraph), the best sellers, the split
by kiosk, this store against its brand, and CSV / XLSX export of the series."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from core.schemas.events import EventOut, EventType
from core.schemas.stats import Granularity
from core.timeutil import local_date, utcnow
from owner_app.context import AppContext
from owner_app.errors import error_text
from owner_app.pages.base import Page
from owner_app.sales.cards import BrandCard, KioskSplitCard, TopProductsCard
from owner_app.sales.data import SalesQuery, SalesReport, export_series, load_sales
from owner_app.ui.charts import Chart
from owner_app.ui.formatting import money
from owner_app.ui.icons import icon
from owner_app.ui.theme_state import ThemeState
from owner_app.ui.widgets import Card, StatTile, label

PRESETS = (
    ("last_30", 30, Granularity.day),
    ("last_90", 90, Granularity.week),
    ("last_365", 365, Granularity.month),
    ("last_5y", 5 * 365, Granularity.year),
)


def as_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class SalesPage(Page):
    key = "sales"
    icon = "sales"
    order = 40
    report_shown = Signal(object)  # SalesReport

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("Pages", "Sales")

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__(context, theme)
        self.report: SalesReport | None = None
        self._reload_soon = QTimer(self, singleShot=True, interval=300)
        self._reload_soon.timeout.connect(self._reload_if_shown)
        self.granularity = Granularity.day
        self.steps = QButtonGroup(self)
        self.step_buttons: dict[Granularity, QToolButton] = {}
        bar = QHBoxLayout()
        bar.setSpacing(0)
        for g in Granularity:
            button = QToolButton()
            button.setCheckable(True)
            button.setProperty("role", "segment")
            button.setChecked(g == self.granularity)
            self.steps.addButton(button)
            self.step_buttons[g] = button
            button.clicked.connect(lambda _c=False, g=g: self.set_granularity(g))
            bar.addWidget(button)
        bar.addSpacing(16)
        self.preset = QComboBox()
        for key, _days, _g in PRESETS:
            self.preset.addItem("", key)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self._reload_soon.start())
        self.dash = label("–", "muted")
        self.export_button = QPushButton()
        for widget in (self.preset, self.start, self.dash, self.end):
            bar.addWidget(widget)
            bar.addSpacing(6)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.tiles = [StatTile() for _ in range(4)]
        tiles = QHBoxLayout()
        tiles.setSpacing(16)
        for tile in self.tiles:
            tiles.addWidget(tile)
        self.chart_card = Card()
        self.chart = Chart(theme.palette, bars=True)
        self.chart_card.body.addWidget(self.chart)
        self.top_card, self.kiosk_card, self.brand_card = TopProductsCard(), KioskSplitCard(), BrandCard()
        cards = QGridLayout()
        cards.setSpacing(16)
        for i, card in enumerate((self.top_card, self.kiosk_card, self.brand_card)):
            cards.addWidget(card, 0, i)
            cards.setColumnStretch(i, (8, 9, 7)[i])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(14)
        layout.addLayout(bar)
        layout.addLayout(tiles)
        layout.addWidget(self.chart_card, 5)
        layout.addLayout(cards, 4)
        self.preset.currentIndexChanged.connect(self.apply_preset)
        self.export_button.clicked.connect(self.choose_export)
        self.apply_preset(0)
        self.on_theme_changed()
        self.retranslate()

    # -- query --------------------------------------------------------------------------------------------
    def today(self) -> date:
        store = self.context.store
        return local_date(utcnow(), store.timezone) if store else date.today()

    def apply_preset(self, index: int) -> None:
        _key, days, granularity = PRESETS[max(0, index)]
        end = self.today()
        self.set_range(end - timedelta(days=days - 1), end, granularity)

    def set_range(self, start: date, end: date, granularity: Granularity | None = None) -> None:
        for edit, value in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(value.year, value.month, value.day))
            edit.blockSignals(False)
        if granularity is not None:
            self.granularity = granularity
            self.step_buttons[granularity].setChecked(True)
        self._reload_soon.start()

    def set_granularity(self, granularity: Granularity) -> None:
        self.granularity = granularity
        self.step_buttons[granularity].setChecked(True)
        self._reload_soon.start()

    def query(self) -> SalesQuery | None:
        store = self.context.store
        if store is None:
            return None
        return SalesQuery(store, self.granularity, as_date(self.start.date()), as_date(self.end.date()))

    def _reload_if_shown(self) -> None:
        """A changed range or step: load now if the page is on screen, else when it is next shown."""
        if self.isVisible():
            self.reload()
        else:
            self.stale = True

    def reload(self) -> None:
        query = self.query()
        if query is None:
            return
        problem = query.problem()
        if problem is not None:
            why = {
                "reversed": self.tr("The range ends before it starts."),
                "too_many_buckets": self.tr("Too many bars: choose a shorter range or a longer step."),
            }
            self.chart_card.note.setText(why[problem])
            return
        compare = self.context.permissions.compare_brand
        self.context.run(
            load_sales,
            self.context.client,
            query,
            compare,
            on_done=self.show_report,
            on_error=lambda e: self.chart_card.note.setText(error_text(e)),
        )

    def on_event(self, event: EventOut) -> None:
        if event.type in (EventType.order_created, EventType.order_refunded):
            self.stale = True  # reloaded when next shown; a chart that jumps while being read helps nobody

    def on_store(self, store: object) -> None:
        self.apply_preset(self.preset.currentIndex())

    # -- drawing ------------------------------------------------------------------------------------------
    def show_report(self, report: SalesReport) -> None:
        if report.query.store.id != self.context.store_id:
            return
        self.report = report
        self._render()
        self.report_shown.emit(report)

    def _render(self) -> None:
        report = self.report
        if report is None:
            return
        series, currency = report.series, report.series.currency
        orders, revenue = series.total_orders, series.total_revenue
        basket = money(revenue // orders, currency) if orders else "–"
        values = (money(revenue, currency), f"{orders:,}", f"{report.items:,}", basket)
        for tile, value in zip(self.tiles, values, strict=True):
            tile.set(value, f"{report.query.start:%Y-%m-%d} – {report.query.end:%Y-%m-%d}")
        formats = {
            Granularity.day: "%m/%d",
            Granularity.week: "%m/%d",
            Granularity.month: "%Y-%m",
            Granularity.year: "%Y",
        }
        labels = [b.period_start.strftime(formats[series.granularity]) for b in series.buckets]
        self.chart.bars = len(labels) <= 45
        self.chart.set_series(labels, [b.revenue for b in series.buckets])
        self.chart.describe = lambda i: (
            f"{labels[i]} · {money(series.buckets[i].revenue, currency)} · "
            + self.tr("%1 orders").replace("%1", f"{series.buckets[i].orders:,}")
        )
        self.chart_card.note.setText(
            self.tr("Revenue per %1").replace("%1", self.step_name(series.granularity))
        )
        self.top_card.show_top(report.top, currency)
        self.kiosk_card.show_split(report.by_device)
        self.brand_card.show_comparison(
            report.comparison, report.query.store.id, self.context.permissions.compare_brand
        )

    def step_name(self, granularity: Granularity) -> str:
        return {
            Granularity.day: self.tr("day"),
            Granularity.week: self.tr("week"),
            Granularity.month: self.tr("month"),
            Granularity.year: self.tr("year"),
        }[granularity]

    # -- export -------------------------------------------------------------------------------------------
    def choose_export(self) -> None:
        if self.report is None:
            return
        q = self.report.query
        name = f"sales-{q.store.id}-{q.granularity.value}-{q.start:%Y%m%d}-{q.end:%Y%m%d}.csv"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export sales"), name, "CSV (*.csv);;Excel (*.xlsx)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        if self.report is not None:
            self.context.run(
                export_series,
                path,
                self.report,
                on_done=lambda n: self.context.message.emit(
                    self.tr("Exported %1 rows to %2.").replace("%1", str(n)).replace("%2", str(path)), 6000
                ),
            )

    def on_theme_changed(self) -> None:
        self.chart.set_palette(self.theme.palette)
        self.export_button.setIcon(icon("export", self.theme.palette.muted))

    def retranslate(self) -> None:
        names = (self.tr("Day"), self.tr("Week"), self.tr("Month"), self.tr("Year"))
        for button, text in zip(self.step_buttons.values(), names, strict=True):
            button.setText(text)
        presets = (
            self.tr("Last 30 days"),
            self.tr("Last 90 days"),
            self.tr("Last 12 months"),
            self.tr("Last 5 years"),
        )
        for i, text in enumerate(presets):
            self.preset.setItemText(i, text)
        self.export_button.setText(self.tr("Export CSV"))
        captions = (self.tr("Revenue"), self.tr("Orders"), self.tr("Items sold"), self.tr("Average basket"))
        for tile, text in zip(self.tiles, captions, strict=True):
            tile.caption.setText(text)
        self.chart_card.title.setText(self.tr("Sales"))
        for card in (self.top_card, self.kiosk_card, self.brand_card):
            card.retranslate()
        self._render()
