"""Registering a kiosk: name it, get a one-time code, and show the code large with a countdown and as a
QR code until a kiosk uses it (the live event says so) or it expires (then a new one is one click away)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.schemas.devices import ActivationCodeCreate, ActivationCodeOut, DeviceKind
from core.timeutil import ensure_utc, utcnow
from owner_app.context import AppContext
from owner_app.devices.qr import activation_uri, qr_image
from owner_app.errors import error_text
from owner_app.ui.widgets import label, restyle


def spaced(code: str) -> str:
    """ABCD-EFGH: two groups of four are easier to read off a screen and type on a keypad."""
    return f"{code[:4]}-{code[4:]}" if len(code) == 8 else code


class ActivationCodeDialog(QDialog):
    code_created = Signal(object)  # ActivationCodeOut

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.code: ActivationCodeOut | None = None
        self.issued_at: datetime | None = None
        self.activated_device: str | None = None
        self.setWindowTitle(self.tr("Register a kiosk"))
        self.setMinimumWidth(640)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._form())
        self.stack.addWidget(self._code_view())
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 20)
        layout.setSpacing(14)
        layout.addWidget(label(self.windowTitle(), "", "dialogTitle"))
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.timer = QTimer(self, interval=1000)
        self.timer.timeout.connect(self.tick)

    def _form(self) -> QWidget:
        page = QWidget()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Entrance kiosk"))
        self.name.setMaxLength(80)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Kiosk (checkout touchscreen)"), DeviceKind.kiosk)
        self.kind.addItem(self.tr("Vision worker (cameras)"), DeviceKind.vision)
        self.create_button = QPushButton(self.tr("Create one-time code"))
        self.create_button.setProperty("role", "primary")
        self.create_button.clicked.connect(self.create_code)
        self.form_error = label("", "error")
        self.form_error.setWordWrap(True)
        box = QVBoxLayout(page)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(8)
        box.addWidget(label(self.tr("Name"), "fieldLabel"))
        box.addWidget(self.name)
        box.addWidget(label(self.tr("Device"), "fieldLabel"))
        box.addWidget(self.kind)
        box.addWidget(
            label(
                self.tr(
                    "The code works once, for a few minutes. Type it on the new kiosk's "
                    "activation screen or scan the QR code."
                ),
                "muted",
            )
        )
        box.addWidget(self.form_error)
        box.addStretch(1)
        box.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    def _code_view(self) -> QWidget:
        page = QWidget()
        self.code_label = label("", "", "activationCode")
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.countdown = label("", "muted", "countdown")
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.status = label("", "", "activationStatus")
        self.status.setWordWrap(True)
        self.new_code = QPushButton(self.tr("New code"))
        self.new_code.clicked.connect(self.create_code)
        self.qr = QLabel()
        self.qr.setObjectName("qrCode")
        self.qr.setFixedSize(220, 220)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QVBoxLayout()
        left.setSpacing(10)
        left.addWidget(label(self.tr("One-time code"), "fieldLabel"))
        left.addWidget(self.code_label)
        left.addWidget(self.progress)
        left.addWidget(self.countdown)
        left.addSpacing(8)
        left.addWidget(self.status)
        left.addStretch(1)
        left.addWidget(self.new_code, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout(page)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(28)
        row.addLayout(left, 1)
        row.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignTop)
        return page

    # -- flow ---------------------------------------------------------------------------------------------
    def create_code(self) -> None:
        store_id = self.context.store_id
        if store_id is None:
            return
        self.create_button.setEnabled(False)
        self.new_code.setEnabled(False)
        body = ActivationCodeCreate(kind=self.kind.currentData(), name=self.name.text().strip())
        self.context.run(
            self.context.client.create_activation_code,
            store_id,
            body,
            on_done=self.show_code,
            on_error=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self.create_button.setEnabled(True)
        self.new_code.setEnabled(True)
        self.form_error.setText(error_text(error))
        self.status.setText(error_text(error))

    def show_code(self, code: ActivationCodeOut) -> None:
        self.code = code
        self.issued_at = utcnow()
        self.activated_device = None
        self.code_label.setText(spaced(code.code))
        self.code_label.setProperty("state", "")
        restyle(self.code_label)
        image = qr_image(activation_uri(self.context.client.base_url, code.code), 220)
        self.qr.setPixmap(QPixmap.fromImage(image))
        self.qr.setEnabled(True)
        self.set_status(self.tr("Waiting for the kiosk to use this code…"), "")
        self.new_code.hide()
        self.stack.setCurrentIndex(1)
        self.timer.start()
        self.tick()
        self.code_created.emit(code)

    def remaining_s(self) -> int:
        if self.code is None:
            return 0
        return max(0, int((ensure_utc(self.code.expires_at) - utcnow()).total_seconds()))

    def tick(self) -> None:
        if self.code is None or self.issued_at is None:
            return
        left = self.remaining_s()
        total = max(1, int((ensure_utc(self.code.expires_at) - self.issued_at).total_seconds()))
        self.progress.setRange(0, total)
        self.progress.setValue(left)
        minutes, seconds = divmod(left, 60)
        self.countdown.setText(self.tr("Expires in %1").replace("%1", f"{minutes}:{seconds:02d}"))
        if left == 0:
            self.timer.stop()
            self.code_label.setProperty("state", "expired")
            restyle(self.code_label)
            self.qr.setEnabled(False)
            self.qr.clear()
            self.countdown.setText(self.tr("This code has expired."))
            self.set_status(self.tr("Create a new code to try again."), "warn")
            self.new_code.setEnabled(True)
            self.new_code.show()

    def device_activated(self, device_id: str, name: str) -> None:
        """A kiosk of this store has just used a code (the live event `device.activated`)."""
        if self.code is None or self.activated_device is not None:
            return
        self.activated_device = device_id
        self.timer.stop()
        self.progress.setValue(0)
        self.countdown.setText("")
        self.qr.clear()
        self.set_status(
            self.tr("Activated: %1 is now registered to this store.").replace("%1", name or device_id[:8]),
            "ok",
        )
        self.close_button.setText(self.tr("Done"))

    def set_status(self, text: str, tone: str) -> None:
        self.status.setText(text)
        self.status.setProperty("tone", tone)
        restyle(self.status)

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)
