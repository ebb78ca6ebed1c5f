"""`autostore vision ...`: run the CCTV worker, check its config, activate it as a device of a store.

`autostore vision --config FILE` is short for `autostore vision run --config FILE`. The classifier's
`train`, `eval` and `export` join the same group (see autostore/cli.py). Heavy imports stay inside the
handlers so `autostore --help` stays fast.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Any

log = logging.getLogger("autostore.vision")


def add_vision_parser(sub: Any) -> Any:
    """Add the `vision` group to the top-level subparsers; returns its subparsers for more commands."""
    vision = sub.add_parser("vision", help="the CCTV vision worker: `autostore vision --config FILE` runs it")
    vision.add_argument("--config", dest="group_config", metavar="FILE", help="run the worker with FILE")
    vision.set_defaults(handler=_dispatch)
    commands = vision.add_subparsers(dest="vision_command", metavar="COMMAND")

    p = commands.add_parser("run", help="run the worker (until Ctrl+C)")
    p.add_argument("--config", required=True, metavar="FILE", help="the worker's YAML or JSON config")
    p.set_defaults(handler=run_worker)

    p = commands.add_parser("check-config", help="validate a config and say what each camera will watch")
    p.add_argument("config", metavar="FILE")
    p.set_defaults(handler=check_config)

    p = commands.add_parser("activate", help="make this worker a vision device of a store (one-time code)")
    p.add_argument("--config", required=True, metavar="FILE")
    p.add_argument("code", help="the activation code an owner issued for a 'vision' device")
    p.add_argument("--name", default="Vision worker", help="how the device is listed")
    p.set_defaults(handler=activate)
    return commands


def _dispatch(args: argparse.Namespace) -> int:
    if getattr(args, "group_config", None):
        args.config = args.group_config
        return run_worker(args)
    print(
        "autostore vision: give --config FILE, or a command (see `autostore vision --help`)", file=sys.stderr
    )
    return 2


def _load(path: str) -> Any:
    from inference.vision.config import ConfigError, load_config

    try:
        return load_config(Path(path))
    except ConfigError as exc:
        print(f"autostore vision: {exc}", file=sys.stderr)
        return None


def check_config(args: argparse.Namespace) -> int:
    from inference.models import ModelRegistry
    from inference.vision.detectors import build_detectors, coverage

    config = _load(args.config)
    if config is None:
        return 2
    registry = ModelRegistry(config.models_dir)
    store = config.store
    print(f"{args.config}: valid; store '{store.name}' ({store.timezone}), models in {registry.root}")
    for camera in config.cameras:
        detectors = build_detectors(camera, registry)
        status = coverage(detectors)
        print(f"camera {camera.name}: {', '.join(d.name for d in detectors) or 'no detectors'}")
        print(f"  monitored: {', '.join(status.monitored) or 'nothing'}")
        for kind, reason in status.not_monitored.items():
            print(f"  NOT monitored: {kind}: {reason}")
        for detector in detectors:
            detector.close()
    return 0


def _client(config: Any) -> tuple[Any, Any]:
    from core.client import ApiClient
    from inference.vision.token_file import FileTokenStore

    tokens = FileTokenStore(config.backend.token_file)
    return ApiClient(config.backend.url, token_store=tokens), tokens


def activate(args: argparse.Namespace) -> int:
    from core.client.errors import ApiError

    config = _load(args.config)
    if config is None:
        return 2
    if config.backend is None:
        print("autostore vision: the config has no `backend` section to activate against", file=sys.stderr)
        return 2
    client, tokens = _client(config)
    try:
        bundle = client.activate(args.code, device_name=args.name)
    except ApiError as exc:
        print(f"autostore vision: activation failed: {exc.message}", file=sys.stderr)
        return 1
    tokens.set_store_id(bundle.store.id)
    print(
        f"activated: device {bundle.device_id} of store '{bundle.store.name}' ({config.backend.token_file})"
    )
    return 0


def _health_sink(client: Any) -> Any:
    from core.schemas.alerts import AlertType, CameraReport, CamerasReport, NotMonitored
    from core.schemas.devices import Heartbeat

    known = {t.value for t in AlertType}

    def report(cameras: list[Any], queued: int) -> None:
        body = CamerasReport(
            cameras=[
                CameraReport(
                    id=c.name,
                    name=c.name,
                    health=c.health,
                    fps=c.fps,
                    monitored=[AlertType(k) for k in c.monitored if k in known],
                    not_monitored=[
                        NotMonitored(type=AlertType(k), reason=r[:300])
                        for k, r in c.not_monitored.items()
                        if k in known
                    ],
                    message=c.message,
                )
                for c in cameras
            ]
        )
        client.request("POST", "/devices/me/cameras", json=body.model_dump(mode="json"), idempotent=True)
        client.heartbeat(Heartbeat(app_version="vision", outbox_pending=queued))

    return report


def build_uplink(config: Any) -> tuple[Any, Any]:
    """(alert poster, health sink) for a config's backend, or (None, None) without one. Raises
    TokenFileError or RuntimeError (not activated) with a message for the person at the console."""
    from inference.vision.uplink import BackendAlertPoster

    if config.backend is None:
        return None, None
    client, tokens = _client(config)
    store_id = tokens.store_id
    if store_id is None or tokens.refresh_token is None:
        raise RuntimeError("not activated yet; run `autostore vision activate --config FILE CODE`")
    return BackendAlertPoster(client, store_id), _health_sink(client)


def run_worker(args: argparse.Namespace) -> int:
    from inference.vision.supervisor import Supervisor
    from inference.vision.token_file import TokenFileError
    from inference.vision.worker import VisionWorker

    config = _load(args.config)
    if config is None:
        return 2
    try:
        poster, health = build_uplink(config)
    except (TokenFileError, RuntimeError) as exc:
        print(f"autostore vision: {exc}", file=sys.stderr)
        return 2
    if poster is None:
        log.warning("no backend in the config: alerts stay in %s", config.queue_dir)
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    if config.processes > 1:
        Supervisor(config, poster=poster, health_sink=health).run(stop)
    else:
        VisionWorker(config, poster=poster, health_sink=health).run(stop)
    return 0


def add_models_parser(sub: Any) -> None:
    from inference.models import models_cli

    models = sub.add_parser("models", help="install and list model files (checksums verified)")
    models.add_argument("--dir", help="models directory (default: the user's AutoStore models folder)")
    models.set_defaults(handler=models_cli)
    commands = models.add_subparsers(dest="models_command", metavar="COMMAND")
    p = commands.add_parser("install", help="copy a model file in after checking its SHA-256")
    p.add_argument("name", help="e.g. yolox_nano")
    p.add_argument("--from", dest="from_file", required=True, metavar="FILE")
    p.add_argument("--sha256", help="expected checksum (required for models AutoStore does not know)")
    p.add_argument("--licence", help="the model's licence, recorded in the manifest")
    p.add_argument("--source", help="where it came from, recorded in the manifest")
    p.add_argument("--dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)  # after `install` too
    p.set_defaults(handler=models_cli)
    commands.add_parser("list", help="what is installed").set_defaults(handler=models_cli)
