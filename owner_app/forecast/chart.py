"""The forecast chart (pyqtgraph): demand history, the forecast with its 80 % and 95 % bands, and below it
the projected stock with the reorder point and the suggested order date. Wheel zooms, drag pans (both plots
move together along the days), and hovering reads out the day under the cursor."""

from __future__ import annotations

from datetime import date, timedelta

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from core.qt.theme import ThemePalette
from owner_app.forecast.data import Series


class DayAxis(pg.AxisItem):  # type: ignore[misc]
    """x is days from the first forecast day; ticks read as dates."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.origin = date.today()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [(self.origin + timedelta(days=round(v))).strftime("%m/%d") for v in values]


def _alpha(colour: str, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


class ForecastChart(pg.GraphicsLayoutWidget):  # type: ignore[misc]
    def __init__(self, palette: ThemePalette) -> None:
        super().__init__()
        self.series = Series()
        self.labels = {"demand": "Units sold a day", "stock": "Projected stock", "reorder": "Reorder point"}
        self.demand_axis, self.stock_axis = DayAxis(orientation="bottom"), DayAxis(orientation="bottom")
        self.demand = self.addPlot(row=0, col=0, axisItems={"bottom": self.demand_axis})
        self.stock = self.addPlot(row=1, col=0, axisItems={"bottom": self.stock_axis})
        self.stock.setXLink(self.demand)
        self.ci.layout.setRowStretchFactor(0, 3)
        self.ci.layout.setRowStretchFactor(1, 2)
        for plot in (self.demand, self.stock):
            plot.setMenuEnabled(False)
            plot.showGrid(x=False, y=True, alpha=0.15)
            plot.getViewBox().setMouseEnabled(x=True, y=False)  # zoom and pan along the days
        self.cursor = [pg.InfiniteLine(angle=90, movable=False) for _ in range(2)]
        self.readout = pg.TextItem(anchor=(0, 0))
        self.hover_text = ""
        self.setMinimumHeight(260)
        self.scene().sigMouseMoved.connect(self._hover)
        self.set_palette(palette)

    def set_palette(self, palette: ThemePalette) -> None:
        self.palette_values = palette
        self.setBackground(QColor(palette.surface))
        for plot in (self.demand, self.stock):
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(pg.mkPen(QColor(palette.border)))
                axis.setTextPen(pg.mkPen(QColor(palette.muted)))
        self._draw()

    def set_series(self, series: Series) -> None:
        self.series = series
        self._draw()
        self.reset_view()

    def reset_view(self) -> None:
        """The last 8 weeks of history and the whole forecast."""
        s = self.series
        self.demand.setXRange(-min(len(s.history), 56), max(len(s.days), 1), padding=0.02)
        top = max([*s.history[-56:], *s.p975, 1.0])
        self.demand.setYRange(0, top * 1.1, padding=0)
        if s.stock:
            self.stock.setYRange(0, max([*s.stock, s.reorder_point or 0.0, 1.0]) * 1.15, padding=0)

    def _draw(self) -> None:
        palette, s = self.palette_values, self.series
        for plot in (self.demand, self.stock):
            plot.clear()
        origin = s.days[0] if s.days else (s.history_days[-1] + timedelta(days=1) if s.history_days else None)
        if origin is None:
            return
        self.demand_axis.origin = self.stock_axis.origin = origin
        hx = [(d - origin).days for d in s.history_days]
        self.demand.plot(hx, s.history, pen=pg.mkPen(palette.muted, width=1.4), name="history")
        fx = [(d - origin).days for d in s.days]
        if fx:
            for low, high, alpha in ((s.p025, s.p975, 40), (s.p10, s.p90, 75)):
                lower = pg.PlotDataItem(fx, low, pen=pg.mkPen(None))
                upper = pg.PlotDataItem(fx, high, pen=pg.mkPen(None))
                band = pg.FillBetweenItem(lower, upper, brush=pg.mkBrush(_alpha(palette.accent, alpha)))
                for item in (lower, upper, band):
                    self.demand.addItem(item)
            self.demand.plot(fx, s.mean, pen=pg.mkPen(palette.accent, width=2.2), name="forecast")
        today_line = pg.InfiniteLine(
            pos=-0.5, angle=90, pen=pg.mkPen(palette.border, style=Qt.PenStyle.DashLine)
        )
        self.demand.addItem(today_line)
        self.stock.setVisible(bool(s.stock))
        if s.stock:
            self.stock.plot(fx, s.stock, pen=pg.mkPen(palette.success, width=2.0), name="stock")
            if s.reorder_point is not None:
                pen = pg.mkPen(palette.warning, width=1.5, style=Qt.PenStyle.DashLine)
                self.stock.addItem(pg.InfiniteLine(pos=s.reorder_point, angle=0, pen=pen))
            if s.reorder_date is not None:
                x = (s.reorder_date - origin).days
                marker = pg.InfiniteLine(pos=x, angle=90, pen=pg.mkPen(palette.danger, width=1.5))
                self.stock.addItem(marker)
                self.demand.addItem(pg.InfiniteLine(pos=x, angle=90, pen=pg.mkPen(palette.danger, width=1)))
        for line, plot in zip(self.cursor, (self.demand, self.stock), strict=True):
            line.setPen(pg.mkPen(_alpha(palette.text, 90)))
            plot.addItem(line, ignoreBounds=True)
        self.readout.setColor(QColor(palette.text))
        self.demand.addItem(self.readout, ignoreBounds=True)
        self.readout.setText("")

    def describe(self, x: int) -> str:
        """The read-out for day x (days from the first forecast day); '' outside the data."""
        s = self.series
        if not s.days and not s.history_days:
            return ""
        origin = s.days[0] if s.days else s.history_days[-1] + timedelta(days=1)
        day = origin + timedelta(days=x)
        if 0 <= x < len(s.days):
            text = (
                f"{day:%Y-%m-%d}  {s.mean[x]:.1f}  (80%: {s.p10[x]:.0f}–{s.p90[x]:.0f}, "
                f"95%: {s.p025[x]:.0f}–{s.p975[x]:.0f})"
            )
            if s.stock:
                text += f"\n{self.labels['stock']}: {s.stock[x]:.0f}"
                if s.reorder_point is not None:
                    text += f" · {self.labels['reorder']}: {s.reorder_point:.0f}"
            return text
        back = len(s.history_days) + x
        if x < 0 and 0 <= back < len(s.history):
            return f"{day:%Y-%m-%d}  {s.history[back]:.0f}"
        return ""

    def _hover(self, position: QPointF) -> None:
        view = self.demand.getViewBox()
        point = view.mapSceneToView(position)
        x = round(point.x())
        self.hover_text = self.describe(x)
        for line in self.cursor:
            line.setPos(x)
        self.readout.setText(self.hover_text)
        x_range, y_range = view.viewRange()
        self.readout.setPos(x_range[0], y_range[1])
