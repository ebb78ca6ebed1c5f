"""`autostore forecast run`: forecast every store (or one) in the configured database, once or nightly."""

from __future__ import annotations

import argparse
import re
import signal
import sys
import threading


def forecast_command(args: argparse.Namespace) -> int:
    from backend.db.migrate import upgrade_to_head
    from backend.db.session import Database
    from backend.services.forecasts import run_forecasts, run_nightly
    from backend.settings import BackendSettings

    if not 7 <= args.horizon <= 366:
        print("autostore forecast: --horizon must be between 7 and 366 days", file=sys.stderr)
        return 2
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", args.at):
        print("autostore forecast: --at must be HH:MM", file=sys.stderr)
        return 2
    try:
        settings = BackendSettings()
    except Exception as exc:
        print(f"autostore forecast: configuration error: {exc}", file=sys.stderr)
        return 2
    db = Database(settings.effective_database_url, sqlite_synchronous=settings.sqlite_synchronous)
    try:
        upgrade_to_head(db.write_engine)
        if args.nightly:
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            print(f"autostore forecast: running every night at {args.at} ({args.timezone}); Ctrl+C stops")
            try:
                run_nightly(db, at=args.at, tz_name=args.timezone, horizon=args.horizon, stop=stop)
            except KeyboardInterrupt:
                stop.set()
            return 0
        try:
            summaries = run_forecasts(db, store_id=args.store, horizon=args.horizon)
        except LookupError as exc:
            print(f"autostore forecast: {exc}", file=sys.stderr)
            return 1
        for run in summaries:
            mase = "n/a" if run.backtest_mase is None else f"{run.backtest_mase:.3f}"
            print(
                f"brand {run.brand_id}: stores {run.store_ids}, {run.series} series from {run.origin_day}, "
                f"{run.horizon} days; backtest MASE {mase}; models {run.models}; "
                f"{run.suggested_orders} products to order; {run.elapsed_s:.1f} s"
            )
        return 0
    finally:
        db.dispose()
