"""pyqtgraph charts in the app's palette: bars for a few periods, a filled line for many."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QToolTip

from core.qt.theme import ThemePalette
from owner_app.ui.formatting import compact

pg.setConfigOptions(antialias=True)


class CompactAxis(pg.AxisItem):  # type: ignore[misc]
    """A value axis that writes 1.2M / 120만 instead of 1200000."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [compact(v * scale) for v in values]


class Chart(pg.PlotWidget):  # type: ignore[misc]
    """Bars (`bars=True`) or a filled line over labelled periods; hover shows the exact value."""

    def __init__(self, palette: ThemePalette, bars: bool = True) -> None:
        super().__init__(axisItems={"left": CompactAxis(orientation="left")})
        self.bars = bars
        self.labels: list[str] = []
        self.values: list[float] = []
        self.describe: Callable[[int], str] = lambda i: f"{self.labels[i]}: {self.values[i]:,.0f}"
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.showGrid(x=False, y=True, alpha=0.15)
        self.setMinimumHeight(180)
        self.scene().sigMouseMoved.connect(self._hover)
        self.set_palette(palette)

    def set_palette(self, palette: ThemePalette) -> None:
        self.palette_values = palette
        self.setBackground(QColor(palette.surface))
        for name in ("left", "bottom"):
            axis = self.getAxis(name)
            axis.setPen(pg.mkPen(QColor(palette.border)))
            axis.setTextPen(pg.mkPen(QColor(palette.muted)))
        self._draw()

    def set_series(
        self, labels: Sequence[str], values: Sequence[float], highlight: int | None = None
    ) -> None:
        self.labels = list(labels)
        self.values = [float(v) for v in values]
        self.highlight = highlight
        self._draw()

    def _draw(self) -> None:
        self.clear()
        if not self.values:
            return
        palette = self.palette_values
        accent = QColor(palette.accent)
        xs = list(range(len(self.values)))
        if self.bars:
            brushes = []
            for i in xs:
                colour = QColor(accent)
                if getattr(self, "highlight", None) is not None and i != self.highlight:
                    colour.setAlpha(150)
                brushes.append(pg.mkBrush(colour))
            item = pg.BarGraphItem(x=xs, height=self.values, width=0.62, brushes=brushes, pen=pg.mkPen(None))
            self.addItem(item)
        else:
            fill = QColor(accent)
            fill.setAlpha(45)
            self.plot(xs, self.values, pen=pg.mkPen(accent, width=2.2), fillLevel=0, brush=pg.mkBrush(fill))
        step = max(1, len(self.labels) // 10)
        ticks = [(i, self.labels[i]) for i in range(0, len(self.labels), step)]
        self.getAxis("bottom").setTicks([ticks])
        top = max(self.values) if self.values else 0.0
        self.setYRange(0, top * 1.12 if top > 0 else 1.0, padding=0)
        self.setXRange(-0.6, len(self.values) - 0.4, padding=0)

    def _hover(self, position: QPointF) -> None:
        if not self.values or not self.sceneBoundingRect().contains(position):
            return
        point = self.plotItem.vb.mapSceneToView(position)
        index = round(point.x())
        if 0 <= index < len(self.values):
            global_pos = self.mapToGlobal(self.mapFromScene(position).toPoint())
            QToolTip.showText(global_pos, self.describe(index), self)
        else:
            QToolTip.hideText()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Let the page scroll: a fixed report chart has nothing to zoom."""
        event.ignore()
