"""The worker against a real backend on a loopback port: activation as a `vision` device, alerts with
snapshot and clip, camera health, and alerts raised during an outage delivered once it is over."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from autostore.cli import main
from autostore.vision_cli import build_uplink
from backend.app import create_app
from backend.state import AppState
from core.client import ApiClient
from inference.vision.config import load_config
from inference.vision.disk_queue import CLIP, SNAPSHOT, DiskQueue
from inference.vision.uplink import AlertSender
from inference.vision.worker import VisionWorker
from tests.backend.conftest import make_settings
from tests.backend.world import PASSWORD, World, build_world
from tests.inference.vision import synthetic
from tests.support.live_backend import LiveBackend

pytestmark = pytest.mark.slow


@dataclass
class Live:
    backend: LiveBackend
    world: World
    owner: ApiClient
    config_path: Path


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'backend.db'}", tmp_path / "backend"))
    state: AppState = app.state.autostore
    world = build_world(state.db)
    backend = LiveBackend(app)
    backend.start()
    owner = ApiClient(backend.url, max_retries=0)
    owner.login(world.emails["owner_a"], PASSWORD)
    clip = synthetic.write_clip(tmp_path / "aisle.mp4", synthetic.toppling_box())
    people = {"type": "person", "backend": "blob", "min_height": 0.2}
    config = {
        "queue_dir": "queue",
        "models_dir": "models",
        "backend": {"url": backend.url, "token_file": "token.json"},
        "events": {"pre_s": 2, "post_s": 1},
        "cameras": [
            {
                "name": "aisle",
                "source": str(clip),
                "realtime": False,
                "detectors": [people, {"type": "fall", "still_s": 2}, {"type": "clip_classifier"}],
            }
        ],
    }
    path = tmp_path / "vision.json"
    path.write_text(json.dumps(config))
    try:
        yield Live(backend, world, owner, path)
    finally:
        backend.stop()


def activate(live: Live) -> None:
    response = live.owner.request(
        "POST", f"/stores/{live.world.store_a1}/activation-codes", json={"kind": "vision", "name": "CCTV box"}
    )
    assert main(["vision", "activate", "--config", str(live.config_path), response.json()["code"]]) == 0


def alerts_of(live: Live) -> list[dict[str, Any]]:
    page = live.owner.request("GET", f"/stores/{live.world.store_a1}/alerts").json()
    items: list[dict[str, Any]] = page["items"]
    return items


def test_not_activated_is_said_plainly(live: Live, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vision", "--config", str(live.config_path)]) == 2
    assert "not activated yet" in capsys.readouterr().err


def test_a_fall_reaches_the_backend_with_its_snapshot_and_the_cameras_are_reported(live: Live) -> None:
    activate(live)
    config = load_config(live.config_path)
    poster, health = build_uplink(config)
    VisionWorker(config, poster=poster, health_sink=health).run(threading.Event(), until_files_end=True)
    [alert] = alerts_of(live)
    assert (alert["type"], alert["camera_id"], alert["severity"]) == ("fall", "aisle", "critical")
    snapshot = live.owner.request("GET", f"/alerts/{alert['id']}/snapshot")
    assert snapshot.content[:2] == b"\xff\xd8"
    [camera] = live.owner.request("GET", f"/stores/{live.world.store_a1}/cameras").json()
    assert camera["id"] == "aisle" and camera["health"] == "offline"  # the file has ended
    assert "fall" in camera["monitored"]
    reasons = {item["type"]: item["reason"] for item in camera["not_monitored"]}
    assert set(reasons) == {"theft", "damage", "smoking", "fire"}  # no clip classifier, no fire_smoke
    assert "no trained clip classifier" in reasons["theft"]
    assert len(DiskQueue(config.queue_dir)) == 0


def test_the_clip_follows_the_alert(live: Live) -> None:
    activate(live)
    config = load_config(live.config_path)
    poster, health = build_uplink(config)
    VisionWorker(config, poster=poster, health_sink=health).run(threading.Event(), until_files_end=True)
    [alert] = alerts_of(live)
    assert alert["clip_url"]


def test_with_notify_before_clip_off_the_alert_goes_out_once_with_its_clip(live: Live) -> None:
    activate(live)
    config = load_config(live.config_path)
    config = config.model_copy(
        update={"events": config.events.model_copy(update={"notify_before_clip": False})}
    )
    poster, health = build_uplink(config)
    VisionWorker(config, poster=poster, health_sink=health).run(threading.Event(), until_files_end=True)
    [alert] = alerts_of(live)
    clip = live.owner.request("GET", f"/alerts/{alert['id']}/clip")
    assert clip.headers["content-type"] == "video/mp4" and len(clip.content) > 1000
    assert alert["snapshot_url"]


def test_alerts_raised_during_an_outage_arrive_once_it_is_over(live: Live) -> None:
    activate(live)
    config = load_config(live.config_path)
    poster, _ = build_uplink(config)
    queue = DiskQueue(config.queue_dir)
    live.backend.stop()
    ids: list[str] = []
    for kind in ("fire", "intrusion"):
        alert: dict[str, Any] = {
            "id": f"00000000-0000-4000-8000-00000000000{len(ids)}",
            "camera_id": "aisle",
            "type": kind,
            "score": 0.9,
            "severity": "high",
            "started_at": "2026-03-02T12:00:00+00:00",
            "ended_at": None,
            "detector": "test",
            "details": {},
        }
        queue.enqueue(alert, {SNAPSHOT: synthetic_jpeg(), CLIP: synthetic_mp4(config.queue_dir)})
        ids.append(alert["id"])
    poster.client.max_retries = 0  # the sender's own backoff is what is under test
    sender = AlertSender(queue, poster, backoff_base_s=0.05, backoff_cap_s=0.2)
    stop = threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop, 0.05), daemon=True)
    thread.start()
    try:
        time.sleep(1.0)
        assert len(queue) == 2 and queue.pending()[0].state().attempts >= 2
        live.backend.start()
        deadline = time.monotonic() + 20
        while len(queue) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        stop.set()
        queue.changed.set()
        thread.join(10)
    stored = {a["id"]: a for a in alerts_of(live)}
    assert sorted(stored) == sorted(ids)
    assert all(stored[i]["clip_url"] and stored[i]["snapshot_url"] for i in ids)


def synthetic_jpeg() -> bytes:
    from inference.vision.media import snapshot_jpeg

    return snapshot_jpeg(synthetic.background(), (10, 10, 50, 90), "fire")


def synthetic_mp4(folder: Path) -> bytes:
    path = synthetic.write_clip(folder / "outage.mp4", [synthetic.background()] * 5)
    data = path.read_bytes()
    path.unlink()
    return data
