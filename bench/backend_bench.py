"""Backend benchmark: order creates and catalogue reads against a real `autostore backend` subprocess.

For each worker count it seeds a fresh SQLite database (one brand, one store, 500 products with plenty of
stock, a kiosk device), starts `python -m autostore.cli backend` on a loopback port, and drives it with
`wrk` (or, without wrk or with --client python, keep-alive Python client threads):
  1. orders: POST /api/v1/orders with 3 lines and a fresh UUID each, for --duration seconds;
  2. catalogue reads with If-None-Match (304s), then without (full 200 bodies);
  3. a path no route matches (the floor under every request).
It prints throughput, latency percentiles and CPU per request, and ratios against the issue's targets.
Loopback only; every phase is bounded in time and the server is stopped at the end.

    .venv/bin/python bench/backend_bench.py [--duration 10] [--read-duration 5] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import http.client
import os
import secrets
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_clients import Phase, PhaseResult, run_python, run_wrk, wrk_available
from bench_server import Seeded, free_port, load_average, seed, start_server, stop_server

# The targets (two cores, 16 clients), and the reference figures it quotes for a naive build.
TARGET = {"orders_per_s": 300.0, "orders_p99_ms": 100.0, "reads_per_s": 3000.0}
REFERENCE = {"orders_p99_ms": {1: 1200.0, 2: 160.0}, "reads_orm_per_s": 100.0}


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

        def run(phase: Phase, seconds: float) -> PhaseResult:
            if args.client == "wrk":
                return run_wrk(phase, seeded, port, args.clients, seconds, proc.pid, Path(tmp), args.threads)
            return run_python(phase, seeded, port, args.clients, seconds, proc.pid)

        catalogue = f"/api/v1/stores/{seeded.store_id}/catalogue"
        try:
            run(Phase("warm-up", "/api/v1/orders", 201, orders=True), 1.0)
            results = {"orders": run(Phase("orders", "/api/v1/orders", 201, orders=True), args.duration)}
            etag = current_etag(port, seeded)
            reads = args.read_duration
            run(Phase("warm-up", catalogue, 304, etag=etag), 1.0)
            results["cached"] = run(Phase("catalogue 304", catalogue, 304, etag=etag), reads)
            results["full"] = run(Phase("catalogue 200", catalogue, 200), reads)
            results["floor"] = run(Phase("unrouted 404", "/api/v1/no-such-route", 404, token=False), reads)
        finally:
            stop_server(proc)
    return results


def report(workers: int, results: dict[str, PhaseResult]) -> None:
    orders, cached, full, floor = results["orders"], results["cached"], results["full"], results["floor"]
    print(f"\n== {workers} worker(s), load average {load_average()} after the run")
    for result in (orders, cached, full, floor):
        print(result.line())
    units = [r.server_cpu_ms_per_request / floor.server_cpu_ms_per_request for r in (orders, cached, full)]
    print(
        f"  server CPU per request in bare-404 units: order x{units[0]:.1f}, "
        f"catalogue 304 x{units[1]:.2f}, catalogue 200 x{units[2]:.2f}"
    )
    # What two otherwise idle cores would sustain at the CPU each request cost here (server + client).
    for label, result in (("orders", orders), ("catalogue 304", cached), ("catalogue 200", full)):
        per_request = result.server_cpu_ms_per_request + result.client_cpu_ms_per_request
        print(f"  {label}: 2 cores / CPU per request = {2000 / per_request:6.0f}/s", end="")
        print(" (an upper bound: no waiting, no other load)")
    print(
        f"  orders/s vs target {TARGET['orders_per_s']:.0f}/s: x{orders.rate / TARGET['orders_per_s']:.2f}; "
        f"p99 {orders.percentile(99):.0f} ms vs target {TARGET['orders_p99_ms']:.0f} ms"
    )
    ref_p99 = REFERENCE["orders_p99_ms"].get(workers)  # type: ignore[attr-defined]
    if ref_p99:
        ratio = orders.percentile(99) / ref_p99
        print(f"  order p99 vs the naive reference's {ref_p99:.0f} ms: x{ratio:.2f}")
    for label, result in (("304", cached), ("200", full)):
        print(
            f"  catalogue {label} reads/s vs target {TARGET['reads_per_s']:.0f}/s: "
            f"x{result.rate / TARGET['reads_per_s']:.2f}; vs ORM-per-request 100/s: x{result.rate / 100:.0f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of order creates per run")
    parser.add_argument("--read-duration", type=float, default=5.0, help="seconds of each catalogue phase")
    parser.add_argument("--clients", type=int, default=16, help="concurrent connections")
    parser.add_argument("--products", type=int, default=500)
    parser.add_argument("--workers", default="1,2", help="comma-separated uvicorn worker counts")
    parser.add_argument(
        "--client",
        choices=["wrk", "python"],
        default="wrk" if wrk_available() else "python",
        help="load generator (default: wrk when installed)",
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    args = parser.parse_args()
    print(
        f"AutoStore backend bench: {args.clients} clients ({args.client}), {args.products} products, "
        f"SQLite, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, load average {load_average()}"
    )
    for workers in (int(w) for w in args.workers.split(",")):
        report(workers, bench_workers(workers, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
