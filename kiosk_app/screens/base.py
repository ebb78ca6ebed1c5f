"""What every screen shares: texts set again on a language change, and small builders for the kiosk's
large labels and buttons (styled by resources/themes/kiosk.qss through their `role` property)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QWidget

from kiosk_app.widgets.art import icon, icon_size


class Screen(QWidget):
    """A page of the kiosk's stack. `enter()` runs each time it is shown; `retranslate()` sets every text."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def prepare(self) -> None:
        """Called just before the screen is shown: set what it shows while it is still hidden. Inside a
        visible window each widget shown or hidden lays out the whole window again (~1.5 ms a widget)."""

    def enter(self) -> None:
        """Called when the controller has switched to this screen (it is visible now)."""

    def retranslate(self) -> None:
        """Set every translatable text (called at start and on each language change)."""

    def warm_up(self) -> None:
        """Style every widget now and make what a first visit would make (called once per screen, one
        screen per event-loop turn, after start-up): a customer's first visit then switches in ~5 ms."""
        self.ensurePolished()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def label(role: str, *, wrap: bool = True, align: Qt.AlignmentFlag | None = None) -> QLabel:
    widget = QLabel()
    widget.setProperty("role", role)
    widget.setWordWrap(wrap)
    if align is not None:
        widget.setAlignment(align)
    return widget


class IconButton(QPushButton):
    """A button whose text keeps clear of its icon (Qt draws them touching)."""

    def setText(self, text: str) -> None:
        super().setText(f"  {text}" if not self.icon().isNull() and text else text)


def button(
    role: str, icon_name: str | None = None, icon_colour: str = "#ffffff", icon_px: int = 44
) -> QPushButton:
    widget = IconButton()
    widget.setProperty("role", role)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    if icon_name:
        widget.setIcon(icon(icon_name, icon_colour, icon_px * 2))
        widget.setIconSize(icon_size(icon_px))
    return widget


def restyle(widget: QWidget, **properties: object) -> None:
    """Change dynamic properties the style sheet selects on, and make the style notice."""
    for name, value in properties.items():
        widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
