"""A real backend on a loopback port, in a thread of the test process, for tests that need real HTTP."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import requests
import uvicorn
from fastapi import FastAPI


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveBackend:
    """Start, stop and restart (to simulate an outage) a uvicorn server around one app object."""

    def __init__(self, app: FastAPI, port: int | None = None) -> None:
        self.app = app
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self, timeout: float = 10.0) -> None:
        config = uvicorn.Config(
            self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off"
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="live-backend", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=0.5).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.05)
        raise RuntimeError("live backend did not start")

    def stop(self, *, force: bool = True) -> None:
        """Stop serving. `force` (the default) also cuts open event streams, as a crash or outage would;
        without it uvicorn waits for streaming responses to finish."""
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = force
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None


@contextmanager
def live_backend(app: FastAPI) -> Iterator[LiveBackend]:
    server = LiveBackend(app)
    server.start()
    try:
        yield server
    finally:
        server.stop()
