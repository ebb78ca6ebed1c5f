"""An on-screen keypad: big keys in a grid, for activation codes and staff PINs (a kiosk has no keyboard)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

BACKSPACE = "⌫"
CLEAR = "CLR"
DIGITS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", CLEAR, "0", BACKSPACE)


class Keypad(QWidget):
    """Emits `pressed(key)` for a character key, `backspace()` and `cleared()` for the two edit keys."""

    pressed = Signal(str)
    backspace = Signal()
    cleared = Signal()

    def __init__(
        self,
        keys: Sequence[str] = DIGITS,
        columns: int = 3,
        key_size: int = 120,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(14)
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(keys):
            button = QPushButton(key)
            button.setProperty("role", "key" if key not in (BACKSPACE, CLEAR) else "editKey")
            button.setMinimumWidth(min(key_size, 90))
            button.setFixedHeight(key_size)  # wide keys, not towers, on a tall screen
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _checked=False, k=key: self._on_key(k))
            grid.addWidget(button, index // columns, index % columns)
            self.buttons[key] = button

    def set_clear_text(self, text: str) -> None:
        if CLEAR in self.buttons:
            self.buttons[CLEAR].setText(text)

    def _on_key(self, key: str) -> None:
        if key == BACKSPACE:
            self.backspace.emit()
        elif key == CLEAR:
            self.cleared.emit()
        else:
            self.pressed.emit(key)
