"""Refresh with a retry key: repeating a rotation whose answer was lost, without weakening reuse detection.

Runs on SQLite and on PostgreSQL (`any_db_url`), like the other rotation tests.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from backend.db.models import RefreshToken
from backend.security import sha256_hex
from tests.backend.auth_helpers import Api, bearer, open_api

REFRESH = "/api/v1/auth/refresh"
KEY = "k" * 43  # what secrets.token_urlsafe(32) makes: 43 characters
OTHER_KEY = "o" * 43


@pytest.fixture
def api(any_db_url: str, tmp_path: Path) -> Iterator[Api]:
    with open_api(any_db_url, tmp_path) as api:
        yield api


def refresh(api: Api, token: str, retry_key: str | None = None) -> Any:
    body = {"refresh_token": token} if retry_key is None else {"refresh_token": token, "retry_key": retry_key}
    return api.client.post(REFRESH, json=body)


def row(api: Api, raw: str) -> RefreshToken:
    with api.state.db.read() as s:
        return s.scalars(select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(raw))).one()


def works(api: Api, pair: dict[str, Any]) -> bool:
    return bool(api.client.get("/api/v1/auth/me", headers=bearer(pair["access_token"])).status_code == 200)


def assert_reused(resp: Any) -> None:
    assert resp.status_code == 401, resp.text
    assert resp.json()["error"]["code"] == "refresh_token_reused"


def test_the_rotation_keeps_only_the_hash_of_the_retry_key(api: Api) -> None:
    first = api.tokens()
    assert refresh(api, first["refresh_token"], KEY).status_code == 200
    assert row(api, first["refresh_token"]).retry_key_hash == sha256_hex(KEY)


def test_a_lost_answer_is_recovered_with_the_same_key(api: Api, caplog: pytest.LogCaptureFixture) -> None:
    first = api.tokens()
    lost = refresh(api, first["refresh_token"], KEY).json()  # rotated, but the client never saw this

    with caplog.at_level(logging.INFO, logger="autostore.backend.auth"):
        again = refresh(api, first["refresh_token"], KEY)
    assert again.status_code == 200, again.text
    recovered = again.json()
    assert recovered["refresh_token"] not in (first["refresh_token"], lost["refresh_token"])
    assert "refresh repeated with its retry key after a lost answer" in caplog.text
    assert KEY not in caplog.text and first["refresh_token"] not in caplog.text
    assert works(api, recovered)
    retired = row(api, lost["refresh_token"])
    assert retired.revoked_at is not None and retired.rotated_at is not None
    assert row(api, recovered["refresh_token"]).family_id == retired.family_id

    # The recovered pair keeps rotating as usual.
    newest = refresh(api, recovered["refresh_token"], OTHER_KEY)
    assert newest.status_code == 200, newest.text
    # The successor the repeat replaced no longer works. Its holder never got it legitimately (the answer
    # carrying it was lost), so presenting it counts as reuse and ends the family.
    assert_reused(refresh(api, lost["refresh_token"]))
    assert refresh(api, newest.json()["refresh_token"]).json()["error"]["code"] == "refresh_token_revoked"


@pytest.mark.parametrize("presented_key", [OTHER_KEY, None])
def test_another_key_or_none_is_still_reuse(api: Api, presented_key: str | None) -> None:
    first = api.tokens()
    second = refresh(api, first["refresh_token"], KEY).json()
    assert_reused(refresh(api, first["refresh_token"], presented_key))
    assert row(api, second["refresh_token"]).revoked_at is not None
    assert refresh(api, second["refresh_token"]).json()["error"]["code"] == "refresh_token_revoked"


def test_a_rotation_without_a_key_cannot_be_repeated(api: Api) -> None:
    first = api.tokens()
    second = refresh(api, first["refresh_token"]).json()  # an older client: no retry key
    assert_reused(refresh(api, first["refresh_token"], KEY))
    assert row(api, second["refresh_token"]).revoked_at is not None


def test_a_repeat_after_the_successor_was_used_revokes_the_family(api: Api) -> None:
    first = api.tokens()
    second = refresh(api, first["refresh_token"], KEY).json()
    third = refresh(api, second["refresh_token"], OTHER_KEY).json()  # the successor was used: not lost

    assert_reused(refresh(api, first["refresh_token"], KEY))
    assert refresh(api, third["refresh_token"]).json()["error"]["code"] == "refresh_token_revoked"


def test_a_repeat_after_the_family_was_ended_is_refused(api: Api) -> None:
    first = api.tokens()
    second = refresh(api, first["refresh_token"], KEY).json()
    logout = api.client.post("/api/v1/auth/logout", json={"refresh_token": second["refresh_token"]})
    assert logout.status_code == 204
    assert_reused(refresh(api, first["refresh_token"], KEY))


def test_two_lost_answers_in_a_row_are_both_recovered(api: Api) -> None:
    first = api.tokens()
    lost_once = refresh(api, first["refresh_token"], KEY).json()
    lost_twice = refresh(api, first["refresh_token"], KEY).json()
    third = refresh(api, first["refresh_token"], KEY)
    assert third.status_code == 200, third.text
    recovered = third.json()
    assert len({lost_once["refresh_token"], lost_twice["refresh_token"], recovered["refresh_token"]}) == 3
    assert row(api, lost_once["refresh_token"]).revoked_at is not None
    assert row(api, lost_twice["refresh_token"]).revoked_at is not None
    live = row(api, recovered["refresh_token"])
    assert live.revoked_at is None and live.rotated_at is None
    assert works(api, recovered)
    assert refresh(api, recovered["refresh_token"], OTHER_KEY).status_code == 200


@pytest.mark.parametrize("bad_key", ["short", "x" * 129])
def test_a_retry_key_has_a_bounded_length(api: Api, bad_key: str) -> None:
    first = api.tokens()
    resp = refresh(api, first["refresh_token"], bad_key)
    assert resp.status_code == 422
    assert row(api, first["refresh_token"]).rotated_at is None  # refused before anything happened
