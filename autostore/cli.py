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
    )
    return 0


def _seed_demo(args: argparse.Namespace) -> int:
    from backend.seed import seed_demo_cli

    return seed_demo_cli(password=args.password, reset=args.reset)


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
