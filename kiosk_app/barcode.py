"""A USB barcode scanner acts as a keyboard: it types the code fast and ends with Enter.

An application-wide event filter collects those bursts, so a scan works whatever has focus (the kiosk has
no text field a scan should go into). Keys typed slowly are not a scan: a lone key after a pause is handed
on as a hot key (the demo's A, L, 1, 2, 3, P, N), so a scanned "12" never taps a test card.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent

SCAN_GAP_MS = 80  # scanners send a key every few milliseconds; people are far slower
MIN_SCAN_LENGTH = 4
# By the text the key types, not Qt.Key: building PySide's Qt.Key enum (hundreds of members) costs a
# tenth of a second, which the cold start and the first scan should not pay.
_ENTER = ("\r", "\n")


class BarcodeListener(QObject):
    scanned = Signal(str)
    hot_key = Signal(str)  # one printable key on its own (upper case)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = ""
        self._since_last = QElapsedTimer()
        self._lone_key = QTimer(self)
        self._lone_key.setSingleShot(True)
        self._lone_key.timeout.connect(self._flush_lone_key)
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.isAutoRepeat() or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        gap_too_long = self._since_last.isValid() and self._since_last.elapsed() > SCAN_GAP_MS
        self._since_last.restart()
        if event.text() in _ENTER:
            code, self._buffer = self._buffer, ""
            self._lone_key.stop()
            if len(code) >= MIN_SCAN_LENGTH and not gap_too_long and self.enabled:
                self.scanned.emit(code)
                return True
            return False
        text = event.text()
        if not text or not text.isprintable():
            return False
        if gap_too_long:
            self._flush_lone_key()
        self._buffer += text
        self._lone_key.start(SCAN_GAP_MS)
        return True  # keys are the scanner's or the demo's: nothing on the kiosk takes typing

    def _flush_lone_key(self) -> None:
        self._lone_key.stop()
        if len(self._buffer) == 1:
            self.hot_key.emit(self._buffer.upper())
        self._buffer = ""
