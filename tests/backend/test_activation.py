"""Kiosk activation by one-time code: issuing, the bootstrap bundle, expiry, single use and the lockout."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from backend.db.models import ActivationCode, ActivationThrottle, Device, Event, Store
from backend.security import CODE_ALPHABET, keyed_hash
from core.schemas.devices import ActivateResponse
from core.timeutil import utcnow
from tests.backend.auth_helpers import Api, bearer, issue_code, open_api
from tests.backend.conftest import TEST_SECRET

ACTIVATE = "/api/v1/devices/activate"


@pytest.fixture
def api(any_db_url: str, tmp_path: Path) -> Iterator[Api]:
    with open_api(any_db_url, tmp_path) as api:
        yield api


def code_for(api: Api, store_id: int | None = None, kind: str = "kiosk") -> str:
    return issue_code(api.client, api.headers("owner_a"), store_id or api.world.store_a1, kind)


def error_code(resp: Any) -> str:
    return str(resp.json()["error"]["code"])


def test_code_is_shown_once_and_stored_only_as_a_keyed_hash(api: Api) -> None:
    resp = api.client.post(
        f"/api/v1/stores/{api.world.store_a1}/activation-codes",
        json={"name": "Door kiosk"},
        headers=api.headers("owner_a"),
    )
    assert resp.status_code == 201
    body = resp.json()
    assert len(body["code"]) == 8 and set(body["code"]) <= set(CODE_ALPHABET)
    assert body["kind"] == "kiosk" and body["store_id"] == api.world.store_a1
    with api.state.db.read() as s:
        row = s.scalars(select(ActivationCode)).one()
    assert row.code_hash == keyed_hash(TEST_SECRET, body["code"])
    assert body["code"] not in row.code_hash
    lifetime = row.expires_at.replace(tzinfo=None) - row.created_at.replace(tzinfo=None)
    assert abs(lifetime.total_seconds() - 600) < 5


def test_activation_returns_the_whole_bootstrap_bundle(api: Api) -> None:
    with api.state.db.write() as s:
        store = s.get_one(Store, api.world.store_a1)
        store.kiosk_config = {"language": "en", "idle_timeout_s": 90, "retired_key": True}
        s.commit()
    code = code_for(api)
    # Typed on a keypad: lower case and a separator are forgiven.
    typed = f"{code[:4].lower()}-{code[4:]}"
    resp = api.client.post(ACTIVATE, json={"code": typed, "device_name": "Kiosk 1", "app_version": "1.2.3"})
    assert resp.status_code == 200, resp.text
    bundle = ActivateResponse.model_validate(resp.json())

    assert bundle.store.id == api.world.store_a1 and bundle.store.name == "A Gangnam"
    assert {item.product_id for item in bundle.catalogue.items} == set(api.world.products_a)
    assert all(item.quantity == 20 for item in bundle.catalogue.items)
    assert bundle.config.language == "en" and bundle.config.idle_timeout_s == 90
    assert bundle.config.wake_distance_cm == 80.0  # the default where the store sets nothing
    assert bundle.expires_in == api.state.settings.access_token_ttl_s
    with api.state.db.read() as s:
        device = s.get_one(Device, bundle.device_id)
        last_event = s.scalars(select(Event).order_by(Event.id.desc()).limit(1)).one()
        used = s.scalars(select(ActivationCode)).one()
    assert (device.store_id, device.kind, device.name, device.app_version) == (
        api.world.store_a1,
        "kiosk",
        "Kiosk 1",
        "1.2.3",
    )
    assert last_event.type == "device.activated" and last_event.data["device_id"] == bundle.device_id
    assert bundle.last_event_id == last_event.id
    assert used.used_at is not None and used.device_id == bundle.device_id

    me = api.client.get("/api/v1/auth/me", headers=bearer(bundle.access_token)).json()
    assert (me["kind"], me["id"], me["role"]) == ("device", bundle.device_id, "kiosk")
    assert me["store_ids"] == [api.world.store_a1]
    # The device refresh token rotates like a user's.
    assert api.refresh(bundle.refresh_token).status_code == 200


def test_vision_code_makes_a_vision_device(api: Api) -> None:
    resp = api.client.post(ACTIVATE, json={"code": code_for(api, api.world.store_a2, kind="vision")})
    assert resp.status_code == 200
    me = api.client.get("/api/v1/auth/me", headers=bearer(resp.json()["access_token"])).json()
    assert me["role"] == "vision" and me["store_ids"] == [api.world.store_a2]


def test_a_code_works_only_once(api: Api) -> None:
    code = code_for(api)
    assert api.client.post(ACTIVATE, json={"code": code}).status_code == 200
    again = api.client.post(ACTIVATE, json={"code": code})
    assert again.status_code == 410
    assert error_code(again) == "otp_used"
    assert "already been used" in again.json()["error"]["message"]


def test_an_expired_code_is_refused(api: Api) -> None:
    code = code_for(api)
    with api.state.db.write() as s:
        s.execute(update(ActivationCode).values(expires_at=utcnow() - timedelta(seconds=1)))
        s.commit()
    resp = api.client.post(ACTIVATE, json={"code": code})
    assert resp.status_code == 410
    assert error_code(resp) == "otp_expired"
    assert "expired" in resp.json()["error"]["message"]
    with api.state.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Device)) == 0


def test_five_wrong_codes_lock_the_client_out(api: Api) -> None:
    code = code_for(api)
    wrong = "2" * 8 if code != "2" * 8 else "3" * 8
    for attempts_left in (4, 3, 2, 1):
        resp = api.client.post(ACTIVATE, json={"code": wrong})
        assert resp.status_code == 400
        assert error_code(resp) == "otp_invalid"
        assert f"{attempts_left} attempt" in resp.json()["error"]["message"]
    locked = api.client.post(ACTIVATE, json={"code": wrong})
    assert locked.status_code == 429
    assert error_code(locked) == "otp_locked"
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert "try again in 15 minutes" in locked.json()["error"]["message"]

    # While locked even the right code is refused, and it stays unused.
    while_locked = api.client.post(ACTIVATE, json={"code": code})
    assert while_locked.status_code == 429
    assert error_code(while_locked) == "otp_locked"
    with api.state.db.read() as s:
        assert s.scalars(select(ActivationCode)).one().used_at is None

    # Once the lockout has passed the right code works and the failures are forgotten.
    with api.state.db.write() as s:
        s.execute(update(ActivationThrottle).values(locked_until=utcnow() - timedelta(seconds=1)))
        s.commit()
    assert api.client.post(ACTIVATE, json={"code": code}).status_code == 200
    with api.state.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ActivationThrottle)) == 0


def test_success_resets_earlier_failures(api: Api) -> None:
    for _ in range(3):
        assert api.client.post(ACTIVATE, json={"code": "WRONG000"}).status_code == 400
    assert api.client.post(ACTIVATE, json={"code": code_for(api)}).status_code == 200
    # A fresh count: four more wrong codes still leave one attempt.
    for _ in range(4):
        resp = api.client.post(ACTIVATE, json={"code": "WRONG000"})
    assert resp.status_code == 400
    assert "1 attempt left" in resp.json()["error"]["message"]


def test_old_failures_fall_out_of_the_window(api: Api) -> None:
    for _ in range(4):
        api.client.post(ACTIVATE, json={"code": "WRONG000"})
    with api.state.db.write() as s:
        s.execute(update(ActivationThrottle).values(window_started_at=utcnow() - timedelta(minutes=16)))
        s.commit()
    resp = api.client.post(ACTIVATE, json={"code": "WRONG000"})
    assert resp.status_code == 400
    assert "4 attempts left" in resp.json()["error"]["message"]


def test_only_the_stores_owner_may_issue_codes(api: Api) -> None:
    def create(who: str, store_id: int) -> int:
        url = f"/api/v1/stores/{store_id}/activation-codes"
        status: int = api.client.post(url, json={}, headers=api.headers(who)).status_code
        return status

    world = api.world
    assert create("staff_a1", world.store_a1) == 403  # their store, but not their call
    assert create("support_a2", world.store_a2) == 403
    assert create("owner_b", world.store_a1) == 404  # another brand's store does not exist for them
    assert create("staff_a1", world.store_a2) == 404
    assert create("owner_a", 999_999) == 404
    no_token = api.client.post(f"/api/v1/stores/{world.store_a1}/activation-codes", json={})
    assert no_token.status_code == 401
