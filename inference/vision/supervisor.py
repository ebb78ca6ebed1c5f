"""`processes: N`: the cameras split over N child processes, watched and restarted by the parent.

Each child runs a `VisionWorker` for its share of cameras (threads inside, as with one process) and puts
finished alerts straight into the shared disk queue, whose atomic renames make that safe. The parent
delivers the queue, gathers camera health from the children, and restarts a child that died (a crash in
native decoding or inference code takes one group down, not the store), as Frigate does.
"""

from __future__ import annotations

import json
import logging
import multiprocessing as mp
import os
import signal
import threading
import time
from dataclasses import asdict, replace
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from hardware.device import Backoff
from inference.vision.camera_worker import CameraHealthReport
from inference.vision.config import VisionConfig
from inference.vision.disk_queue import DiskQueue
from inference.vision.uplink import AlertPoster, AlertSender
from inference.vision.worker import HealthSink, VisionWorker

log = logging.getLogger(__name__)
CHILD_HEALTH_EVERY_S = 2.0


def camera_groups(config: VisionConfig) -> list[list[str]]:
    count = min(config.processes, len(config.cameras))
    return [[c.name for c in config.cameras[i::count]] for i in range(count)]


def _health_file(config: VisionConfig, index: int) -> Path:
    return config.queue_dir / "health" / f"group-{index}.json"


def _child_main(config_json: dict[str, Any], index: int, names: list[str]) -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(processName)s %(name)s: %(message)s"
    )
    config = VisionConfig.model_validate(config_json)
    path = _health_file(config, index)
    path.parent.mkdir(parents=True, exist_ok=True)

    def report(cameras: list[CameraHealthReport], _queued: int) -> None:
        # A file, not a multiprocessing queue: a child killed mid-write cannot wedge a lock the others need.
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps([asdict(c) for c in cameras]))
        os.replace(tmp, path)

    # Stop on SIGTERM from the parent, or when the parent is gone. Not a multiprocessing.Event: a child
    # killed while inside one leaves its lock held, and every other process waiting on it hangs.
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    parent = mp.parent_process()
    if parent is not None:

        def stop_with_parent() -> None:
            parent.join()
            stop.set()

        threading.Thread(target=stop_with_parent, name="parent-watch", daemon=True).start()
    worker = VisionWorker(config, health_sink=report, camera_names=names, health_every_s=CHILD_HEALTH_EVERY_S)
    worker.run(stop)


class Supervisor:
    def __init__(
        self, config: VisionConfig, poster: AlertPoster | None = None, health_sink: HealthSink | None = None
    ) -> None:
        self.config = config
        self.queue = DiskQueue(config.queue_dir)
        self.sender = AlertSender(self.queue, poster) if poster is not None else None
        self.health_sink = health_sink
        self.groups = camera_groups(config)
        self._context = mp.get_context("spawn")  # no fork: onnxruntime and decoder threads do not survive it
        self._children: list[BaseProcess | None] = [None] * len(self.groups)
        self._backoff = [Backoff(initial=1.0, maximum=30.0) for _ in self.groups]
        self._restart_at = [0.0] * len(self.groups)
        self.health: dict[str, CameraHealthReport] = {}
        self.restarts = 0

    def _start(self, index: int) -> None:
        child = self._context.Process(
            target=_child_main,
            args=(self.config.model_dump(mode="json"), index, self.groups[index]),
            name=f"vision-{index}",
            daemon=True,
        )
        child.start()
        self._children[index] = child

    def _watch(self) -> None:
        now = time.monotonic()
        for index, child in enumerate(self._children):
            if child is not None and child.is_alive():
                continue
            if child is not None:
                log.error("camera process %d died (exit code %s); restarting it", index, child.exitcode)
                for name in self.groups[index]:
                    if name in self.health:
                        self.health[name] = replace(
                            self.health[name],
                            health="reconnecting",
                            message="worker process died; restarting",
                        )
                self._children[index] = None
                self._restart_at[index] = now + self._backoff[index].next_delay()
                self.restarts += 1
            if now >= self._restart_at[index]:
                self._start(index)

    def _read_reports(self) -> None:
        for index, child in enumerate(self._children):
            if child is None:
                continue  # died: its cameras keep the "restarting" state set by _watch
            try:
                reports = json.loads(_health_file(self.config, index).read_text())
            except (OSError, ValueError):
                continue
            for fields in reports:
                fields["monitored"] = tuple(fields["monitored"])
                report = CameraHealthReport(**fields)
                self.health[report.name] = report

    def run(self, stop: threading.Event) -> None:
        sender_stop = threading.Event()
        sender_thread = None
        if self.sender is not None:
            sender_thread = threading.Thread(target=self.sender.run, args=(sender_stop, 0.1), daemon=True)
            sender_thread.start()
        last_health = time.monotonic()
        try:
            while not stop.wait(0.5):
                self._watch()
                self._read_reports()
                every = self.config.backend.health_every_s if self.config.backend else 30.0
                if self.health_sink is not None and self.health and time.monotonic() - last_health >= every:
                    last_health = time.monotonic()
                    try:
                        self.health_sink(list(self.health.values()), len(self.queue))
                    except Exception as exc:
                        log.info("camera health not reported: %s", exc)
        finally:
            children = [c for c in self._children if c is not None]
            for child in children:
                child.terminate()  # SIGTERM: the child finishes its clips and exits
            for child in children:
                child.join(timeout=15)
                if child.is_alive():
                    child.kill()
            if self.sender is not None:
                self.sender.deliver_ready()
            sender_stop.set()
            if sender_thread is not None:
                sender_thread.join(timeout=10)
