"""Full-window overlays (no dialogs: a kiosk has no window manager to raise them): the "still there?"
countdown, the staff PIN keypad, and a short toast for things like "added to cart"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk_app.staff_pin import MAX_DIGITS, MIN_DIGITS
from kiosk_app.widgets.keypad import Keypad


class Overlay(QWidget):
    """Covers its parent with a dimmed backdrop and holds a centred card (`self.card`)."""

    def __init__(self, parent: QWidget, name: str) -> None:
        super().__init__(parent)
        self.host = parent
        self.setObjectName(name)
        self.card = QFrame(self)
        self.card.setProperty("role", "overlayCard")
        self.layout_ = QVBoxLayout(self.card)
        self.layout_.setContentsMargins(56, 56, 56, 56)
        self.layout_.setSpacing(28)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 60, 60, 60)
        outer.addStretch(1)
        outer.addWidget(self.card)
        outer.addStretch(1)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.host.rect())
        return False

    def open(self) -> None:
        self.setGeometry(self.host.rect())
        self.raise_()
        self.show()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(10, 16, 28, 170))
        painter.end()


class IdleOverlay(Overlay):
    resumed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "idleOverlay")
        self.title = QLabel()
        self.title.setProperty("role", "overlayTitle")
        self.seconds = QLabel()
        self.seconds.setObjectName("countdown")
        self.hint = QLabel()
        self.hint.setProperty("role", "overlayText")
        self.resume_button = QPushButton()
        self.resume_button.setProperty("role", "primary")
        self.resume_button.clicked.connect(self.resumed)
        for label in (self.title, self.seconds, self.hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            self.layout_.addWidget(label)
        self.layout_.addWidget(self.resume_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Are you still there?"))
        self.hint.setText(self.tr("Your cart will be cleared and the kiosk will start over."))
        self.resume_button.setText(self.tr("I'm still here"))

    def show_seconds(self, seconds: int) -> None:
        self.seconds.setText(str(seconds))
        if not self.isVisible():
            self.open()

    def mousePressEvent(self, event: object) -> None:
        self.resumed.emit()  # any touch on the backdrop means "still here"


class PinOverlay(Overlay):
    """The staff PIN keypad; the controller checks the PIN (on a worker) and answers with `show_result`."""

    submitted = Signal(str, str)  # purpose, PIN
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "pinOverlay")
        self.purpose = "maintenance"
        self.pin = ""
        self.title = QLabel()
        self.title.setProperty("role", "overlayTitle")
        self.message = QLabel()
        self.message.setProperty("role", "overlayText")
        self.dots = QLabel()
        self.dots.setObjectName("pinDots")
        for label in (self.title, self.message, self.dots):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            self.layout_.addWidget(label)
        self.keypad = Keypad(key_size=110)
        self.keypad.pressed.connect(self._digit)
        self.keypad.backspace.connect(lambda: self._set_pin(self.pin[:-1]))
        self.keypad.cleared.connect(lambda: self._set_pin(""))
        self.layout_.addWidget(self.keypad)
        row = QHBoxLayout()
        row.setSpacing(20)
        self.cancel_button = QPushButton()
        self.cancel_button.setProperty("role", "secondary")
        self.cancel_button.clicked.connect(self._cancel)
        self.ok_button = QPushButton()
        self.ok_button.setProperty("role", "primary")
        self.ok_button.clicked.connect(self._submit)
        row.addWidget(self.cancel_button, 1)
        row.addWidget(self.ok_button, 1)
        self.layout_.addLayout(row)
        self.retranslate()

    def ask(self, purpose: str) -> None:
        self.purpose = purpose
        self._set_pin("")
        self.message.setProperty("role", "overlayText")
        self.retranslate()
        self.open()

    def retranslate(self) -> None:
        if self.purpose == "age_check":
            self.title.setText(self.tr("Staff age check"))
            self.message.setText(
                self.tr("Your cart has age-restricted items. Staff: check ID, then enter your PIN.")
            )
        else:
            self.title.setText(self.tr("Staff PIN"))
            self.message.setText(self.tr("Enter the staff PIN to open maintenance."))
        self.keypad.set_clear_text(self.tr("Clear"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.ok_button.setText(self.tr("OK"))

    def show_result(self, ok: bool, attempts_left: int, locked_for_s: int) -> None:
        if ok:
            self.hide()
            return
        self._set_pin("")
        if locked_for_s:
            text = self.tr("Too many wrong PINs. The keypad is locked for %n s.", "", locked_for_s)
        else:
            text = self.tr("Wrong PIN. Attempts left: %n.", "", attempts_left)
        self.message.setText(text)
        self.message.setProperty("role", "overlayError")
        self.message.style().polish(self.message)

    def _digit(self, digit: str) -> None:
        if len(self.pin) < MAX_DIGITS:
            self._set_pin(self.pin + digit)

    def _set_pin(self, pin: str) -> None:
        self.pin = pin
        self.dots.setText(" ".join("●" for _ in pin) or " ")
        self.ok_button.setEnabled(len(pin) >= MIN_DIGITS)

    def _submit(self) -> None:
        if len(self.pin) >= MIN_DIGITS:
            self.submitted.emit(self.purpose, self.pin)

    def _cancel(self) -> None:
        self.hide()
        self.cancelled.emit()


class Toast(QLabel):
    """A short message near the bottom of the window that fades by itself."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = parent
        self.setObjectName("toast")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def show_text(self, text: str, kind: str = "info", ms: int = 1800) -> None:
        self.setText(text)
        self.setProperty("kind", kind)
        self.style().polish(self)
        parent = self.host
        width = min(parent.width() - 120, 900)
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, parent.height() - self.height() - 260)
        self.raise_()
        self.show()
        self._timer.start(ms)
