"""The kiosk's online state, for the offline banner and the payment rules.

It is learnt from every call the kiosk makes anyway (heartbeats, payments, outbox passes, the event
stream): a success means online, a network error offline. No separate pinging.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal


class NetworkState(QObject):
    """Online or not, sales waiting in the outbox, and whether the device's session has ended."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.online: bool | None = None  # None: not known yet (just started)
        self.pending = 0
        self.auth_required = False
        self.last_error = ""

    @property
    def offline(self) -> bool:
        return self.online is False

    def report_success(self) -> None:
        self._update(online=True, last_error="")

    def report_failure(self, error: BaseException) -> None:
        from core.client.errors import NetworkError  # loaded by then: the error came from the client

        if isinstance(error, NetworkError):
            self._update(online=False, last_error=error.message)

    def set_online(self, online: bool) -> None:
        self._update(online=online)

    def set_pending(self, pending: int) -> None:
        self._update(pending=pending)

    def set_auth_required(self, required: bool) -> None:
        self._update(auth_required=required)

    def _update(self, **values: Any) -> None:
        if all(getattr(self, name) == value for name, value in values.items()):
            return
        for name, value in values.items():
            setattr(self, name, value)
        self.changed.emit()
