"""Activation, when the kiosk has no device token: the owner types the one-time code from the owner app on
a large keypad; the bootstrap bundle fills the local store and the kiosk goes live with no further call.
Then a staff PIN is chosen (twice), which guards maintenance and age checks on this kiosk."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk_app.screens.base import Screen, button, label, restyle
from kiosk_app.staff_pin import MAX_DIGITS, MIN_DIGITS
from kiosk_app.widgets.keypad import BACKSPACE, Keypad

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.controller import KioskController

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # the backend's: no 0/O, 1/I/L look-alikes
CODE_LENGTH = 8
_ATTEMPTS_LEFT = re.compile(r"\((\d+) attempts? left\)")


class ActivationScreen(Screen):
    def __init__(
        self, controller: KioskController, colours: ThemePalette, parent: QWidget | None = None
    ) -> None:
        super().__init__("activationScreen", parent)
        self.controller = controller
        self.code = ""
        self.pin = ""
        self.first_pin = ""
        self.busy = False
        self.error_key = ""  # what went wrong last, re-worded on a language change
        self.error_arg = 0
        column = QVBoxLayout(self)
        column.setContentsMargins(64, 56, 64, 56)
        column.setSpacing(26)
        self.title = label("screenTitle", align=Qt.AlignmentFlag.AlignCenter)
        self.lead = label("screenLead", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.title)
        column.addWidget(self.lead)
        self.entry = label("codeEntry", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.entry)
        self.message = label("formMessage", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.message)
        self.pads = QStackedWidget()
        self.pads.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.code_pad = Keypad([*CODE_ALPHABET, BACKSPACE], columns=8, key_size=116)
        self.code_pad.pressed.connect(self._code_key)
        self.code_pad.backspace.connect(lambda: self._set_code(self.code[:-1]))
        self.pin_pad = Keypad(key_size=130)
        self.pin_pad.pressed.connect(self._pin_key)
        self.pin_pad.backspace.connect(lambda: self._set_pin(self.pin[:-1]))
        self.pin_pad.cleared.connect(lambda: self._set_pin(""))
        self.pads.addWidget(self.code_pad)
        self.pads.addWidget(self.pin_pad)
        column.addStretch(1)
        column.addWidget(self.pads)
        column.addStretch(1)
        self.submit_button = button("hero", "check", colours.accent_text, 48)
        self.submit_button.clicked.connect(self._submit)
        column.addWidget(self.submit_button)
        self.server = label("muted", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.server)
        self.retranslate()

    @property
    def choosing_pin(self) -> bool:
        return self.pads.currentWidget() is self.pin_pad

    def enter(self) -> None:
        side = self.controller.runtime.side
        needs_pin = side is not None and side.has_session and not side.pins.is_set
        self.pads.setCurrentWidget(self.pin_pad if needs_pin else self.code_pad)
        self.first_pin = ""
        self._set_code("")
        self._set_pin("")
        if self.controller.runtime.boot_error:
            self._error("boot")
        elif side is not None and side.token_problem:
            self._error("keyring")
        else:
            self._error("")
        self.retranslate()

    # -- the one-time code --------------------------------------------------------------------------------
    def _code_key(self, key: str) -> None:
        if len(self.code) < CODE_LENGTH:
            self._set_code(self.code + key)

    def _set_code(self, code: str) -> None:
        self.code = code
        shown = code + "·" * (CODE_LENGTH - len(code))
        if not self.choosing_pin:
            self.entry.setText(f"{shown[:4]} {shown[4:]}")
        self._update_button()

    def _submit(self) -> None:
        if self.busy:
            return
        if self.choosing_pin:
            self._submit_pin()
            return
        if len(self.code) != CODE_LENGTH or not self.controller.runtime.ready:
            return
        self.busy = True
        self._error("working")
        self._update_button()
        self.controller.runtime.activate(self.code, self._activated, self._failed)

    def _activated(self) -> None:
        self.busy = False
        self._error("")
        self.pads.setCurrentWidget(self.pin_pad)
        self._set_pin("")
        self.retranslate()

    def _failed(self, error: Exception) -> None:
        from core.client.errors import ApiError, NetworkError, RateLimitedError

        self.busy = False
        self._set_code("")
        if isinstance(error, RateLimitedError) or getattr(error, "code", "") == "otp_locked":
            wait = getattr(error, "retry_after", None) or 60
            self._error("locked", max(1, math.ceil(wait / 60)))
        elif isinstance(error, NetworkError):
            self._error("network")
        elif isinstance(error, ApiError) and error.code == "otp_invalid":
            found = _ATTEMPTS_LEFT.search(error.message)
            self._error("invalid", int(found.group(1)) if found else -1)
        elif isinstance(error, ApiError) and error.code in ("otp_expired", "otp_used"):
            self._error(error.code)
        else:
            self._error("other")

    # -- the staff PIN ------------------------------------------------------------------------------------
    def _pin_key(self, digit: str) -> None:
        if len(self.pin) < MAX_DIGITS:
            self._set_pin(self.pin + digit)

    def _set_pin(self, pin: str) -> None:
        self.pin = pin
        if self.choosing_pin:
            self.entry.setText(" ".join("●" for _ in pin) or "—")
        self._update_button()

    def _submit_pin(self) -> None:
        if len(self.pin) < MIN_DIGITS:
            return
        if not self.first_pin:
            self.first_pin = self.pin
            self._set_pin("")
            self._error("")
            self.retranslate()
            return
        if self.pin != self.first_pin:
            self.first_pin = ""
            self._set_pin("")
            self._error("pin_mismatch")
            self.retranslate()
            return
        self.busy = True
        handle = self.controller.runtime.pins_set(self.pin)
        handle.finished.connect(lambda _: self._pin_saved())
        handle.failed.connect(self._pin_not_saved)

    def _pin_not_saved(self, error: Exception) -> None:
        self.busy = False
        self._error("other")

    def _pin_saved(self) -> None:
        self.busy = False
        self.first_pin = ""
        self.controller.activated()

    # -- texts --------------------------------------------------------------------------------------------
    def _update_button(self) -> None:
        ready = len(self.pin) >= MIN_DIGITS if self.choosing_pin else len(self.code) == CODE_LENGTH
        self.submit_button.setEnabled(ready and not self.busy)

    def _error(self, key: str, arg: int = 0) -> None:
        self.error_key, self.error_arg = key, arg
        self._show_error()

    def _show_error(self) -> None:
        key, arg = self.error_key, self.error_arg
        texts = {
            "": "",
            "working": self.tr("Activating…"),
            "invalid": self.tr("That code is not correct. Check it and try again.")
            + (" " + self.tr("Attempts left: %n.", "", arg) if arg >= 0 else ""),
            "otp_expired": self.tr("This code has expired. Ask the store owner for a new code."),
            "otp_used": self.tr("This code has already been used. Ask the store owner for a new code."),
            "locked": self.tr("Too many wrong codes. Activation is paused: try again in %n min.", "", arg),
            "network": self.tr("The server cannot be reached. Check the network and try again."),
            "keyring": self.tr(
                "This computer has no secure key store; the kiosk will forget its activation when restarted."
            ),
            "pin_mismatch": self.tr("The two PINs differ. Choose the PIN again."),
            "other": self.tr("Activation failed. Please try again."),
            "boot": self.tr("The kiosk could not open its local data: %1").replace(
                "%1", self.controller.runtime.boot_error
            ),
        }
        self.message.setText(texts.get(key, ""))
        restyle(self.message, tone="" if key in ("", "working") else "bad")

    def retranslate(self) -> None:
        if self.choosing_pin:
            self.title.setText(self.tr("Choose a staff PIN"))
            if self.first_pin:
                self.lead.setText(self.tr("Enter the same PIN again to confirm it."))
            else:
                self.lead.setText(
                    self.tr("Staff enter this PIN (%1 to %2 digits) for maintenance and age checks.")
                    .replace("%1", str(MIN_DIGITS))
                    .replace("%2", str(MAX_DIGITS))
                )
            self.submit_button.setText(self.tr("Confirm PIN") if self.first_pin else self.tr("Next"))
            self.pin_pad.set_clear_text(self.tr("Clear"))
            self._set_pin(self.pin)
        else:
            self.title.setText(self.tr("Activate this kiosk"))
            self.lead.setText(
                self.tr("Enter the one-time code from the owner app (Devices, then Add kiosk).")
            )
            self.submit_button.setText(self.tr("Activate"))
            self._set_code(self.code)
        side = self.controller.runtime.side
        url = side.api.base_url if side else self.controller.runtime.options.server_url
        self.server.setText(self.tr("Server: %1").replace("%1", url))
        self._show_error()
