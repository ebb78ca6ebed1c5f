"""Crash safety: the real kiosk process, killed with SIGKILL at chosen moments of checkout and sync, loses
and doubles no sale.

A real backend runs in this process (temp SQLite); the kiosk runs as `autostore-kiosk --script
sigkill_customer.py` in a child process with a file keyring, so its device token survives the kills as the
OS keyring would. Each round starts the kiosk (it comes back from its local store and delivers its
outbox), waits for one marker the script prints (shopping, checkout, each payment phase, paid, an outbox
delivery in flight, or a random moment of start-up), and kills it a few milliseconds later. A last run
drains the outbox; then the customers' paid log, the kiosk's outbox and the backend's books must agree.
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import select, update

from backend.db.models import Inventory, Order, OrderLine
from tests.kiosk_app.conftest import STAFF_PIN, Live, issue, start_live

KILLS = 52
START_STOCK = 5000
MARK_TIMEOUT_S = 30.0
CUSTOMER = Path(__file__).with_name("sigkill_customer.py")
# Where a kill lands, in turn; "boot" is a random moment of start-up (outbox replay included).
TARGETS = (
    "boot",
    "catalogue",
    "checkout",
    "phase:authorising",
    "phase:recording",
    "phase:paid",
    "paid",
    "delivering",
)


class Child:
    """One kiosk process; its stdout markers arrive in a queue."""

    def __init__(self, env: dict[str, str], log: IO[bytes]) -> None:
        command = [sys.executable, "-m", "kiosk_app.main", "--script", str(CUSTOMER), "--lang", "en"]
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=log)
        self.marks: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            line = raw.decode(errors="replace").strip()
            if line.startswith("MARK "):
                self.marks.put(line[5:])

    def wait_mark(self, wanted: str, timeout: float = MARK_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                if self.marks.get(timeout=left) == wanted:
                    return
            except queue.Empty:
                break
        raise AssertionError(f"the kiosk never reached {wanted!r} (exit code {self.process.poll()})")

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)
        self._reader.join(5)


def child_env(tmp_path: Path, live: Live, code: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOSTORE_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        # A keyring that outlives the process (a test-only choice; core.tokens accepts it because it is
        # chosen explicitly).
        PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
        AUTOSTORE_SERVER_URL=live.url,
        AUTOSTORE_DATA_DIR=str(tmp_path / "client"),
        AUTOSTORE_SYNC_INTERVAL_S="0.5",
        SIGKILL_CODE=code,
        SIGKILL_PIN=STAFF_PIN,
        SIGKILL_PAID_LOG=str(tmp_path / "paid.log"),
    )
    return env


def backend_books(live: Live, store_id: int) -> tuple[Counter[str], Counter[int], dict[int, int]]:
    """(orders by id, quantities sold by product, stock by product) in the backend."""
    with live.state.db.read() as s:
        orders = Counter(str(i) for i in s.scalars(select(Order.id).where(Order.store_id == store_id)))
        sold: Counter[int] = Counter()
        lines = s.execute(
            select(OrderLine.product_id, OrderLine.quantity).join(Order).where(Order.store_id == store_id)
        )
        for product_id, quantity in lines:
            sold[product_id] += quantity
        rows = s.execute(
            select(Inventory.product_id, Inventory.quantity).where(Inventory.store_id == store_id)
        ).all()
    return orders, sold, {int(product_id): int(quantity) for product_id, quantity in rows}


def kiosk_outbox(data_dir: Path) -> dict[str, tuple[str, dict[int, int]]]:
    """Order id -> (delivery state, quantities by product) from the kiosk's local store."""
    with sqlite3.connect(data_dir / "kiosk.db") as conn:
        rows = conn.execute("SELECT id, state, payload FROM outbox").fetchall()
    outbox: dict[str, tuple[str, dict[int, int]]] = {}
    for order_id, state, payload in rows:
        quantities: Counter[int] = Counter()
        for line in json.loads(payload)["lines"]:
            quantities[int(line["product_id"])] += int(line["quantity"])
        outbox[order_id] = (state, dict(quantities))
    return outbox


@pytest.mark.slow
def test_sigkill_during_checkout_and_sync_loses_and_doubles_nothing(tmp_path: Path) -> None:
    live = start_live(tmp_path / "backend")
    try:
        store = live.world.store_a1
        with live.state.db.write() as s:  # enough stock for every round, before the kiosk's snapshot
            s.execute(update(Inventory).where(Inventory.store_id == store).values(quantity=START_STOCK))
            s.commit()
        env = child_env(tmp_path, live, issue(live))
        rng = random.Random(20240611)
        hits: Counter[str] = Counter()
        starts: list[float] = []
        with (tmp_path / "kiosk.log").open("ab") as log:
            for round_number in range(KILLS):
                target = TARGETS[round_number % len(TARGETS)]
                started = time.monotonic()
                child = Child(env, log)
                try:
                    if round_number == 0:  # the first run activates: let it finish before killing
                        child.wait_mark("ready", timeout=60)
                    if target == "boot":
                        time.sleep(rng.uniform(0.0, 1.5))
                    else:
                        child.wait_mark("ready")
                        starts.append(time.monotonic() - started)
                        child.wait_mark(target)
                        time.sleep(rng.uniform(0.0, 0.03))
                finally:
                    child.kill()
                assert child.process.returncode == -signal.SIGKILL, (
                    f"round {round_number}: it exited by itself"
                )
                hits[target] += 1
            drain = Child({**env, "SIGKILL_MODE": "drain"}, log)
            try:
                drain.wait_mark("drained", timeout=60)
            finally:
                drain.process.wait(30)
                drain.kill()
        assert sum(hits.values()) >= 50
        median_start = sorted(starts)[len(starts) // 2]
        print(f"\nkills by moment: {dict(hits)}; kiosk start to 'ready' (median): {median_start:.2f} s")

        paid = (tmp_path / "paid.log").read_text().split()
        outbox = kiosk_outbox(tmp_path / "client" / "kiosk")
        orders, sold, stock = backend_books(live, store)
        assert len(paid) == len(set(paid)), "the kiosk said paid twice for one order"
        assert len(paid) >= 5, f"too few completed sales to mean anything ({len(paid)})"
        print(f"paid on screen: {len(paid)}, kiosk outbox: {len(outbox)}, backend orders: {len(orders)}")
        assert all(orders[order_id] == 1 for order_id in paid), "a paid sale is missing from the backend"
        assert max(orders.values()) == 1
        assert set(orders) == set(outbox), "the backend and the kiosk's outbox disagree on the sales"
        assert {state for state, _ in outbox.values()} == {"delivered"}
        recorded: Counter[int] = Counter()
        for _state, quantities in outbox.values():
            recorded.update(quantities)
        assert sold == recorded
        assert stock == {pid: START_STOCK - sold[pid] for pid in live.world.products_a}
    finally:
        live.backend.stop()
        live.state.db.dispose()
