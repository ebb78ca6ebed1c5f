"""Dashboard: today's sales and orders, the last seven days, open alerts, low stock and the kiosks — kept
current by the live event stream (an order bumps today's figures at once; a debounced reload confirms)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core.schemas.events import EventOut, EventType
from core.schemas.orders import OrderStatus
from core.timeutil import utcnow
from owner_app.context import AppContext
from owner_app.pages.base import Page
from owner_app.pages.dashboard_data import DashboardData, load_dashboard
from owner_app.ui.charts import Chart
from owner_app.ui.formatting import ago, language, local_time, money
from owner_app.ui.labels import alert_type, severity
from owner_app.ui.theme_state import ThemeState
from owner_app.ui.widgets import Card, StatTile, label

RELOAD_AFTER_EVENT_MS = 800
PERIODIC_RELOAD_MS = 60_000  # kiosks drop offline without an event: look again now and then
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RELOADING_EVENTS = {
    EventType.order_created,
    EventType.order_refunded,
    EventType.stock_changed,
    EventType.stock_low,
    EventType.alert_created,
    EventType.alert_updated,
    EventType.device_activated,
    EventType.device_revoked,
    EventType.device_heartbeat,
    EventType.product_changed,
}


def small_table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(34)
    table.setShowGrid(False)
    table.setProperty("role", "plain")
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name takes what is left
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def fill_row(
    table: QTableWidget, row: int, cells: list[str], right: tuple[int, ...] = ()
) -> list[QTableWidgetItem]:
    items = []
    for col, text in enumerate(cells):
        item = QTableWidgetItem(text)
        if col in right:
            item.setTextAlignment(RIGHT)
        table.setItem(row, col, item)
        items.append(item)
    return items


class DashboardPage(Page):
    key = "dashboard"
    icon = "dashboard"
    order = 10

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("Pages", "Dashboard")

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__(context, theme)
        self.data: DashboardData | None = None
        self.updated_at: datetime | None = None
        self.sales_tile, self.orders_tile, self.alerts_tile, self.kiosks_tile = (StatTile() for _ in range(4))
        tiles = QHBoxLayout()
        tiles.setSpacing(16)
        for tile in (self.sales_tile, self.orders_tile, self.alerts_tile, self.kiosks_tile):
            tiles.addWidget(tile)
        self.trend_card, self.alerts_card = Card(), Card()
        self.low_card, self.kiosk_card = Card(), Card()
        self.chart = Chart(theme.palette, bars=True)
        self.trend_card.body.addWidget(self.chart)
        self.alerts_table = small_table(3)
        self.alerts_card.body.addWidget(self.alerts_table)
        self.low_table = small_table(4)
        self.low_card.body.addWidget(self.low_table)
        self.kiosk_table = small_table(4)
        self.kiosk_card.body.addWidget(self.kiosk_table)
        grid = QGridLayout()
        grid.setSpacing(16)
        grid.addWidget(self.trend_card, 0, 0)
        grid.addWidget(self.alerts_card, 0, 1)
        grid.addWidget(self.low_card, 1, 0)
        grid.addWidget(self.kiosk_card, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 5)
        grid.setRowStretch(1, 4)
        self.live_note = label("", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(16)
        layout.addLayout(tiles)
        layout.addLayout(grid, 1)
        layout.addWidget(self.live_note)
        self._reload_soon = QTimer(self, singleShot=True, interval=RELOAD_AFTER_EVENT_MS)
        self._reload_soon.timeout.connect(self.reload)
        self._periodic = QTimer(self, interval=PERIODIC_RELOAD_MS)
        self._periodic.timeout.connect(self._reload_if_visible)
        self._periodic.start()
        self.retranslate()

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        store = self.context.store
        if store is not None:
            self.context.run(load_dashboard, self.context.client, store, on_done=self.show_data)

    def _reload_if_visible(self) -> None:
        if self.isVisible():
            self.reload()

    def show_data(self, data: DashboardData) -> None:
        if data.store.id != self.context.store_id:
            return  # an answer for the store we just switched away from
        self.data = data
        self.updated_at = utcnow()
        self._render()

    def on_event(self, event: EventOut) -> None:
        if event.type not in RELOADING_EVENTS:
            return
        if not self.isVisible():
            self.stale = True  # loaded fresh when shown; no calls for a page nobody looks at
            return
        paid = event.data.get("status") != OrderStatus.payment_failed
        if event.type == EventType.order_created and self.data is not None and paid:
            self.data = self.data.with_order(int(event.data.get("total") or 0))
            self._render()
        self._reload_soon.start()

    def set_read_only(self, read_only: bool) -> None:
        self._render()  # the footer says whether the figures are live

    def on_theme_changed(self) -> None:
        self.chart.set_palette(self.theme.palette)

    # -- drawing ------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.sales_tile.caption.setText(self.tr("Sales today"))
        self.orders_tile.caption.setText(self.tr("Orders today"))
        self.alerts_tile.caption.setText(self.tr("Open alerts"))
        self.kiosks_tile.caption.setText(self.tr("Kiosks online"))
        self.trend_card.title.setText(self.tr("Last 7 days"))
        self.alerts_card.title.setText(self.tr("Open alerts"))
        self.low_card.title.setText(self.tr("Low stock"))
        self.kiosk_card.title.setText(self.tr("Kiosks"))
        self.alerts_table.setHorizontalHeaderLabels([self.tr("Alert"), self.tr("Camera"), self.tr("When")])
        self.low_table.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("On hand"), self.tr("Reorder at"), self.tr("Shelf")]
        )
        self.kiosk_table.setHorizontalHeaderLabels(
            [self.tr("Kiosk"), self.tr("Status"), self.tr("Last heartbeat"), self.tr("Version")]
        )
        self._render()

    def _render(self) -> None:
        data = self.data
        if data is None:
            return
        currency = data.store.currency
        today, yesterday = data.today_bucket, data.yesterday_bucket
        change = self.tr("Yesterday %1").replace("%1", money(yesterday.revenue, currency))
        self.sales_tile.set(money(today.revenue, currency), change)
        basket = money(today.revenue // today.orders, currency) if today.orders else "–"
        self.orders_tile.set(f"{today.orders:,}", self.tr("Average basket %1").replace("%1", basket))
        self.alerts_tile.set(
            str(data.alerts_total),
            self.tr("Waiting for review") if data.alerts_total else self.tr("All clear"),
            "bad" if data.alerts_total else "ok",
        )
        total = len(data.kiosks)
        self.kiosks_tile.set(
            f"{data.kiosks_online} / {total}",
            self.tr("%1 offline").replace("%1", str(total - data.kiosks_online))
            if total
            else self.tr("No kiosks yet"),
            "warn" if data.kiosks_online < total else "ok",
        )
        labels = [d.period_start.strftime("%m/%d") for d in data.days]
        labels[-1] = self.tr("Today")
        self.chart.set_series(labels, [d.revenue for d in data.days], highlight=len(labels) - 1)
        self.chart.describe = lambda i: (
            f"{labels[i]} · {money(data.days[i].revenue, currency)} · "
            + self.tr("%1 orders").replace("%1", str(data.days[i].orders))
        )
        self.trend_card.note.setText(money(sum(d.revenue for d in data.days), currency))
        self._render_lists(data)
        when = local_time(self.updated_at, with_date=False) if self.updated_at else ""
        note = self.tr("Live · updated %1") if self.context.online else self.tr("Offline · last updated %1")
        self.live_note.setText(note.replace("%1", when))

    def _render_lists(self, data: DashboardData) -> None:
        lang = language()
        self.alerts_table.setRowCount(len(data.alerts))
        for row, alert in enumerate(data.alerts):
            fill_row(
                self.alerts_table,
                row,
                [
                    f"{alert_type(alert.type.value)} · {severity(alert.severity.value)}",
                    alert.camera_name or alert.camera_id,
                    ago(alert.started_at),
                ],
            )
        self.alerts_card.note.setText(self.tr("none") if not data.alerts else "")
        self.low_table.setRowCount(len(data.low_stock))
        for row, item in enumerate(data.low_stock):
            name = item.name_ko if lang == "ko" else item.name_en
            cells = fill_row(
                self.low_table,
                row,
                [name, str(item.quantity), str(item.reorder_level), item.shelf_location or "–"],
                right=(1, 2),
            )
            if item.quantity <= 0:
                cells[1].setForeground(self.palette_colour("danger"))
        self.low_card.note.setText(
            self.tr("%1 at or below reorder level · %2 empty")
            .replace("%1", str(data.low_total))
            .replace("%2", str(data.zero_total))
        )
        self.kiosk_table.setRowCount(len(data.kiosks))
        for row, device in enumerate(data.kiosks):
            status = self.tr("Online") if device.online else self.tr("Offline")
            cells = fill_row(
                self.kiosk_table,
                row,
                [device.name or device.id[:8], status, ago(device.last_seen_at), device.app_version or "–"],
            )
            colour = self.palette_colour("success" if device.online else "danger")
            cells[1].setForeground(colour)
        self.kiosk_card.note.setText(self.tr("none registered") if not data.kiosks else "")

    def palette_colour(self, name: str) -> QColor:
        return QColor(getattr(self.theme.palette, name))
