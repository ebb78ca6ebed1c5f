"""`autostore jobs`: the backend host's scheduled work in one process.

Every hour it deletes CCTV media past the retention period; every night (at --at in --timezone) it
refreshes demand forecasts and reorder suggestions. `--once` runs each job once and exits (for cron or a
systemd timer). A failing job is logged and tried again at its next turn; it never stops the others.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

log = logging.getLogger("autostore.jobs")
RETENTION_EVERY_S = 3600.0


def add_jobs_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("jobs", help="scheduled work: clip retention hourly, forecasts nightly")
    p.add_argument("--once", action="store_true", help="run every job once now and exit")
    p.add_argument("--no-forecast", action="store_true", help="leave forecasting to another host")
    p.add_argument("--at", default="03:00", help="nightly forecast time, HH:MM (default 03:00)")
    p.add_argument("--timezone", default="Asia/Seoul", help="zone of --at (default Asia/Seoul)")
    p.add_argument("--horizon", type=int, default=28, help="forecast days (default 28)")
    p.set_defaults(handler=jobs_command)


def jobs_command(args: argparse.Namespace) -> int:
    from backend.db.migrate import upgrade_to_head
    from backend.db.session import Database
    from backend.services.forecasts import run_forecasts, run_nightly
    from backend.services.retention import purge_expired_clips
    from backend.settings import BackendSettings
    from core.timeutil import utcnow

    try:
        settings = BackendSettings()
    except Exception as exc:
        print(f"autostore jobs: configuration error: {exc}", file=sys.stderr)
        return 2
    db = Database(settings.effective_database_url, sqlite_synchronous=settings.sqlite_synchronous)

    def retention() -> None:
        try:
            report = purge_expired_clips(db, settings, utcnow())
            log.info(
                "retention: media of %d alerts deleted, %d bytes freed, %d orphan files",
                report.alerts,
                report.bytes_freed,
                report.orphans,
            )
        except Exception:
            log.exception("retention job failed; trying again at its next turn")

    try:
        upgrade_to_head(db.write_engine)
        if args.once:
            retention()
            if not args.no_forecast:
                for run in run_forecasts(db, horizon=args.horizon):
                    log.info("forecast: %s", run.model_dump_json())
            return 0
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        if not args.no_forecast:
            nightly = threading.Thread(
                target=run_nightly,
                kwargs={
                    "db": db,
                    "at": args.at,
                    "tz_name": args.timezone,
                    "horizon": args.horizon,
                    "stop": stop,
                },
                name="nightly-forecast",
                daemon=True,
            )
            nightly.start()
        print(
            "autostore jobs: running (clip retention hourly"
            + ("" if args.no_forecast else ", forecasts nightly")
            + "); Ctrl+C stops"
        )
        try:
            while True:
                retention()
                if stop.wait(RETENTION_EVERY_S):
                    break
        except KeyboardInterrupt:
            stop.set()
        return 0
    finally:
        db.dispose()
