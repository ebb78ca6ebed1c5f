"""CCTV alerts: uploads from vision devices only, idempotent replays, media checks and Range serving,
listing filters, review with notes, retention, the camera registry and the events each change emits."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from backend.app import create_app
from backend.db.models import Alert, Event
from backend.services.retention import purge_expired_clips
from backend.state import AppState
from core.timeutil import utcnow
from tests.backend.auth_helpers import ActivatedDevice, Api, activate_device
from tests.backend.conftest import make_settings
from tests.backend.world import build_world

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 2
MP4 = b"\x00\x00\x00\x18ftypisom" + bytes(range(256)) * 8


def _open(db_url: str, tmp_path: Path) -> Iterator[Api]:
    settings = make_settings(db_url, tmp_path, alert_clip_max_bytes=4096, alert_snapshot_max_bytes=2048)
    app = create_app(settings)
    state: AppState = app.state.autostore
    world = build_world(state.db)
    with TestClient(app) as client:
        yield Api(client, state, world)


@pytest.fixture
def api(db_url: str, tmp_path: Path) -> Iterator[Api]:
    yield from _open(db_url, tmp_path)


@pytest.fixture
def any_api(any_db_url: str, tmp_path: Path) -> Iterator[Api]:
    """The same on PostgreSQL too, where AUTOSTORE_TEST_PG_URL is set."""
    yield from _open(any_db_url, tmp_path)


def device(api: Api, store: str = "a1", kind: str = "vision") -> ActivatedDevice:
    store_id = {"a1": api.world.store_a1, "a2": api.world.store_a2}[store]
    return activate_device(api.client, api.headers("owner_a"), store_id, kind=kind)


def alert_body(store_id: int, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "store_id": store_id,
        "camera_id": "cam-1",
        "type": "fall",
        "score": 0.91,
        "severity": "high",
        "started_at": utcnow().isoformat(),
        "detector": "fall",
    }
    body.update(overrides)
    return body


def post_alert(
    api: Api,
    headers: dict[str, str],
    body: dict[str, Any],
    *,
    snapshot: tuple[bytes, str] | None = (JPEG, "image/jpeg"),
    clip: tuple[bytes, str] | None = (MP4, "video/mp4"),
) -> Any:
    files: dict[str, tuple[str, bytes, str]] = {}
    if snapshot is not None:
        files["snapshot"] = ("snap.jpg", snapshot[0], snapshot[1])
    if clip is not None:
        files["clip"] = ("clip.mp4", clip[0], clip[1])
    return api.client.post(
        "/api/v1/alerts", data={"alert": json.dumps(body)}, files=files or None, headers=headers
    )


def events(api: Api, type_: str) -> list[dict[str, Any]]:
    with api.state.db.read() as s:
        return [e.data for e in s.scalars(select(Event).where(Event.type == type_).order_by(Event.id))]


def stored_files(api: Api) -> list[Path]:
    root = api.state.settings.effective_clips_dir
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_vision_device_uploads_and_a_replay_returns_the_original(any_api: Api) -> None:
    api = any_api
    vision = device(api)
    body = alert_body(api.world.store_a1)
    first = post_alert(api, vision.headers, body)
    assert first.status_code == 201, first.text
    out = first.json()
    assert out["id"] == body["id"] and out["status"] == "new" and out["device_id"] == vision.device_id
    assert out["clip_url"] == f"/api/v1/alerts/{body['id']}/clip"
    assert out["snapshot_url"] == f"/api/v1/alerts/{body['id']}/snapshot"

    replay = post_alert(api, vision.headers, {**body, "score": 0.2})
    assert replay.status_code == 200
    assert replay.json() == out  # the original, not the replayed values
    with api.state.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Alert)) == 1
    files = stored_files(api)
    assert len(files) == 2  # the replay's copies are not kept
    assert all(
        f.parent.name == str(api.world.store_a1) and body["id"].replace("-", "") in f.name for f in files
    )
    [created] = events(api, "alert.created")
    assert created["alert_id"] == body["id"] and created["type"] == "fall" and created["severity"] == "high"


def test_the_clip_may_follow_the_alert_in_a_second_upload(api: Api) -> None:
    """The worker sends the alert with its snapshot at once and the clip when the post-roll is recorded."""
    vision = device(api)
    body = alert_body(api.world.store_a1)
    first = post_alert(api, vision.headers, body, clip=None)
    assert first.status_code == 201 and first.json()["clip_url"] is None
    second = post_alert(api, vision.headers, body, snapshot=(JPEG, "image/jpeg"))
    assert second.status_code == 200
    assert second.json()["clip_url"] == f"/api/v1/alerts/{body['id']}/clip"
    assert len(stored_files(api)) == 2  # one snapshot (the first), one clip; the second snapshot not kept
    assert [e["media_added"] for e in events(api, "alert.updated")] == [["clip"]]
    third = post_alert(api, vision.headers, body)
    assert third.status_code == 200 and len(events(api, "alert.updated")) == 1  # nothing new: no event


def test_only_a_vision_device_of_that_store_may_upload(api: Api) -> None:
    body = alert_body(api.world.store_a1)
    assert post_alert(api, device(api, kind="kiosk").headers, body).status_code == 403
    assert post_alert(api, api.headers("owner_a"), body).status_code == 403
    assert post_alert(api, api.headers("staff_a1"), body).status_code == 403
    assert post_alert(api, device(api, "a2").headers, body).status_code == 404  # another store's device
    assert post_alert(api, device(api).headers, {**body, "store_id": api.world.store_b1}).status_code == 404
    assert api.client.post("/api/v1/alerts", data={"alert": json.dumps(body)}).status_code == 401
    assert stored_files(api) == [] and events(api, "alert.created") == []


def test_an_alert_id_of_another_store_is_a_conflict(api: Api) -> None:
    body = alert_body(api.world.store_a1)
    assert post_alert(api, device(api).headers, body).status_code == 201
    taken = post_alert(api, device(api, "a2").headers, {**body, "store_id": api.world.store_a2})
    assert taken.status_code == 409 and taken.json()["error"]["code"] == "alert_id_taken"


@pytest.mark.parametrize(
    ("files", "status", "code", "field"),
    [
        ({"snapshot": (JPEG, "image/png")}, 415, "unsupported_media_type", "snapshot"),
        ({"snapshot": (b"GIF89a" + JPEG, "image/jpeg")}, 415, "unsupported_media_type", "snapshot"),
        ({"clip": (MP4, "application/octet-stream")}, 415, "unsupported_media_type", "clip"),
        ({"clip": (JPEG, "video/mp4")}, 415, "unsupported_media_type", "clip"),
        ({"clip": (MP4 * 3, "video/mp4")}, 413, "too_large", "clip"),
        ({"snapshot": (JPEG * 5, "image/jpeg")}, 413, "too_large", "snapshot"),
    ],
)
def test_media_is_checked_and_nothing_is_kept_when_refused(
    api: Api, files: dict[str, tuple[bytes, str]], status: int, code: str, field: str
) -> None:
    media: dict[str, Any] = {"snapshot": (JPEG, "image/jpeg"), "clip": (MP4, "video/mp4"), **files}
    resp = post_alert(api, device(api).headers, alert_body(api.world.store_a1), **media)
    assert resp.status_code == status, resp.text
    error = resp.json()["error"]
    assert error["code"] == code and error["details"][0]["field"] == field
    assert stored_files(api) == []
    with api.state.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Alert)) == 0


def test_a_bad_alert_part_is_a_validation_error(api: Api) -> None:
    vision = device(api)
    bad = post_alert(api, vision.headers, alert_body(api.world.store_a1, score=1.5, camera_id="../../etc"))
    assert bad.status_code == 422
    fields = {d["field"] for d in bad.json()["error"]["details"]}
    assert fields == {"alert.score", "alert.camera_id"}
    not_json = api.client.post("/api/v1/alerts", data={"alert": "{"}, headers=vision.headers)
    assert not_json.status_code == 422
    media_free = post_alert(api, vision.headers, alert_body(api.world.store_a1), snapshot=None, clip=None)
    assert media_free.status_code == 201
    assert media_free.json()["clip_url"] is None and media_free.json()["snapshot_url"] is None


def test_listing_filters_pages_and_scope(any_api: Api) -> None:
    api = any_api
    vision = device(api)
    start = utcnow() - timedelta(hours=1)
    made = [
        ("fall", "cam-1", 0),
        ("fire", "cam-1", 10),
        ("theft", "cam-2", 20),
        ("fall", "cam-2", 30),
    ]
    for kind, camera, minutes in made:
        started = (start + timedelta(minutes=minutes)).isoformat()
        body = alert_body(api.world.store_a1, type=kind, camera_id=camera, started_at=started)
        assert post_alert(api, vision.headers, body, snapshot=None, clip=None).status_code == 201
    url = f"/api/v1/stores/{api.world.store_a1}/alerts"
    owner = api.headers("owner_a")

    def listed(**params: Any) -> list[tuple[str, str]]:
        resp = api.client.get(url, params=params, headers=owner)
        assert resp.status_code == 200, resp.text
        return [(a["type"], a["camera_id"]) for a in resp.json()["items"]]

    assert listed() == [("fall", "cam-2"), ("theft", "cam-2"), ("fire", "cam-1"), ("fall", "cam-1")]
    assert listed(type="fall") == [("fall", "cam-2"), ("fall", "cam-1")]
    assert listed(type=["fire", "theft"]) == [("theft", "cam-2"), ("fire", "cam-1")]
    assert listed(camera="cam-1") == [("fire", "cam-1"), ("fall", "cam-1")]
    assert listed(since=(start + timedelta(minutes=15)).isoformat()) == [
        ("fall", "cam-2"),
        ("theft", "cam-2"),
    ]
    assert listed(status="acknowledged") == []
    page = api.client.get(url, params={"limit": 3, "offset": 3}, headers=owner).json()
    assert page["total"] == 4 and [a["type"] for a in page["items"]] == ["fall"]
    assert api.client.get(url, params={"type": "nonsense"}, headers=owner).status_code == 422

    assert api.client.get(url, headers=api.headers("staff_a1")).status_code == 200
    for outsider in ("support_a2", "owner_b"):
        assert api.client.get(url, headers=api.headers(outsider)).status_code == 404
    assert api.client.get(url, headers=vision.headers).status_code == 403
    assert api.client.get(f"/api/v1/stores/{api.world.store_a2}/alerts", headers=owner).json()["total"] == 0


def test_review_keeps_status_changes_and_notes_with_who_and_when(any_api: Api) -> None:
    api = any_api
    vision = device(api)
    body = alert_body(api.world.store_a1, type="theft")
    assert post_alert(api, vision.headers, body).status_code == 201
    url = f"/api/v1/alerts/{body['id']}"

    ack = api.client.patch(url, json={"status": "acknowledged"}, headers=api.headers("staff_a1"))
    assert ack.status_code == 200, ack.text
    assert ack.json()["status"] == "acknowledged" and ack.json()["status_changed_by"].startswith("user:")
    noted = api.client.patch(
        url,
        json={"status": "false_alarm", "note": "Customer put the item back"},
        headers=api.headers("owner_a"),
    )
    assert noted.status_code == 200
    only_note = api.client.patch(
        url, json={"note": "Shown to the model team"}, headers=api.headers("owner_a")
    )
    history = only_note.json()["history"]
    assert [(h["actor_name"], h["from_status"], h["to_status"], h["note"]) for h in history] == [
        ("Staff A1", "new", "acknowledged", None),
        ("Owner A", "acknowledged", "false_alarm", "Customer put the item back"),
        ("Owner A", None, None, "Shown to the model team"),
    ]
    assert only_note.json()["status"] == "false_alarm"
    assert api.client.get(url, headers=api.headers("staff_a1")).json()["history"] == history

    assert api.client.patch(url, json={"status": "new"}, headers=api.headers("owner_a")).status_code == 422
    assert api.client.patch(url, json={}, headers=api.headers("owner_a")).status_code == 422
    assert api.client.patch(url, json={"note": "x"}, headers=vision.headers).status_code == 403
    assert api.client.patch(url, json={"note": "x"}, headers=api.headers("owner_b")).status_code == 404
    assert api.client.patch(url, json={"note": "x"}, headers=api.headers("support_a2")).status_code == 404
    assert api.client.get(f"/api/v1/alerts/{uuid.uuid4()}", headers=api.headers("owner_a")).status_code == 404
    updates = events(api, "alert.updated")
    assert [u["status"] for u in updates] == ["acknowledged", "false_alarm", "false_alarm"]
    assert updates[-1]["note_added"] is True


def test_support_reviews_alerts_of_their_assigned_store(api: Api) -> None:
    body = alert_body(api.world.store_a2)
    assert post_alert(api, device(api, "a2").headers, body).status_code == 201
    resp = api.client.patch(
        f"/api/v1/alerts/{body['id']}", json={"status": "resolved"}, headers=api.headers("support_a2")
    )
    assert resp.status_code == 200 and resp.json()["status"] == "resolved"
    assert api.client.get(f"/api/v1/alerts/{body['id']}", headers=api.headers("staff_a1")).status_code == 404


def test_media_is_served_to_reviewers_and_the_clip_answers_range_requests(api: Api) -> None:
    body = alert_body(api.world.store_a1)
    assert post_alert(api, device(api).headers, body).status_code == 201
    owner = api.headers("owner_a")
    clip_url = f"/api/v1/alerts/{body['id']}/clip"

    whole = api.client.get(clip_url, headers=owner)
    assert whole.status_code == 200 and whole.content == MP4
    assert whole.headers["content-type"] == "video/mp4" and whole.headers["accept-ranges"] == "bytes"
    part = api.client.get(clip_url, headers={**owner, "Range": "bytes=100-199"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes 100-199/{len(MP4)}"
    assert part.content == MP4[100:200]
    tail = api.client.get(clip_url, headers={**owner, "Range": "bytes=-16"})
    assert tail.status_code == 206 and tail.content == MP4[-16:]
    beyond = api.client.get(clip_url, headers={**owner, "Range": f"bytes={len(MP4) + 10}-"})
    assert beyond.status_code == 416

    snap = api.client.get(f"/api/v1/alerts/{body['id']}/snapshot", headers=api.headers("staff_a1"))
    assert snap.status_code == 200 and snap.content == JPEG and snap.headers["content-type"] == "image/jpeg"
    assert api.client.get(clip_url).status_code == 401
    assert api.client.get(clip_url, headers=api.headers("owner_b")).status_code == 404
    assert api.client.get(clip_url, headers=device(api, kind="kiosk").headers).status_code == 403


def test_retention_purges_old_media_and_keeps_the_alert(any_api: Api) -> None:
    api = any_api
    vision = device(api)
    old, recent = alert_body(api.world.store_a1), alert_body(api.world.store_a1)
    for body in (old, recent):
        assert post_alert(api, vision.headers, body).status_code == 201
    with api.state.db.write() as s:
        s.execute(
            update(Alert)
            .where(Alert.id == uuid.UUID(old["id"]))
            .values(received_at=utcnow() - timedelta(days=api.state.settings.alert_retention_days, hours=1))
        )
        s.commit()
    assert len(stored_files(api)) == 4
    root = api.state.settings.effective_clips_dir
    long_ago = (utcnow() - timedelta(days=400)).timestamp()
    for path in stored_files(api):  # old file times alone never condemn a file an alert still names
        os.utime(path, (long_ago, long_ago))
    orphan, fresh_orphan = root / "9" / "left-by-a-crash.mp4", root / "9" / "being-uploaded.mp4.part"
    orphan.parent.mkdir()
    orphan.write_bytes(MP4)
    fresh_orphan.write_bytes(MP4)
    os.utime(orphan, (long_ago, long_ago))

    report = purge_expired_clips(api.state.db, api.state.settings, utcnow())
    assert report.alerts == 1 and report.orphans == 1
    assert report.bytes_freed == len(JPEG) + 2 * len(MP4)
    remaining = stored_files(api)
    assert fresh_orphan in remaining and not orphan.exists()
    remaining.remove(fresh_orphan)
    assert len(remaining) == 2 and all(recent["id"].replace("-", "") in f.name for f in remaining)
    owner = api.headers("owner_a")
    purged = api.client.get(f"/api/v1/alerts/{old['id']}", headers=owner).json()
    assert purged["clip_url"] is None and purged["snapshot_url"] is None and purged["media_purged_at"]
    gone = api.client.get(f"/api/v1/alerts/{old['id']}/clip", headers=owner)
    assert gone.status_code == 410 and gone.json()["error"]["code"] == "media_purged"
    assert api.client.get(f"/api/v1/alerts/{recent['id']}/clip", headers=owner).status_code == 200
    assert purge_expired_clips(api.state.db, api.state.settings, utcnow()).alerts == 0


def test_camera_registry_reports_health_and_what_is_not_monitored(api: Api) -> None:
    vision = device(api)
    report = {
        "cameras": [
            {
                "id": "cam-1",
                "name": "Entrance",
                "health": "ok",
                "fps": 12.5,
                "monitored": ["fall", "fire", "intrusion"],
                "not_monitored": [
                    {"type": "theft", "reason": "no clip classifier installed"},
                    {"type": "smoking", "reason": "no clip classifier installed"},
                ],
            },
            {"id": "cam-2", "name": "Back door", "health": "reconnecting", "message": "RTSP timeout"},
        ]
    }
    post = api.client.post("/api/v1/devices/me/cameras", json=report, headers=vision.headers)
    assert post.status_code == 204, post.text
    assert (
        api.client.post("/api/v1/devices/me/cameras", json=report, headers=vision.headers).status_code == 204
    )
    assert len(events(api, "camera.changed")) == 1  # an unchanged report emits nothing

    url = f"/api/v1/stores/{api.world.store_a1}/cameras"
    cameras = api.client.get(url, headers=api.headers("staff_a1")).json()
    assert [(c["id"], c["health"], c["stale"]) for c in cameras] == [
        ("cam-1", "ok", False),
        ("cam-2", "reconnecting", False),
    ]
    assert cameras[0]["not_monitored"][0] == {"type": "theft", "reason": "no clip classifier installed"}

    body = alert_body(api.world.store_a1, camera_id="cam-1")
    alert = post_alert(api, vision.headers, body, snapshot=None, clip=None).json()
    assert alert["camera_name"] == "Entrance"

    report["cameras"] = report["cameras"][:1]
    assert (
        api.client.post("/api/v1/devices/me/cameras", json=report, headers=vision.headers).status_code == 204
    )
    assert [c["id"] for c in api.client.get(url, headers=api.headers("owner_a")).json()] == ["cam-1"]
    assert events(api, "camera.changed")[-1]["removed"] == ["cam-2"]

    kiosk = device(api, kind="kiosk")
    assert (
        api.client.post("/api/v1/devices/me/cameras", json=report, headers=kiosk.headers).status_code == 403
    )
    assert api.client.get(url, headers=api.headers("support_a2")).status_code == 404
    dup = {"cameras": [report["cameras"][0], report["cameras"][0]]}
    assert api.client.post("/api/v1/devices/me/cameras", json=dup, headers=vision.headers).status_code == 422
