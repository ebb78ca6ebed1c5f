"""Backend benchmark: order creates and catalogue reads against a real `autostore backend` subprocess.

For each worker count it seeds a fresh SQLite database (one brand, one store, 500 products with plenty of
stock, a kiosk device), starts `python -m autostore.cli backend` on a loopback port, and drives it from
keep-alive client threads:
  1. orders: POST /api/v1/orders with 3 lines and a fresh UUID each, for --duration seconds;
  2. catalogue reads with If-None-Match (304s), then without (full 200 bodies).
It prints throughput and latency percentiles, and ratios against the reference figures of the issue.
Loopback only; every phase is bounded in time and the server is stopped at the end.

    .venv/bin/python bench/backend_bench.py [--duration 10] [--read-duration 5] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.db.migrate import upgrade_to_head  # noqa: E402
from backend.db.models import Brand, Category, Device, Inventory, Product, Store  # noqa: E402
from backend.db.session import Database  # noqa: E402
from backend.security import issue_access_token  # noqa: E402
from core.timeutil import utcnow  # noqa: E402

# The figures the issue quotes: the naive implementation, and what a prepared catalogue reaches.
REFERENCE = {
    "orders_per_s": 300.0,
    "orders_p99_ms": {1: 1200.0, 2: 160.0},
    "reads_orm_per_s": 100.0,
    "reads_prepared_per_s": (3500.0, 5700.0),
}


@dataclass
class Seeded:
    store_id: int
    products: list[tuple[int, int]]  # (id, price)
    token: str


@dataclass
class PhaseResult:
    name: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def server_cpu_ms_per_request(self) -> float:
        """Server CPU per request: unlike throughput, barely moved by other load on a shared machine."""
        return 1000 * self.server_cpu_s / self.requests if self.requests else float("nan")

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def client_cpu_ms_per_request(self) -> float:
        return 1000 * self.client_cpu_s / self.requests if self.requests else float("nan")

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def line(self) -> str:
        return (
            f"  {self.name:<14} {self.rate:6.0f}/s  p50 {self.percentile(50):7.1f} ms  "
            f"p95 {self.percentile(95):7.1f} ms  p99 {self.percentile(99):7.1f} ms  "
            f"CPU/req server {self.server_cpu_ms_per_request:.2f} ms, "
            f"client {self.client_cpu_ms_per_request:.2f} ms  ({self.requests} ok, {self.errors} errors)"
        )


def seed(db_url: str, secret: str, products: int) -> Seeded:
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
    cmd = [
        sys.executable,
        "-m",
        "autostore.cli",
        "backend",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
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


Request = Callable[[random.Random], tuple[str, str, bytes | None, dict[str, str], int]]


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


def run_phase(
    name: str, port: int, clients: int, seconds: float, make_request: Request, server_pgid: int
) -> PhaseResult:
    """`clients` threads, one keep-alive connection each, sending until the deadline."""
    result = PhaseResult(name)
    cpu_before = process_group_cpu_s(server_pgid)
    client_cpu_before = time.process_time()
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client(seed_value: int) -> None:
        rng = random.Random(seed_value)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        ok, errors, latencies = 0, 0, []
        start.wait()
        while time.perf_counter() < deadline[0]:
            method, path, body, headers, expected = make_request(rng)
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = -1
            latencies.append((time.perf_counter() - t0) * 1000)
            if status == expected:
                ok += 1
            else:
                errors += 1
        conn.close()
        with lock:
            result.requests += ok
            result.errors += errors
            result.latencies_ms.extend(latencies)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    t_start = time.perf_counter()
    deadline[0] = t_start + seconds
    start.wait()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    result.seconds = time.perf_counter() - t_start
    result.server_cpu_s = process_group_cpu_s(server_pgid) - cpu_before
    result.client_cpu_s = time.process_time() - client_cpu_before
    return result


def order_request(seeded: Seeded) -> Request:
    auth = {"Authorization": f"Bearer {seeded.token}", "Content-Type": "application/json"}

    def make(rng: random.Random) -> tuple[str, str, bytes | None, dict[str, str], int]:
        picked = rng.sample(seeded.products, 3)
        lines = [
            {"product_id": pid, "quantity": rng.randint(1, 3), "unit_price": price} for pid, price in picked
        ]
        body = {
            "id": str(uuid.uuid4()),
            "store_id": seeded.store_id,
            "lines": lines,
            "total": sum(line["quantity"] * line["unit_price"] for line in lines),
            "created_at": utcnow().isoformat(),
        }
        return "POST", "/api/v1/orders", json.dumps(body).encode(), auth, 201

    return make


def catalogue_request(seeded: Seeded, etag: str | None) -> Request:
    headers = {"Authorization": f"Bearer {seeded.token}"}
    if etag:
        headers["If-None-Match"] = etag
    path = f"/api/v1/stores/{seeded.store_id}/catalogue"
    expected = 304 if etag else 200

    def make(_rng: random.Random) -> tuple[str, str, bytes | None, dict[str, str], int]:
        return "GET", path, None, headers, expected

    return make


def unrouted_request() -> Request:
    """A path no route matches: what uvicorn and FastAPI alone cost, the floor under every request."""

    def make(_rng: random.Random) -> tuple[str, str, bytes | None, dict[str, str], int]:
        return "GET", "/api/v1/no-such-route", None, {}, 404

    return make


def current_etag(port: int, seeded: Seeded) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "GET",
        f"/api/v1/stores/{seeded.store_id}/catalogue",
        headers={"Authorization": f"Bearer {seeded.token}"},
    )
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.headers["ETag"]


def bench_workers(workers: int, args: argparse.Namespace) -> dict[str, PhaseResult]:
    with tempfile.TemporaryDirectory(prefix="autostore-bench-") as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        secret = secrets.token_urlsafe(32)
        seeded = seed(db_url, secret, args.products)
        port = free_port()
        proc = start_server(db_url, secret, Path(tmp), workers, port)
        try:
            run_phase("warm-up", port, args.clients, 1.0, order_request(seeded), proc.pid)
            orders = run_phase("orders", port, args.clients, args.duration, order_request(seeded), proc.pid)
            etag = current_etag(port, seeded)
            reads = args.read_duration
            cached = run_phase(
                "catalogue 304", port, args.clients, reads, catalogue_request(seeded, etag), proc.pid
            )
            full = run_phase(
                "catalogue 200", port, args.clients, reads, catalogue_request(seeded, None), proc.pid
            )
            floor = run_phase("unrouted 404", port, args.clients, reads, unrouted_request(), proc.pid)
        finally:
            stop_server(proc)
    return {"orders": orders, "cached": cached, "full": full, "floor": floor}


def report(workers: int, results: dict[str, PhaseResult]) -> None:
    orders, cached, full, floor = results["orders"], results["cached"], results["full"], results["floor"]
    ref_p99 = REFERENCE["orders_p99_ms"][workers] if workers in (1, 2) else float("nan")  # type: ignore[index]
    low, high = REFERENCE["reads_prepared_per_s"]  # type: ignore[misc]
    print(f"\n== {workers} worker(s)")
    for result in (orders, cached, full, floor):
        print(result.line())
    units = [r.server_cpu_ms_per_request / floor.server_cpu_ms_per_request for r in (orders, cached, full)]
    print(
        f"  server CPU per request in bare-404 units: order x{units[0]:.1f}, "
        f"catalogue 304 x{units[1]:.2f}, catalogue 200 x{units[2]:.2f}"
    )
    print(f"  orders/s vs reference 300/s:          x{orders.rate / 300.0:.2f}")
    p99_ratio = orders.percentile(99) / ref_p99
    print(f"  order p99 vs reference {ref_p99:.0f} ms:       x{p99_ratio:.2f} (lower is better)")
    for label, result in (("304", cached), ("200", full)):
        print(
            f"  catalogue {label} reads/s vs ORM-per-request 100/s: x{result.rate / 100.0:.1f}; "
            f"vs prepared {low:.0f}-{high:.0f}/s: x{result.rate / high:.2f}-x{result.rate / low:.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of order creates per run")
    parser.add_argument("--read-duration", type=float, default=5.0, help="seconds of each catalogue phase")
    parser.add_argument("--clients", type=int, default=16, help="concurrent client threads")
    parser.add_argument("--products", type=int, default=500)
    parser.add_argument("--workers", default="1,2", help="comma-separated uvicorn worker counts")
    args = parser.parse_args()
    print(
        f"AutoStore backend bench: {args.clients} clients, {args.products} products, SQLite, "
        f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    for workers in (int(w) for w in args.workers.split(",")):
        report(workers, bench_workers(workers, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
