"""Notices the backend answering again after an outage and flips the app back to online by itself.

While online nothing is polled: any failed call marks the app offline (AppContext.run). While offline a
cheap `GET /health` runs every few seconds (backing off to half a minute), so the banner goes away and the
pages reload without anyone pressing a button.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from core.client.api import ApiClient
from owner_app.context import AppContext


def probe(client: ApiClient) -> bool:
    client.request("GET", "/health", auth=False, idempotent=False, timeout=(2.0, 3.0))
    return True


class ConnectivityMonitor(QObject):
    def __init__(self, context: AppContext, first_delay_ms: int = 2000, max_delay_ms: int = 30000) -> None:
        super().__init__(context)
        self._context = context
        self._first_delay_ms = first_delay_ms
        self._max_delay_ms = max_delay_ms
        self._delay_ms = first_delay_ms
        self._probing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._probe)
        context.online_changed.connect(self._on_online_changed)

    @property
    def waiting(self) -> bool:
        return self._timer.isActive() or self._probing

    def _on_online_changed(self, online: bool) -> None:
        if online:
            self._timer.stop()
            self._delay_ms = self._first_delay_ms
        elif not self.waiting:
            self._timer.start(self._delay_ms)

    def _probe(self) -> None:
        self._probing = True
        self._context.run(
            probe, self._context.client, on_done=self._answered, on_error=self._failed, busy=False
        )

    def _answered(self, _ok: object) -> None:
        self._probing = False  # run() has already set the context online

    def _failed(self, _error: BaseException) -> None:
        self._probing = False
        if not self._context.online:
            self._delay_ms = min(self._max_delay_ms, self._delay_ms * 2)
            self._timer.start(self._delay_ms)
