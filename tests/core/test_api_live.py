"""ApiClient against the real backend on a loopback port: sign-in, refresh, typed errors, activation,
the catalogue's ETag, logout, and "offline" when the server is down."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from backend.security import decode_access_token, issue_access_token
from core.client import (
    ApiClient,
    ApiError,
    AuthError,
    ConflictError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    ValidationError,
)
from core.client.http import REFRESH_PATH
from core.schemas.catalogue import ProductPatch
from core.schemas.common import Role
from core.schemas.devices import Heartbeat
from core.tokens import TokenStore
from tests.backend.conftest import TEST_SECRET
from tests.backend.world import PASSWORD
from tests.core.conftest import Live

pytestmark = pytest.mark.slow


def owner_client(live: Live, who: str = "owner_a") -> tuple[ApiClient, TokenStore]:
    store = TokenStore("autostore-owner", live.world.emails[who])
    client = ApiClient(live.url, token_store=store, max_retries=0)
    client.login(live.world.emails[who], PASSWORD)
    return client, store


def test_login_keeps_the_refresh_token_in_the_keyring_only(live: Live) -> None:
    client, store = owner_client(live)
    me = client.me()
    assert me.role is Role.owner and set(me.store_ids) == {live.world.store_a1, live.world.store_a2}
    assert store.refresh_token
    assert {s.id for s in client.stores()} == {live.world.store_a1, live.world.store_a2}
    with pytest.raises(AuthError) as caught:
        ApiClient(live.url).login(live.world.emails["owner_a"], "wrong password!")
    assert caught.value.code == "invalid_credentials"


def test_an_expired_access_token_is_refreshed_and_the_rotated_token_kept(live: Live) -> None:
    client, store = owner_client(live)
    first_refresh = store.refresh_token
    claims = decode_access_token(TEST_SECRET, client.access_token or "")
    assert claims is not None
    expired, _ = issue_access_token(TEST_SECRET, claims.subject, claims.role, ttl_s=-60)
    client._access_token = expired  # what the client holds after the 15 minutes have passed
    assert client.me().id == claims.subject.split(":")[1]
    assert client.access_token not in (None, expired)
    assert store.refresh_token not in (None, first_refresh)
    # The old refresh token was rotated: presenting it again is treated as theft and ends the session.
    stolen = ApiClient(live.url, max_retries=0)
    stolen.set_tokens(None, first_refresh)
    with pytest.raises(AuthError) as caught:
        stolen.me()
    assert caught.value.code == "refresh_token_reused"
    with pytest.raises(AuthError):  # the whole family is revoked, the rightful client included
        client._access_token = None
        client.me()


def test_typed_errors_from_the_real_backend(live: Live) -> None:
    owner, _ = owner_client(live)
    staff, _ = owner_client(live, "staff_a1")
    with pytest.raises(NotFoundError) as not_found:
        owner.store(live.world.store_b1)  # another brand's store looks like no store at all
    assert not_found.value.status == 404 and not_found.value.code == "not_found"
    with pytest.raises(ForbiddenError) as forbidden:
        staff.create_activation_code(live.world.store_a1)
    assert forbidden.value.status == 403
    product = owner.products().items[0]
    owner.patch_product(product.id, ProductPatch(version=product.version, price=product.price + 100))
    with pytest.raises(ConflictError) as conflict:
        owner.patch_product(product.id, ProductPatch(version=product.version, price=1))  # stale version
    assert conflict.value.status == 409
    with pytest.raises(ValidationError) as invalid:
        owner.products(limit=5000)
    assert invalid.value.status == 422 and "limit" in invalid.value.field_errors()


def test_activation_heartbeat_and_catalogue_etag(live: Live) -> None:
    owner, _ = owner_client(live)
    code = owner.create_activation_code(live.world.store_a1).code
    store = TokenStore("autostore-kiosk", "device")
    kiosk = ApiClient(live.url, token_store=store, max_retries=0)
    bundle = kiosk.activate(code, device_name="Entrance", app_version="1.0")
    assert bundle.store.id == live.world.store_a1 and len(bundle.catalogue.items) == 3
    assert store.refresh_token == bundle.refresh_token and store.device_id == bundle.device_id
    assert kiosk.me().role is Role.kiosk
    kiosk.heartbeat(Heartbeat(app_version="1.0", outbox_pending=2))
    first = kiosk.catalogue(live.world.store_a1)
    assert kiosk.catalogue(live.world.store_a1) is first  # 304: served from the cache
    owner.patch_product(first.items[0].product_id, ProductPatch(version=first.items[0].version, price=4321))
    changed = kiosk.catalogue(live.world.store_a1)
    assert changed is not first and changed.items[0].price == 4321
    with pytest.raises(ApiError) as used:  # a code works once
        ApiClient(live.url, max_retries=0).activate(code)
    assert (used.value.status, used.value.code) == (410, "otp_used")


def test_logout_ends_the_session_on_the_server(live: Live) -> None:
    client, store = owner_client(live)
    refresh_token = store.refresh_token
    client.logout()
    assert store.refresh_token is None and not client.has_session()
    again = ApiClient(live.url, max_retries=0)
    again.set_tokens(None, refresh_token)
    with pytest.raises(AuthError):
        again.me()


def test_a_stopped_server_is_a_network_error(live: Live) -> None:
    client, _ = owner_client(live)
    live.backend.stop()
    with pytest.raises(NetworkError) as caught:
        client.stores()
    assert caught.value.status == 0
    live.backend.start()
    assert client.stores()  # back online, same session


class LoseFirstRefreshAnswer:
    """Wraps a session's `post`: the first refresh reaches the backend (which rotates and commits), then its
    answer is lost as if the connection dropped or the app died. Records the bodies of every refresh."""

    def __init__(self, client: ApiClient) -> None:
        self.real_post = client.session.post
        self.bodies: list[dict[str, Any]] = []
        client.session.post = self  # type: ignore[method-assign,assignment]

    def __call__(self, url: str, **kwargs: Any) -> requests.Response:
        response = self.real_post(url, **kwargs)
        if url.endswith(REFRESH_PATH):
            self.bodies.append(kwargs["json"])
            if len(self.bodies) == 1:
                assert response.status_code == 200, response.text  # the rotation did happen
                raise requests.ConnectionError("connection reset before the answer arrived")
        return response


@pytest.mark.parametrize("keyring", [True, False], ids=["keyring", "memory"])
def test_a_refresh_whose_answer_was_lost_is_repeated_with_its_retry_key(live: Live, keyring: bool) -> None:
    if keyring:
        client, store = owner_client(live)
    else:
        client, store = ApiClient(live.url, max_retries=0), None
        client.login(live.world.emails["owner_a"], PASSWORD)

    def retry_key() -> str | None:
        return store.refresh_retry_key if store is not None else client._refresh_retry_key

    old_refresh = client._stored_refresh_token()
    assert retry_key() is None
    lossy = LoseFirstRefreshAnswer(client)
    with pytest.raises(NetworkError):
        client.refresh_access_token(stale=client.access_token)
    # The backend rotated, the client kept the old token and, persisted before sending, the retry key.
    assert client._stored_refresh_token() == old_refresh
    key = retry_key()
    assert key is not None and lossy.bodies == [{"refresh_token": old_refresh, "retry_key": key}]

    access = client.refresh_access_token(stale=client.access_token)
    assert lossy.bodies[1] == lossy.bodies[0]  # the same token with the same key: a repeat, not a theft
    assert access == client.access_token and client.me().role is Role.owner
    assert client._stored_refresh_token() not in (None, old_refresh)
    assert retry_key() is None  # forgotten once the new pair was stored
    # The session keeps rotating normally, each refresh with a new key.
    client.refresh_access_token(stale=client.access_token)
    assert lossy.bodies[2]["retry_key"] not in (None, key) and retry_key() is None
    assert {s.id for s in client.stores()} == {live.world.store_a1, live.world.store_a2}


def test_an_app_killed_before_the_answer_repeats_the_refresh_after_a_restart(live: Live) -> None:
    client, store = owner_client(live)
    old_refresh = store.refresh_token
    LoseFirstRefreshAnswer(client)
    with pytest.raises(NetworkError):
        client.refresh_access_token(stale=client.access_token)
    assert store.refresh_token == old_refresh and store.refresh_retry_key is not None

    # A new process: only what the keyring kept survives.
    restarted_store = TokenStore("autostore-owner", live.world.emails["owner_a"])
    restarted = ApiClient(live.url, token_store=restarted_store, max_retries=0)
    assert restarted.me().role is Role.owner
    assert restarted_store.refresh_token not in (None, old_refresh)
    assert restarted_store.refresh_retry_key is None
    assert {s.id for s in restarted.stores()} == {live.world.store_a1, live.world.store_a2}
