"""The load generators of backend_bench.py: `wrk` where installed, else keep-alive Python client threads.

Both run one phase: `clients` concurrent keep-alive connections sending one kind of request until the
deadline. The Python client costs the machine ~0.3-0.7 ms of CPU per request, which on two cores is CPU
the server does not get; wrk (C, event loop) costs a few microseconds, so its figures are the server's.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import resource
import shutil
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bench_server import Seeded, process_group_cpu_s

WRK_SCRIPT = Path(__file__).with_name("wrk_bench.lua")


@dataclass(frozen=True)
class Phase:
    name: str
    path: str
    expected: int
    orders: bool = False  # POST a fresh 3-line order each time (else GET `path`)
    token: bool = True
    etag: str | None = None


@dataclass
class PhaseResult:
    name: str
    client: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    percentiles_ms: dict[int, float] = field(default_factory=dict)  # as wrk reports them

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def server_cpu_ms_per_request(self) -> float:
        """Server CPU per request: unlike throughput, barely moved by other load on a shared machine."""
        return 1000 * self.server_cpu_s / self.requests if self.requests else float("nan")

    @property
    def client_cpu_ms_per_request(self) -> float:
        return 1000 * self.client_cpu_s / self.requests if self.requests else float("nan")

    def percentile(self, p: int) -> float:
        if p in self.percentiles_ms:
            return self.percentiles_ms[p]
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def line(self) -> str:
        return (
            f"  {self.name:<14} {self.rate:6.0f}/s  p50 {self.percentile(50):7.1f} ms  "
            f"p95 {self.percentile(95):7.1f} ms  p99 {self.percentile(99):7.1f} ms  "
            f"CPU/req server {self.server_cpu_ms_per_request:.2f} ms, "
            f"client {self.client_cpu_ms_per_request:.2f} ms  ({self.requests} ok, {self.errors} errors, "
            f"{self.client})"
        )


def wrk_available() -> bool:
    return shutil.which("wrk") is not None


def order_body(seeded: Seeded, rng: random.Random) -> bytes:
    picked = rng.sample(seeded.products, 3)
    lines = [{"product_id": pid, "quantity": rng.randint(1, 3), "unit_price": price} for pid, price in picked]
    body = {
        "id": str(uuid.uuid4()),
        "store_id": seeded.store_id,
        "lines": lines,
        "total": sum(line["quantity"] * line["unit_price"] for line in lines),
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    return json.dumps(body).encode()


def run_python(
    phase: Phase, seeded: Seeded, port: int, clients: int, seconds: float, server_pgid: int
) -> PhaseResult:
    """`clients` threads, one keep-alive http.client connection each, sending until the deadline."""
    result = PhaseResult(phase.name, "python")
    headers = {"Authorization": f"Bearer {seeded.token}"} if phase.token else {}
    if phase.etag:
        headers["If-None-Match"] = phase.etag
    if phase.orders:
        headers["Content-Type"] = "application/json"
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client(seed_value: int) -> None:
        rng = random.Random(seed_value)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        ok, errors, latencies = 0, 0, []
        start.wait()
        while time.perf_counter() < deadline[0]:
            body = order_body(seeded, rng) if phase.orders else None
            t0 = time.perf_counter()
            try:
                conn.request("POST" if phase.orders else "GET", phase.path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status = -1
            latencies.append((time.perf_counter() - t0) * 1000)
            ok, errors = (ok + 1, errors) if status == phase.expected else (ok, errors + 1)
        conn.close()
        with lock:
            result.requests += ok
            result.errors += errors
            result.latencies_ms.extend(latencies)

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    cpu_before, client_before = process_group_cpu_s(server_pgid), time.process_time()
    t_start = time.perf_counter()
    deadline[0] = t_start + seconds
    start.wait()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    result.seconds = time.perf_counter() - t_start
    result.server_cpu_s = process_group_cpu_s(server_pgid) - cpu_before
    result.client_cpu_s = time.process_time() - client_before
    return result


_WRK_LINE = re.compile(
    r"BENCH p50=([\d.]+) p95=([\d.]+) p99=([\d.]+) seconds=([\d.]+) requests=(\d+) errors=(\d+)", re.MULTILINE
)


def run_wrk(
    phase: Phase,
    seeded: Seeded,
    port: int,
    clients: int,
    seconds: float,
    server_pgid: int,
    workdir: Path,
    threads: int = 2,
) -> PhaseResult:
    """One wrk run with bench/wrk_bench.lua; its CPU is read from the rusage of reaped children."""
    token_file, products_file = workdir / "token", workdir / "products"
    token_file.write_text(seeded.token)
    products_file.write_text("".join(f"{pid} {price}\n" for pid, price in seeded.products))
    env = {**os.environ, "BENCH_MODE": "orders" if phase.orders else "get"}
    env |= {"BENCH_PRODUCTS": str(products_file), "BENCH_STORE_ID": str(seeded.store_id)}
    if phase.token:
        env["BENCH_TOKEN_FILE"] = str(token_file)
    if phase.etag:
        env["BENCH_ETAG"] = phase.etag
    duration = max(1, round(seconds))
    cmd = ["wrk", f"-t{min(threads, clients)}", f"-c{clients}", f"-d{duration}s", "--timeout", "30s"]
    cmd += ["-s", str(WRK_SCRIPT), f"http://127.0.0.1:{port}{phase.path}"]
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_before = process_group_cpu_s(server_pgid)
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=duration + 60, check=False)
    server_cpu = process_group_cpu_s(server_pgid) - cpu_before
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = _WRK_LINE.search(done.stdout)
    if done.returncode != 0 or found is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout[-500:]} {done.stderr[-500:]}")
    p50, p95, p99 = (float(found.group(i)) for i in (1, 2, 3))
    total, failed = int(found.group(5)), int(found.group(6))
    if phase.expected >= 400:  # wrk counts every status >= 400 as an error: here that is success
        failed = 0
    result = PhaseResult(phase.name, "wrk", requests=total - failed, errors=failed)
    result.seconds = float(found.group(4))  # wrk's own run time, without its start-up
    result.server_cpu_s = server_cpu
    result.client_cpu_s = (children_after.ru_utime + children_after.ru_stime) - (
        children_before.ru_utime + children_before.ru_stime
    )
    result.percentiles_ms = {50: p50, 95: p95, 99: p99}
    return result
