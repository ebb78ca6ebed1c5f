"""The headless demo's kiosk step: the real kiosk app, offscreen, driven by kiosk_app/demo_customer.py.

The kiosk runs as a child process (`python -m kiosk_app.main --script …`) in a fresh data folder with an
in-memory keyring, against the demo backend. The script activates it with the code the owner issued, and
a simulated customer buys and pays; its "KIOSK …" lines are the step's story, and its last line names
the order for the owner to look up.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

KIOSK_TIMEOUT_S = 120.0
DEMO_STAFF_PIN = "1234"
_ORDER_LINE = re.compile(r"^KIOSK order (\S+) number (\S+) total (\d+)$")


class KioskRunFailed(RuntimeError):
    pass


@dataclass
class KioskSale:
    order_id: str
    number: str
    total: int
    story: list[str] = field(default_factory=list)  # the script's "KIOSK …" lines, in order
    seconds: float = 0.0


def customer_script() -> Path:
    """kiosk_app/demo_customer.py, found without importing the kiosk app into this process."""
    spec = importlib.util.find_spec("kiosk_app.demo_customer")
    if spec is None or spec.origin is None:
        raise KioskRunFailed("the kiosk app is not installed (kiosk_app.demo_customer not found)")
    return Path(spec.origin)


def kiosk_env(data_dir: Path, server_url: str, code: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOSTORE_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        AUTOSTORE_SERVER_URL=server_url,
        AUTOSTORE_DATA_DIR=str(data_dir),
        AUTOSTORE_DEMO_MODE="1",
        # The demo backend is new every run: its device token is worth nothing afterwards.
        PYTHON_KEYRING_BACKEND="core.keyring_memory.MemoryKeyring",
        KIOSK_DEMO_CODE=code,
        KIOSK_DEMO_PIN=DEMO_STAFF_PIN,
    )
    return env


def run_kiosk_customer(data_dir: Path, server_url: str, code: str) -> KioskSale:
    """Run the scripted customer on the real kiosk app; the sale it reports, or KioskRunFailed."""
    shutil.rmtree(data_dir, ignore_errors=True)  # a kiosk of an earlier demo database would not match
    data_dir.mkdir(parents=True)
    command = [sys.executable, "-m", "kiosk_app.main", "--script", str(customer_script()), "--lang", "en"]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command,
            env=kiosk_env(data_dir, server_url, code),
            capture_output=True,
            text=True,
            timeout=KIOSK_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        raise KioskRunFailed(f"the kiosk app did not finish within {KIOSK_TIMEOUT_S:.0f} s") from exc
    (data_dir / "kiosk.log").write_text(done.stderr, encoding="utf-8")
    story = [line[len("KIOSK ") :] for line in done.stdout.splitlines() if line.startswith("KIOSK ")]
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-8:])
        raise KioskRunFailed(f"the kiosk app exited with code {done.returncode}:\n{tail}")
    for line in reversed(done.stdout.splitlines()):
        if match := _ORDER_LINE.match(line):
            order_id, number, total = match.groups()
            return KioskSale(order_id, number, int(total), story, time.monotonic() - started)
    raise KioskRunFailed("the kiosk app finished without reporting a sale")
