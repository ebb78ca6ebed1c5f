"""The touch search keypad: Korean initial consonants (초성) or Latin letters, following the language."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk_app.catalogue_view import KEYPAD_INITIALS
from kiosk_app.widgets.keypad import BACKSPACE, CLEAR, Keypad

LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
MAX_QUERY = 12


class SearchPad(QFrame):
    query_changed = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "searchPad")
        self.query = ""
        self.language = ""
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(28, 24, 28, 24)
        self._column.setSpacing(18)
        top = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setProperty("role", "muted")
        self.hint.setWordWrap(True)
        self.done_button = QPushButton()
        self.done_button.setProperty("role", "secondary")
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.clicked.connect(self.closed)
        top.addWidget(self.hint, 1)
        top.addWidget(self.done_button)
        self._column.addLayout(top)
        self.keypad: Keypad | None = None
        self.set_language("ko")
        self.retranslate()

    def set_language(self, language: str) -> None:
        if language == self.language:
            return
        self.language = language
        if self.keypad is not None:
            self.keypad.deleteLater()
        keys = [*(KEYPAD_INITIALS if language == "ko" else LATIN), CLEAR, BACKSPACE]
        self.keypad = Keypad(keys, columns=8 if language == "ko" else 7, key_size=96)
        self.keypad.pressed.connect(self._type)
        self.keypad.backspace.connect(lambda: self.set_query(self.query[:-1]))
        self.keypad.cleared.connect(lambda: self.set_query(""))
        self._column.addWidget(self.keypad)
        self.retranslate()

    def set_query(self, query: str) -> None:
        if query != self.query:
            self.query = query
            self.query_changed.emit(query)

    def _type(self, key: str) -> None:
        if len(self.query) < MAX_QUERY:
            self.set_query(self.query + key)

    def retranslate(self) -> None:
        if self.language == "ko":
            self.hint.setText(self.tr("Tap the first consonants of the name: ㄱㅂ finds 김밥."))
        else:
            self.hint.setText(self.tr("Tap the first letters of the name."))
        self.done_button.setText(self.tr("Done"))
        if self.keypad is not None:
            self.keypad.set_clear_text(self.tr("Clear"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
