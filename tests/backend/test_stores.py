"""Stores, brands and users: every route keeps to the caller's brand and stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.backend.auth_helpers import Api, open_api
from tests.backend.world import PASSWORD


@pytest.fixture
def api(db_url: str, tmp_path: Path) -> Iterator[Api]:
    with open_api(db_url, tmp_path) as api:
        yield api


def store_ids(api: Api, who: str) -> list[int]:
    resp = api.client.get("/api/v1/stores", headers=api.headers(who))
    assert resp.status_code == 200
    return [store["id"] for store in resp.json()]


def new_user(**fields: Any) -> dict[str, Any]:
    return {"email": "new@a.test", "password": "long-enough-password", "full_name": "New Person"} | fields


def test_store_list_follows_the_callers_scope(api: Api) -> None:
    w = api.world
    assert store_ids(api, "owner_a") == [w.store_a1, w.store_a2]
    assert store_ids(api, "staff_a1") == [w.store_a1]
    assert store_ids(api, "support_a2") == [w.store_a2]
    assert store_ids(api, "owner_b") == [w.store_b1]


def test_a_store_outside_the_scope_looks_missing(api: Api) -> None:
    w = api.world
    own = api.client.get(f"/api/v1/stores/{w.store_a1}", headers=api.headers("staff_a1"))
    assert own.status_code == 200 and own.json()["name"] == "A Gangnam"
    foreign = api.client.get(f"/api/v1/stores/{w.store_a1}", headers=api.headers("owner_b"))
    missing = api.client.get("/api/v1/stores/999999", headers=api.headers("owner_b"))
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
    assert api.client.get(f"/api/v1/stores/{w.store_a2}", headers=api.headers("staff_a1")).status_code == 404


def test_owner_creates_and_edits_stores_of_their_brand(api: Api) -> None:
    owner = api.headers("owner_a")
    created = api.client.post(
        "/api/v1/stores", json={"name": "A Jongno", "address": "1 Jong-ro"}, headers=owner
    )
    assert created.status_code == 201, created.text
    store = created.json()
    assert store["brand_id"] == api.world.brand_a and store["timezone"] == "Asia/Seoul"
    assert store["id"] in store_ids(api, "owner_a")

    patched = api.client.patch(f"/api/v1/stores/{store['id']}", json={"name": "A Jongno 2"}, headers=owner)
    assert patched.status_code == 200
    assert (patched.json()["name"], patched.json()["address"]) == ("A Jongno 2", "1 Jong-ro")

    bad_zone = api.client.patch(
        f"/api/v1/stores/{store['id']}", json={"timezone": "Mars/Base"}, headers=owner
    )
    assert bad_zone.status_code == 422
    assert bad_zone.json()["error"]["details"][0]["field"] == "timezone"


def test_only_owners_create_or_edit_stores(api: Api) -> None:
    w = api.world
    body = {"name": "Sneaky"}
    assert api.client.post("/api/v1/stores", json=body, headers=api.headers("staff_a1")).status_code == 403
    assert api.client.post("/api/v1/stores", json=body, headers=api.headers("support_a2")).status_code == 403
    url = f"/api/v1/stores/{w.store_a1}"
    assert api.client.patch(url, json=body, headers=api.headers("staff_a1")).status_code == 403
    assert api.client.patch(url, json=body, headers=api.headers("owner_b")).status_code == 404


def test_brand_of_the_caller(api: Api) -> None:
    resp = api.client.get("/api/v1/brands/me", headers=api.headers("staff_a1"))
    assert resp.json() == {"id": api.world.brand_a, "name": "Brand A"}
    # The test world's support user belongs to no brand.
    assert api.client.get("/api/v1/brands/me", headers=api.headers("support_a2")).status_code == 404


def test_owner_lists_the_people_of_their_brand(api: Api) -> None:
    resp = api.client.get("/api/v1/users", headers=api.headers("owner_a"))
    assert resp.status_code == 200
    users = {u["email"]: u for u in resp.json()}
    assert set(users) == {"owner@a.test", "staff@a.test", "support@a.test"}
    assert users["support@a.test"]["assigned_store_ids"] == [api.world.store_a2]
    assert users["staff@a.test"]["store_id"] == api.world.store_a1
    assert "password_hash" not in users["staff@a.test"]
    assert api.client.get("/api/v1/users", headers=api.headers("staff_a1")).status_code == 403


def test_owner_creates_staff_for_a_store_of_their_brand(api: Api) -> None:
    owner = api.headers("owner_a")
    resp = api.client.post(
        "/api/v1/users", json=new_user(role="staff", store_id=api.world.store_a2), headers=owner
    )
    assert resp.status_code == 201, resp.text
    assert (resp.json()["role"], resp.json()["brand_id"]) == ("staff", api.world.brand_a)
    login = api.client.post(
        "/api/v1/auth/login", data={"username": "NEW@a.test", "password": "long-enough-password"}
    )
    assert login.status_code == 200

    again = api.client.post(
        "/api/v1/users", json=new_user(role="staff", store_id=api.world.store_a2), headers=owner
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "email_taken"
    foreign = new_user(email="x@a.test", role="staff", store_id=api.world.store_b1)
    assert api.client.post("/api/v1/users", json=foreign, headers=owner).status_code == 404
    storeless = new_user(email="y@a.test", role="staff")
    assert api.client.post("/api/v1/users", json=storeless, headers=owner).status_code == 422
    another_owner = new_user(email="z@a.test", role="owner")
    assert api.client.post("/api/v1/users", json=another_owner, headers=owner).status_code == 422
    by_staff = new_user(email="w@a.test", role="staff", store_id=api.world.store_a1)
    assert api.client.post("/api/v1/users", json=by_staff, headers=api.headers("staff_a1")).status_code == 403


def test_owner_assigns_support_users_to_their_stores(api: Api) -> None:
    w = api.world
    owner = api.headers("owner_a")
    created = api.client.post(
        "/api/v1/users", json=new_user(role="support", assigned_store_ids=[w.store_a1]), headers=owner
    )
    assert created.status_code == 201, created.text
    support_id = created.json()["id"]
    assert created.json()["assigned_store_ids"] == [w.store_a1]

    url = f"/api/v1/users/{support_id}/stores"
    resp = api.client.put(url, json={"store_ids": [w.store_a1, w.store_a2]}, headers=owner)
    assert resp.status_code == 200 and resp.json()["assigned_store_ids"] == [w.store_a1, w.store_a2]
    login = api.client.post(
        "/api/v1/auth/login", data={"username": "new@a.test", "password": "long-enough-password"}
    )
    me = api.client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"}
    )
    assert me.json()["store_ids"] == [w.store_a1, w.store_a2]

    assert api.client.put(url, json={"store_ids": [w.store_b1]}, headers=owner).status_code == 404
    assert api.client.put(url, json={"store_ids": []}, headers=api.headers("owner_b")).status_code == 404
    assert api.client.put(url, json={"store_ids": []}, headers=api.headers("staff_a1")).status_code == 403
    staff_list = api.client.get("/api/v1/users", headers=owner).json()
    staff_id = next(u["id"] for u in staff_list if u["role"] == "staff")
    not_support = api.client.put(f"/api/v1/users/{staff_id}/stores", json={"store_ids": []}, headers=owner)
    assert not_support.status_code == 422


def test_a_brandless_support_user_is_visible_only_to_brands_they_serve(api: Api) -> None:
    """The world's support user belongs to no brand and serves A's store a2: owner B cannot touch them."""
    w = api.world
    support_id = next(
        u["id"]
        for u in api.client.get("/api/v1/users", headers=api.headers("owner_a")).json()
        if u["role"] == "support"
    )
    # Owner B cannot see this support user until they serve one of B's stores.
    assert (
        api.client.put(
            f"/api/v1/users/{support_id}/stores",
            json={"store_ids": [w.store_b1]},
            headers=api.headers("owner_b"),
        ).status_code
        == 404
    )
    resp = api.client.put(
        f"/api/v1/users/{support_id}/stores", json={"store_ids": [w.store_a1]}, headers=api.headers("owner_a")
    )
    assert resp.json()["assigned_store_ids"] == [w.store_a1]
    login = api.client.post(
        "/api/v1/auth/login", data={"username": w.emails["support_a2"], "password": PASSWORD}
    )
    me = api.client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {login.json()['access_token']}"}
    )
    assert me.json()["store_ids"] == [w.store_a1]
