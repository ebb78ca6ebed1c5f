"""`autostore demo`: the whole system on this machine, with demo data, in one command.

It starts the backend as a child process (SQLite in a demo data directory, demo mode), waits until it
answers, seeds the demo brand, and then either starts both apps (GUI) or runs a scripted scenario over
real HTTP and then through the real kiosk app offscreen (`--headless`, see autostore.demo_scenario).
Whatever happens, every child process is stopped before the command returns.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import requests
from platformdirs import user_data_dir

DEMO_PASSWORD = "demo1234"  # noqa: S105 - the demo users' password, printed on purpose
# The users backend.seed creates (a test keeps the two in step); kept here so that this process never
# imports the backend itself: it talks to it over HTTP like any client.
DEMO_EMAILS = {
    "owner": "owner@demo.autostore",
    "staff": "staff@demo.autostore",
    "support": "support@demo.autostore",
}
DEFAULT_PORT = 8700
HEALTH_TIMEOUT_S = 60.0


class DemoError(RuntimeError):
    """A step of the demo set-up failed; the message says which and why."""


def default_data_dir() -> Path:
    return Path(user_data_dir("autostore", appauthor=False)) / "demo"


def port_is_free(port: int) -> bool:
    """True unless something listens on `port`. Connections in TIME_WAIT after a backend stopped do not
    count: uvicorn binds with SO_REUSEADDR too (not on Windows, where it lets a bind steal a port)."""
    with socket.socket() as sock:
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def pick_port(requested: int | None) -> int:
    if requested:
        if not port_is_free(requested):
            raise DemoError(f"port {requested} is already in use; pass another with --port")
        return requested
    if port_is_free(DEFAULT_PORT):
        return DEFAULT_PORT
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def backend_env(data_dir: Path) -> dict[str, str]:
    """The backend's and the seed's environment: demo mode, SQLite in `data_dir`, a fresh secret."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOSTORE_")}
    env.update(
        AUTOSTORE_DEMO_MODE="1",
        AUTOSTORE_DATA_DIR=str(data_dir),
        AUTOSTORE_DATABASE_URL=f"sqlite:///{data_dir / 'autostore.db'}",
        AUTOSTORE_SECRET_KEY=secrets.token_urlsafe(48),
        AUTOSTORE_ACTIVATION_CODE_TTL_S="3600",  # time to read the code off the terminal and type it in
    )
    return env


def app_env(data_dir: Path, app: str, server_url: str) -> dict[str, str]:
    """An app's environment: the demo server, its own client data folder, and no backend secrets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOSTORE_")}
    env.update(
        AUTOSTORE_SERVER_URL=server_url,
        AUTOSTORE_DATA_DIR=str(data_dir / app),
        AUTOSTORE_DEMO_MODE="1",
    )
    # The demo database is new every run, so its sign-ins are worth nothing afterwards: keep them in
    # memory, out of the user's real keyring (and working on machines that have none).
    env.setdefault("PYTHON_KEYRING_BACKEND", "core.keyring_memory.MemoryKeyring")
    return env


class BackendProcess:
    """`autostore backend` as a child process in its own session (a Ctrl+C in the terminal reaches us,
    and we stop the children in order), with its output in a log file."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = data_dir / "backend.log"
        self.env = backend_env(data_dir)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = [
            sys.executable,
            "-m",
            "autostore.cli",
            "backend",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT_S) -> float:
        """Seconds until /api/v1/health answered 200; DemoError if the process died or time ran out."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process is None or self.process.poll() is not None:
                raise DemoError(f"the backend exited during start-up:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=1).status_code == 200:
                    return time.monotonic() - started
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise DemoError(f"the backend did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        stop_process(self.process)
        self.process = None


def stop_process(process: subprocess.Popen[bytes] | None, timeout: float = 10.0) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)


def seed(backend: BackendProcess) -> None:
    command = [sys.executable, "-m", "autostore.cli", "seed-demo", "--password", DEMO_PASSWORD, "--reset"]
    done = subprocess.run(command, env=backend.env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise DemoError(f"seeding the demo data failed:\n{done.stderr.strip() or done.stdout.strip()}")
    print(done.stdout.strip())


@contextmanager
def sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit so `finally` blocks stop the children when we are terminated."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def issue_kiosk_code(server_url: str) -> str:
    """Sign in as the demo owner and issue a one-time activation code for the first store, for the kiosk."""
    from core.client.api import ApiClient
    from core.client.errors import ApiError

    client = ApiClient(server_url, max_retries=1)
    try:
        client.login(DEMO_EMAILS["owner"], DEMO_PASSWORD)
        store = client.stores()[0]
        code = client.create_activation_code(store.id)
        return f"{code.code} (for {store.name}, valid until {code.expires_at:%H:%M} UTC)"
    except (ApiError, IndexError) as exc:
        return f"none: issuing one failed ({exc}); issue one in the owner app under Devices"
    finally:
        client.close()


def run_gui(backend: BackendProcess) -> int:
    kiosk_code = issue_kiosk_code(backend.url)
    apps = {
        "kiosk": [sys.executable, "-m", "kiosk_app.main", "--demo"],
        "owner": [sys.executable, "-m", "owner_app.main", "--server", backend.url],
    }
    children = {
        name: subprocess.Popen(
            command, env=app_env(backend.data_dir, name, backend.url), start_new_session=True
        )
        for name, command in apps.items()
    }
    print(f"\nBackend: {backend.url} (API docs: {backend.url}/api/docs; log: {backend.log_path})")
    print(f"Owner app: sign in as {DEMO_EMAILS['owner']} (or staff@…, support@…), password {DEMO_PASSWORD}")
    print(f"Kiosk: activate it with the code {kiosk_code}")
    print("Close both windows or press Ctrl+C to stop everything.")
    try:
        while any(child.poll() is None for child in children.values()):
            if not backend.alive():
                print(f"The backend stopped unexpectedly:\n{backend.log_tail()}", file=sys.stderr)
                return 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        print("\nStopping…")
        return 0
    finally:
        for child in children.values():
            stop_process(child)
    crashed = {name: child.returncode for name, child in children.items() if child.returncode}
    for name, code in crashed.items():
        print(f"The {name} app exited with code {code}.", file=sys.stderr)
    return 1 if crashed else 0


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_demo(args: argparse.Namespace) -> int:
    if not args.headless and not has_display():
        print("autostore demo: no display here; run with --headless for the scripted demo", file=sys.stderr)
        return 2
    data_dir = Path(args.data_dir or default_data_dir()).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    backend: BackendProcess | None = None
    with sigterm_as_exit():
        try:
            backend = BackendProcess(data_dir, pick_port(args.port))
            print(f"Starting the backend on {backend.url} (demo data in {data_dir})")
            backend.start()
            print(f"Backend ready in {backend.wait_healthy():.1f} s; seeding demo data…")
            seed(backend)
            if args.headless:
                from autostore.demo_scenario import run_scenario

                return run_scenario(
                    backend.url,
                    DEMO_EMAILS["owner"],
                    DEMO_PASSWORD,
                    kiosk_data_dir=data_dir / "kiosk-headless",
                )
            return run_gui(backend)
        except DemoError as exc:
            print(f"autostore demo: {exc}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 130
        finally:
            if backend is not None:
                backend.stop()
                print("Backend stopped.")
