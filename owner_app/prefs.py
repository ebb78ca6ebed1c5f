"""UI preferences that are neither secrets nor shared client settings: window geometry and state, the last
server and e-mail typed, the last store chosen, muted notification types, the inventory grid's columns.

They live in QSettings (the registry on Windows, a plist on macOS, an .ini file on Linux); tests pass a
file of their own so they never read or write the user's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

NOTIFICATION_TYPES = ("alert", "low_stock")


class UiPrefs:
    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._settings = QSettings("AutoStore", "owner")
        else:
            self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        self._settings.sync()

    # -- window -------------------------------------------------------------------------------------------
    def window_geometry(self) -> QByteArray | None:
        value = self._settings.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._settings.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def last_page(self) -> str:
        return str(self._settings.value("window/page", "dashboard"))

    def set_last_page(self, key: str) -> None:
        self._settings.setValue("window/page", key)

    def header_state(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"headers/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_header_state(self, name: str, state: QByteArray) -> None:
        self._settings.setValue(f"headers/{name}", state)

    # -- sign-in ------------------------------------------------------------------------------------------
    def last_email(self) -> str:
        return str(self._settings.value("signin/email", ""))

    def last_server(self) -> str:
        return str(self._settings.value("signin/server", ""))

    def remember_sign_in(self, server: str, email: str) -> None:
        self._settings.setValue("signin/server", server)
        self._settings.setValue("signin/email", email)

    def last_store_id(self) -> int | None:
        value = self._settings.value("signin/store")
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    def set_last_store_id(self, store_id: int) -> None:
        self._settings.setValue("signin/store", store_id)

    # -- notifications ------------------------------------------------------------------------------------
    def muted(self, kind: str) -> bool:
        return str(self._settings.value(f"notifications/mute_{kind}", "false")).lower() == "true"

    def set_muted(self, kind: str, muted: bool) -> None:
        if kind not in NOTIFICATION_TYPES:
            raise ValueError(f"unknown notification type {kind!r}")
        self._settings.setValue(f"notifications/mute_{kind}", "true" if muted else "false")
