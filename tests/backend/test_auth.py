"""Sign-in, refresh-token rotation and reuse detection, logout, expired and bogus access tokens.

Most tests run on SQLite and on PostgreSQL (`any_db_url`) because token rotation relies on row locks there.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from backend.db.models import RefreshToken, User
from backend.security import issue_access_token, sha256_hex
from backend.services import auth as auth_service
from backend.services.throttle import ThrottlePolicy
from core.schemas.auth import TokenPair
from core.timeutil import utcnow
from tests.backend.auth_helpers import Api, bearer, open_api
from tests.backend.conftest import TEST_SECRET
from tests.backend.world import PASSWORD

LOGIN = "/api/v1/auth/login"


@pytest.fixture
def api(any_db_url: str, tmp_path: Path) -> Iterator[Api]:
    with open_api(any_db_url, tmp_path) as api:
        yield api


def test_login_returns_token_pair_and_me_describes_the_caller(api: Api) -> None:
    pair = TokenPair.model_validate(api.tokens("owner_a"))
    assert pair.token_type == "bearer"
    assert pair.expires_in == api.state.settings.access_token_ttl_s == 15 * 60

    me = api.client.get("/api/v1/auth/me", headers=bearer(pair.access_token))
    assert me.status_code == 200
    assert me.json() == {
        "kind": "user",
        "id": me.json()["id"],
        "role": "owner",
        "brand_id": api.world.brand_a,
        "store_ids": [api.world.store_a1, api.world.store_a2],
        "display_name": "Owner A",
    }
    with api.state.db.read() as s:
        rows = s.scalars(select(RefreshToken)).all()
    # Only the SHA-256 of the refresh token is stored.
    assert [r.token_hash for r in rows] == [sha256_hex(pair.refresh_token)]
    assert rows[0].family_id and rows[0].user_id is not None and rows[0].device_id is None


def test_staff_and_support_scopes_in_me(api: Api) -> None:
    staff = api.client.get("/api/v1/auth/me", headers=bearer(api.tokens("staff_a1")["access_token"]))
    support = api.client.get("/api/v1/auth/me", headers=bearer(api.tokens("support_a2")["access_token"]))
    assert (staff.json()["role"], staff.json()["store_ids"]) == ("staff", [api.world.store_a1])
    assert (support.json()["role"], support.json()["store_ids"]) == ("support", [api.world.store_a2])


def test_login_e_mail_is_case_insensitive(api: Api) -> None:
    resp = api.client.post(LOGIN, data={"username": " OWNER@A.test ", "password": PASSWORD})
    assert resp.status_code == 200, resp.text


def test_wrong_password_and_unknown_e_mail_fail_alike(api: Api) -> None:
    wrong_password = api.login("owner_a", password="not-the-password")
    unknown = api.client.post(LOGIN, data={"username": "nobody@a.test", "password": PASSWORD})
    for resp in (wrong_password, unknown):
        assert resp.status_code == 401
        assert resp.json()["error"]["code"] == "invalid_credentials"
    assert wrong_password.json() == unknown.json()


def test_inactive_user_cannot_sign_in(api: Api) -> None:
    with api.state.db.write() as s:
        s.execute(update(User).where(User.email == api.world.emails["staff_a1"]).values(is_active=False))
        s.commit()
    resp = api.login("staff_a1")
    assert resp.status_code == 401
    assert resp.json()["error"]["code"] == "invalid_credentials"


def test_refresh_rotates_within_the_family(api: Api) -> None:
    first = api.tokens()
    resp = api.refresh(first["refresh_token"])
    assert resp.status_code == 200, resp.text
    second = resp.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert api.client.get("/api/v1/auth/me", headers=bearer(second["access_token"])).status_code == 200
    with api.state.db.read() as s:
        old = s.scalars(
            select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(first["refresh_token"]))
        )
        new = s.scalars(
            select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(second["refresh_token"]))
        )
        old_row, new_row = old.one(), new.one()
    assert old_row.rotated_at is not None and old_row.revoked_at is None
    assert new_row.rotated_at is None and new_row.family_id == old_row.family_id
    # The newest token keeps rotating.
    assert api.refresh(second["refresh_token"]).status_code == 200


def test_reusing_a_rotated_token_revokes_the_whole_family(api: Api) -> None:
    first = api.tokens()
    second = api.refresh(first["refresh_token"]).json()
    other_login = api.tokens()  # a separate family must survive

    reuse = api.refresh(first["refresh_token"])
    assert reuse.status_code == 401
    assert reuse.json()["error"]["code"] == "refresh_token_reused"

    newest = api.refresh(second["refresh_token"])
    assert newest.status_code == 401
    assert newest.json()["error"]["code"] == "refresh_token_revoked"
    with api.state.db.read() as s:
        family = s.scalars(
            select(RefreshToken).where(
                RefreshToken.family_id
                == select(RefreshToken.family_id)
                .where(RefreshToken.token_hash == sha256_hex(first["refresh_token"]))
                .scalar_subquery()
            )
        ).all()
    assert len(family) == 2 and all(row.revoked_at is not None for row in family)
    assert api.refresh(other_login["refresh_token"]).status_code == 200


def test_logout_revokes_the_family(api: Api) -> None:
    first = api.tokens()
    second = api.refresh(first["refresh_token"]).json()
    resp = api.client.post("/api/v1/auth/logout", json={"refresh_token": second["refresh_token"]})
    assert resp.status_code == 204
    after = api.refresh(second["refresh_token"])
    assert after.status_code == 401
    assert after.json()["error"]["code"] == "refresh_token_revoked"
    # Logging out twice, or with a token we never issued, is harmless.
    assert api.client.post("/api/v1/auth/logout", json={"refresh_token": "unknown"}).status_code == 204


def test_unknown_and_expired_refresh_tokens_are_refused(api: Api) -> None:
    unknown = api.refresh("not-a-token")
    assert unknown.status_code == 401
    assert unknown.json()["error"]["code"] == "refresh_token_invalid"

    pair = api.tokens()
    with api.state.db.write() as s:
        s.execute(update(RefreshToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        s.commit()
    expired = api.refresh(pair["refresh_token"])
    assert expired.status_code == 401
    assert expired.json()["error"]["code"] == "refresh_token_expired"


def test_expired_or_forged_access_tokens_are_refused(api: Api) -> None:
    me = api.client.get("/api/v1/auth/me", headers=bearer(api.tokens()["access_token"])).json()
    expired, _ = issue_access_token(TEST_SECRET, f"user:{me['id']}", "owner", ttl_s=-5)
    forged, _ = issue_access_token(
        "some-other-secret-of-enough-length", f"user:{me['id']}", "owner", ttl_s=60
    )
    for token in (expired, forged, "garbage"):
        resp = api.client.get("/api/v1/auth/me", headers=bearer(token))
        assert resp.status_code == 401
        assert resp.json()["error"]["code"] == "token_invalid"
        assert resp.headers["WWW-Authenticate"] == "Bearer"
    assert api.client.get("/api/v1/auth/me").status_code == 401


def test_refresh_of_a_deactivated_user_fails(api: Api) -> None:
    pair = api.tokens("staff_a1")
    with api.state.db.write() as s:
        s.execute(update(User).where(User.email == api.world.emails["staff_a1"]).values(is_active=False))
        s.commit()
    assert api.refresh(pair["refresh_token"]).status_code == 401
    assert api.client.get("/api/v1/auth/me", headers=bearer(pair["access_token"])).status_code == 401


def test_repeated_failed_logins_lock_the_account_from_that_client(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three failures instead of the default ten keep the test short (each attempt costs an Argon2 hash).
    monkeypatch.setattr(
        auth_service, "LOGIN_POLICY", ThrottlePolicy(max_failures=3, window_s=900, lockout_s=900)
    )
    for _ in range(2):
        assert api.login("staff_a1", password="wrong-password").status_code == 401
    locked = api.login("staff_a1", password="wrong-password")
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "login_locked"
    assert int(locked.headers["Retry-After"]) == 900
    assert "15 minutes" in locked.json()["error"]["message"]
    # Even the right password waits out the lock; other accounts are unaffected.
    assert api.login("staff_a1").status_code == 429
    assert api.login("owner_a").status_code == 200
