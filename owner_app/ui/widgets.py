"""Building blocks the pages share: cards, stat tiles, the offline banner, a busy spinner, status pills."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


def label(text: str = "", role: str = "", name: str = "") -> QLabel:
    widget = QLabel(text)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    return widget


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed (Qt does not do it by itself)."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


class Card(QFrame):
    """A white panel with a title row (title, optional note and actions on the right) and a body."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 16)
        outer.setSpacing(10)
        head = QHBoxLayout()
        head.setSpacing(8)
        self.title = label(title, "cardTitle")
        self.note = label("", "muted")
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.note)
        self.tools = QHBoxLayout()
        self.tools.setSpacing(6)
        head.addLayout(self.tools)
        outer.addLayout(head)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        outer.addLayout(self.body, 1)


class StatTile(QFrame):
    """A big figure with a caption and a small line under it (change, context)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "stat")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(2)
        self.caption = label("", "statLabel")
        self.value = label("–", "statValue")
        self.detail = label("", "muted")
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "", tone: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        if self.value.property("tone") != tone:
            self.value.setProperty("tone", tone)
            restyle(self.value)


class Pill(QLabel):
    """A rounded status label; `tone` is ok, warn, bad or neutral."""

    def __init__(self, text: str = "", tone: str = "neutral", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setProperty("role", "pill")
        self.set_tone(tone)

    def set_tone(self, tone: str) -> None:
        self.setProperty("tone", tone)
        restyle(self)


class Banner(QFrame):
    """A full-width strip under the header, e.g. "Offline: read-only"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(24, 8, 24, 8)
        self.icon = QLabel()
        self.text = label("", "bannerText")
        self.text.setWordWrap(True)
        self.row.addWidget(self.icon)
        self.row.addWidget(self.text, 1)
        self.hide()


class BusySpinner(QWidget):
    """A small turning arc, shown while calls are in flight (every call runs off the GUI thread)."""

    def __init__(self, colour: str = "#1f6feb", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = QColor(colour)
        self.setFixedSize(18, 18)
        self._angle = 0
        self._timer = QTimer(self)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self._step)
        self.setVisible(False)

    def set_busy(self, busy: bool) -> None:
        self.setVisible(busy)
        if busy:
            self._timer.start()
        else:
            self._timer.stop()

    def _step(self) -> None:
        self._angle = (self._angle + 30) % 360
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.colour, 2.5)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(QRectF(2, 2, 14, 14), -self._angle * 16, 270 * 16)
        painter.end()


def empty_state(text: str) -> QLabel:
    widget = label(text, "empty")
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    widget.setWordWrap(True)
    return widget
