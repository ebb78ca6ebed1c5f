"""Devices: listing with online state, revocation, remote config with optimistic versions, heartbeats."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from backend.db.models import Device, Event, RefreshToken
from core.timeutil import utcnow
from tests.backend.auth_helpers import ActivatedDevice, Api, activate_device, open_api


@pytest.fixture
def api(db_url: str, tmp_path: Path) -> Iterator[Api]:
    with open_api(db_url, tmp_path) as api:
        yield api


@pytest.fixture
def any_api(any_db_url: str, tmp_path: Path) -> Iterator[Api]:
    with open_api(any_db_url, tmp_path) as api:
        yield api


def kiosk(api: Api, store: str = "a1") -> ActivatedDevice:
    store_id = {"a1": api.world.store_a1, "a2": api.world.store_a2}[store]
    return activate_device(api.client, api.headers("owner_a"), store_id)


def count_events(api: Api, type_: str) -> int:
    with api.state.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(Event).where(Event.type == type_)) or 0)


def test_device_list_is_scoped_and_shows_online(api: Api) -> None:
    device = kiosk(api)
    url = f"/api/v1/stores/{api.world.store_a1}/devices"
    for who in ("owner_a", "staff_a1"):
        resp = api.client.get(url, headers=api.headers(who))
        assert resp.status_code == 200
        [listed] = resp.json()
        assert listed["id"] == device.device_id and listed["online"] is True  # activation counts as seen
    assert api.client.get(url, headers=api.headers("support_a2")).status_code == 404
    assert api.client.get(url, headers=api.headers("owner_b")).status_code == 404
    assert api.client.get(url, headers=device.headers).status_code == 403  # a kiosk does not list devices

    with api.state.db.write() as s:
        s.execute(update(Device).values(last_seen_at=utcnow() - timedelta(minutes=5)))
        s.commit()
    assert api.client.get(url, headers=api.headers("owner_a")).json()[0]["online"] is False

    beat = api.client.post(
        "/api/v1/devices/me/heartbeat",
        json={"app_version": "1.4.0", "outbox_pending": 2, "health": {"sensor": "ok"}},
        headers=device.headers,
    )
    assert beat.status_code == 204
    [listed] = api.client.get(url, headers=api.headers("owner_a")).json()
    assert listed["online"] is True and listed["app_version"] == "1.4.0"
    assert listed["health"] == {"sensor": "ok", "outbox_pending": 2}


def test_heartbeat_events_are_rate_limited(api: Api) -> None:
    device = kiosk(api)
    for _ in range(3):
        resp = api.client.post("/api/v1/devices/me/heartbeat", json={}, headers=device.headers)
        assert resp.status_code == 204
    assert count_events(api, "device.heartbeat") == 1
    # A minute later the next beat is logged again.
    with api.state.db.write() as s:
        row = s.get_one(Device, device.device_id)
        row.health = {**row.health, "_heartbeat_event_at": (utcnow() - timedelta(seconds=61)).isoformat()}
        s.commit()
    api.client.post("/api/v1/devices/me/heartbeat", json={}, headers=device.headers)
    assert count_events(api, "device.heartbeat") == 2


def test_people_cannot_send_heartbeats(api: Api) -> None:
    resp = api.client.post("/api/v1/devices/me/heartbeat", json={}, headers=api.headers("owner_a"))
    assert resp.status_code == 403


def test_revoked_device_is_shut_out_at_once(any_api: Api) -> None:
    api = any_api
    device = kiosk(api)
    rotated = api.refresh(device.refresh_token).json()  # a device with a rotated family
    assert api.client.get("/api/v1/auth/me", headers=device.headers).status_code == 200

    url = f"/api/v1/devices/{device.device_id}/revoke"
    assert api.client.post(url, headers=api.headers("staff_a1")).status_code == 403
    assert api.client.post(url, headers=api.headers("owner_b")).status_code == 404
    resp = api.client.post(url, headers=api.headers("owner_a"))
    assert resp.status_code == 200
    assert resp.json()["revoked_at"] is not None and resp.json()["online"] is False

    me = api.client.get("/api/v1/auth/me", headers=device.headers)
    assert me.status_code == 401
    assert me.json()["error"]["code"] == "device_revoked"
    assert api.refresh(rotated["refresh_token"]).status_code == 401
    with api.state.db.read() as s:
        tokens = s.scalars(select(RefreshToken).where(RefreshToken.device_id == device.device_id)).all()
    assert tokens and all(t.revoked_at is not None for t in tokens)
    assert count_events(api, "device.revoked") == 1
    # Revoking again changes nothing and logs nothing new.
    assert api.client.post(url, headers=api.headers("owner_a")).status_code == 200
    assert count_events(api, "device.revoked") == 1


def test_device_reads_its_own_config(api: Api) -> None:
    device = kiosk(api)
    other = kiosk(api)
    url = f"/api/v1/devices/{device.device_id}/config"
    resp = api.client.get(url, headers=device.headers)
    assert resp.status_code == 200
    assert resp.json()["version"] == 1 and resp.json()["config"]["language"] == "ko"
    assert api.client.get(url, headers=other.headers).status_code == 403
    assert api.client.get(url, headers=api.headers("staff_a1")).status_code == 403
    assert api.client.get(url, headers=api.headers("support_a2")).status_code == 404
    assert api.client.get(url, headers=api.headers("owner_b")).status_code == 404
    assert api.client.get("/api/v1/devices/no-such-device/config", headers=device.headers).status_code == 404


def test_config_update_with_version_check(api: Api) -> None:
    device = kiosk(api, "a2")
    url = f"/api/v1/devices/{device.device_id}/config"
    current = api.client.get(url, headers=device.headers).json()
    new_config = {**current["config"], "idle_timeout_s": 120, "language": "en"}

    resp = api.client.put(
        url, json={"config": new_config, "expected_version": 1}, headers=api.headers("support_a2")
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["version"] == 2 and resp.json()["config"]["idle_timeout_s"] == 120
    assert api.client.get(url, headers=device.headers).json()["config"]["language"] == "en"
    with api.state.db.read() as s:
        event = s.scalars(select(Event).where(Event.type == "config.changed")).one()
    assert event.data["device_id"] == device.device_id and event.data["version"] == 2
    assert event.store_id == api.world.store_a2

    stale = api.client.put(
        url, json={"config": new_config, "expected_version": 1}, headers=api.headers("owner_a")
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "version_conflict"
    assert count_events(api, "config.changed") == 1

    unknown_key = api.client.put(
        url, json={"config": {**new_config, "turbo": True}}, headers=api.headers("owner_a")
    )
    assert unknown_key.status_code == 422
    assert api.client.put(url, json={"config": new_config}, headers=device.headers).status_code == 403
    assert api.client.put(url, json={"config": new_config}, headers=api.headers("owner_b")).status_code == 404
    assert (
        api.client.put(url, json={"config": new_config}, headers=api.headers("staff_b1")).status_code == 404
    )
    assert (
        api.client.put(url, json={"config": new_config}, headers=api.headers("staff_a1")).status_code == 404
    )
