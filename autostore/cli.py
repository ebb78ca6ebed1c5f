"""`autostore` command: one entry point, subcommands imported lazily so `--help` stays fast."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]


def _backend(args: argparse.Namespace) -> int:
    import uvicorn

    from backend.settings import BackendSettings

    try:
        BackendSettings()  # fail early, with the message, on a bad configuration
    except Exception as exc:
        print(f"autostore backend: configuration error: {exc}", file=sys.stderr)
        return 2
    uvicorn.run(
        "backend.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        access_log=args.access_log,
        timeout_graceful_shutdown=5,  # open event streams must not hold up a shutdown
    )
    return 0


def _seed_demo(args: argparse.Namespace) -> int:
    from backend.seed import seed_demo_cli

    return seed_demo_cli(password=args.password, reset=args.reset)


def _demo(args: argparse.Namespace) -> int:
    from autostore.demo import run_demo

    return run_demo(args)


def _forecast(args: argparse.Namespace) -> int:
    from autostore.forecast_cmd import forecast_command

    return forecast_command(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autostore", description="AutoStore: unmanned-store software.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("backend", help="run the REST API server")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8700)
    p.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    p.add_argument("--log-level", default="info")
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.set_defaults(handler=_backend)

    p = sub.add_parser("seed-demo", help="fill the database with a demo brand, stores, users and sales")
    p.add_argument("--password", help="password for the demo users (default: a printed random one)")
    p.add_argument("--reset", action="store_true", help="delete existing demo data first")
    p.set_defaults(handler=_seed_demo)

    p = sub.add_parser(
        "demo", help="run the backend with demo data, then both apps (or --headless: a scripted sale)"
    )
    p.add_argument(
        "--headless", action="store_true", help="run the scripted scenario over HTTP instead of the apps"
    )
    p.add_argument("--data-dir", help="demo data folder (default: 'demo' in the user data folder)")
    p.add_argument("--port", type=int, help="backend port (default: 8700, or a free one if that is taken)")
    p.set_defaults(handler=_demo)

    p = sub.add_parser("forecast", help="demand forecasts and reorder suggestions")
    p.add_argument("action", choices=["run"], help="run: forecast now (or every night with --nightly)")
    p.add_argument("--store", type=int, help="one store id (default: every store)")
    p.add_argument("--horizon", type=int, default=28, help="days to forecast (default 28)")
    p.add_argument("--nightly", action="store_true", help="keep running: every night at --at local time")
    p.add_argument("--at", default="03:00", help="nightly run time, HH:MM in --timezone (default 03:00)")
    p.add_argument("--timezone", default="Asia/Seoul", help="zone of --at (default Asia/Seoul)")
    p.set_defaults(handler=_forecast)

    from autostore.jobs_cmd import add_jobs_parser
    from autostore.vision_cli import add_models_parser, add_vision_parser

    add_jobs_parser(sub)

    add_models_parser(sub)
    # The `vision` group: run, check-config and activate (the worker); train, eval and export (the clip
    # classifier) join the same group.
    from autostore.vision_train_cli import add_training_commands

    add_training_commands(add_vision_parser(sub))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    handler: Handler = args.handler
    return handler(args)


if __name__ == "__main__":
    sys.exit(main())
