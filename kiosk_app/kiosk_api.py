"""The backend API as the kiosk uses it: the shared ApiClient plus a demo "network drop" switch.

While dropped, every call fails at once with the same NetworkError a pulled cable gives, so demos and tests
exercise the real offline path. Imported only by the boot worker: requests and pydantic stay off the
start-up path.
"""

from __future__ import annotations

import threading
from typing import Any

from core.client.api import ApiClient
from core.client.errors import NetworkError


class KioskApi(ApiClient):
    """The backend API, plus `drop_network()` / `restore_network()` for demos and tests: while dropped every
    call fails at once with the NetworkError a pulled cable gives, so the offline path is the real one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dropped = threading.Event()

    def drop_network(self) -> None:
        self.dropped.set()

    def restore_network(self) -> None:
        self.dropped.clear()

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        if self.dropped.is_set():
            raise NetworkError(
                0, "network_error", "The network is down (simulated).", method=method, path=path
            )
        return super().request(method, path, **kwargs)

    def refresh_access_token(self, stale: str | None) -> str:
        if self.dropped.is_set():
            raise NetworkError(0, "network_error", "The network is down (simulated).")
        return super().refresh_access_token(stale)
