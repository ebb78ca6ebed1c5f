"""The server side of backend_bench.py: seed a database, run `autostore backend` as a subprocess, and read
the CPU its process group used."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from backend.db.migrate import upgrade_to_head  # noqa: E402
from backend.db.models import Brand, Category, Device, Inventory, Product, Store  # noqa: E402
from backend.db.session import Database  # noqa: E402
from backend.security import issue_access_token  # noqa: E402


@dataclass
class Seeded:
    store_id: int
    products: list[tuple[int, int]]  # (id, price)
    token: str


def seed(db_url: str, secret: str, products: int) -> Seeded:
    """One brand, one store, `products` products with 10⁹ in stock, and a kiosk with an access token."""
    db = Database(db_url)
    upgrade_to_head(db.write_engine)
    with db.write() as s:
        brand = Brand(name="Bench brand")
        s.add(brand)
        s.flush()
        store = Store(brand_id=brand.id, name="Bench store")
        category = Category(brand_id=brand.id, code="all", name_ko="전체", name_en="All")
        s.add_all([store, category])
        s.flush()
        rows = [
            Product(
                brand_id=brand.id,
                sku=f"B-{i:04d}",
                barcode=f"880{i:010d}",
                name_ko=f"상품 {i}",
                name_en=f"Product {i}",
                category_id=category.id,
                price=500 + 100 * (i % 40),
            )
            for i in range(products)
        ]
        s.add_all(rows)
        s.flush()
        s.add_all(
            Inventory(store_id=store.id, product_id=p.id, quantity=10**9, reorder_level=5) for p in rows
        )
        device = Device(id=str(uuid.uuid4()), store_id=store.id, kind="kiosk", name="bench kiosk")
        s.add(device)
        s.commit()
        result = Seeded(store.id, [(p.id, p.price) for p in rows], "")
        device_id = device.id
    db.dispose()
    result.token, _ttl = issue_access_token(secret, f"device:{device_id}", "kiosk", 3600)
    return result


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(
    db_url: str, secret: str, data_dir: Path, workers: int, port: int
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "AUTOSTORE_DATABASE_URL": db_url,
        "AUTOSTORE_SECRET_KEY": secret,
        "AUTOSTORE_DATA_DIR": str(data_dir),
    }
    cmd = [sys.executable, "-m", "autostore.cli", "backend", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"backend exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/api/v1/health")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise RuntimeError("backend did not start within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


def process_group_cpu_s(pgid: int) -> float:
    """User + system CPU seconds of every live process in the group (the server and its workers)."""
    total_ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # after the name: state, ppid, pgrp, ...; utime and stime at 11, 12
            total_ticks += int(fields[11]) + int(fields[12])
    return total_ticks / os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    """The 1-minute load average: how busy the machine was besides the bench (2 cores: above 2 is busy)."""
    return f"{os.getloadavg()[0]:.1f}"
