"""Fixtures for core's client tests: a clean in-memory keyring, a scriptable fake HTTP server, and a real
backend on a loopback port with the test world in it."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from backend.app import create_app
from backend.state import AppState
from core.keyring_memory import MemoryKeyring
from tests.backend.conftest import make_settings
from tests.backend.world import World, build_world
from tests.support.live_backend import LiveBackend


@pytest.fixture(autouse=True)
def _clean_keyring() -> Iterator[None]:
    MemoryKeyring.clear()
    yield
    MemoryKeyring.clear()


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # JSON-encoded unless bytes
    headers: dict[str, str] = field(default_factory=dict)
    stream: Callable[[Callable[[bytes], None]], None] | None = None  # writes chunks (chunked encoding)


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class FakeServer:
    """An HTTP/1.1 server on loopback answering from a script: per (method, path), a list of replies
    (the last one repeats). Every request is recorded in `seen`."""

    def __init__(self) -> None:
        self.script: dict[tuple[str, str], list[Reply] | Callable[[Seen], Reply]] = {}
        self.seen: list[Seen] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?", 1)[0]
                seen = Seen(self.command, path, dict(self.headers.items()), body)
                with server.lock:
                    server.seen.append(seen)
                    replies = server.script.get((self.command, path)) or [Reply(404, _error("not_found"))]
                    if callable(replies):
                        reply = replies(seen)
                    else:
                        reply = replies.pop(0) if len(replies) > 1 else replies[0]
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.stream is not None:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()

                    def write(chunk: bytes) -> None:
                        self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                        self.wfile.flush()

                    try:
                        reply.stream(write)
                        self.wfile.write(b"0\r\n\r\n")
                    except OSError:
                        pass  # the client went away
                    self.close_connection = True
                    return
                payload = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                if not isinstance(reply.body, bytes):
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def on(self, method: str, path: str, *replies: Reply) -> None:
        with self.lock:
            self.script[(method, "/api/v1" + path)] = list(replies)

    def on_call(self, method: str, path: str, responder: Callable[[Seen], Reply]) -> None:
        """Answer with `responder(request)` (called under the server's lock, so requests are serialised)."""
        with self.lock:
            self.script[(method, "/api/v1" + path)] = responder

    def requests_to(self, path: str) -> list[Seen]:
        with self.lock:
            return [s for s in self.seen if s.path == "/api/v1" + path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _error(code: str, message: str = "nope", details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or []}}


error_body = _error


@pytest.fixture
def fake_server() -> Iterator[FakeServer]:
    server = FakeServer()
    yield server
    server.close()


@dataclass
class Live:
    backend: LiveBackend
    state: AppState
    world: World

    @property
    def url(self) -> str:
        return self.backend.url


def start_live(tmp_path: Path, **overrides: object) -> Live:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'backend.db'}", tmp_path, **overrides))
    state: AppState = app.state.autostore
    world = build_world(state.db)
    backend = LiveBackend(app)
    backend.start()
    return Live(backend=backend, state=state, world=world)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    started = start_live(tmp_path)
    yield started
    started.backend.stop()
    started.state.db.dispose()
