"""The client transport against a scripted fake server: typed errors, retries, refresh, ETag, redaction."""

from __future__ import annotations

import json
import logging
import socket
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from core.client import (
    ApiClient,
    ApiError,
    AuthError,
    ConflictError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from core.client.redact import RedactingFilter, redact
from core.schemas.orders import OrderCreate, OrderLineIn
from core.tokens import TokenStore
from tests.core.conftest import FakeServer, Reply, Seen, error_body
from tests.support.live_backend import free_port

PRINCIPAL = {
    "kind": "user",
    "id": "1",
    "role": "owner",
    "brand_id": 1,
    "store_ids": [1],
    "display_name": "Owner A",
}


def _client(url: str, **kwargs: Any) -> tuple[ApiClient, list[float]]:
    sleeps: list[float] = []
    client = ApiClient(url, sleep=sleeps.append, **kwargs)
    return client, sleeps


@pytest.mark.parametrize(
    ("status", "cls", "code"),
    [
        (400, ValidationError, "otp_invalid"),
        (401, AuthError, "token_invalid"),
        (403, ForbiddenError, "forbidden"),
        (404, NotFoundError, "not_found"),
        (409, ConflictError, "version_conflict"),
        (410, ApiError, "otp_used"),
        (422, ValidationError, "validation_error"),
        (429, RateLimitedError, "otp_locked"),
        (500, ServerError, "internal_error"),
    ],
)
def test_error_shape_becomes_a_typed_exception(
    fake_server: FakeServer, status: int, cls: type[ApiError], code: str
) -> None:
    details = [{"field": "price", "message": "must be positive"}]
    fake_server.on(
        "GET", "/stores/1", Reply(status, error_body(code, "Shown to people.", details), {"Retry-After": "7"})
    )
    client, _ = _client(fake_server.url)
    with pytest.raises(cls) as caught:
        client.store(1)
    error = caught.value
    assert type(error) is cls
    assert (error.status, error.code, error.message) == (status, code, "Shown to people.")
    assert error.field_errors() == {"price": "must be positive"}
    if isinstance(error, RateLimitedError):
        assert error.retry_after == 7.0


def test_an_error_without_our_shape_still_gets_a_type_and_message(fake_server: FakeServer) -> None:
    fake_server.on("GET", "/stores/1", Reply(502, b"<html>Bad gateway</html>"))
    client, _ = _client(fake_server.url, max_retries=0)
    with pytest.raises(ServerError) as caught:
        client.store(1)
    assert caught.value.code == "server_error" and "502" in caught.value.message


def test_idempotent_calls_retry_on_503_with_growing_backoff(fake_server: FakeServer) -> None:
    fake_server.on("GET", "/auth/me", Reply(503), Reply(503), Reply(200, PRINCIPAL))
    client, sleeps = _client(fake_server.url)
    assert client.me().display_name == "Owner A"
    assert len(fake_server.requests_to("/auth/me")) == 3
    assert len(sleeps) == 2
    assert 0.125 <= sleeps[0] <= 0.25 and 0.25 <= sleeps[1] <= 0.5  # base 0.25 s, doubling, equal jitter


def test_retries_give_up_after_max_retries(fake_server: FakeServer) -> None:
    fake_server.on("GET", "/auth/me", Reply(504))
    client, sleeps = _client(fake_server.url, max_retries=2)
    with pytest.raises(ServerError):
        client.me()
    assert len(fake_server.requests_to("/auth/me")) == 3 and len(sleeps) == 2


def test_order_posts_retry_but_other_posts_do_not(fake_server: FakeServer) -> None:
    order = OrderCreate(
        id=uuid.uuid4(),
        store_id=1,
        lines=[OrderLineIn(product_id=1, quantity=1, unit_price=1000)],
        total=1000,
        created_at=datetime.now(UTC),
    )
    fake_server.on("POST", "/orders", Reply(503))
    fake_server.on("POST", "/products/bulk", Reply(503))
    client, _ = _client(fake_server.url, max_retries=2)
    with pytest.raises(ServerError):
        client.create_order(order)
    from core.schemas.catalogue import ProductBulkRequest

    with pytest.raises(ServerError):
        client.bulk_products(ProductBulkRequest())
    assert len(fake_server.requests_to("/orders")) == 3
    assert len(fake_server.requests_to("/products/bulk")) == 1
    bodies = {json.loads(s.body)["id"] for s in fake_server.requests_to("/orders")}
    assert bodies == {str(order.id)}  # every retry carries the same idempotency key


def test_unreachable_server_is_a_network_error_after_retries() -> None:
    client, sleeps = _client(f"http://127.0.0.1:{free_port()}", max_retries=2)
    with pytest.raises(NetworkError) as caught:
        client.stores()
    assert caught.value.status == 0 and caught.value.code == "network_error"
    assert len(sleeps) == 2


def test_a_silent_server_times_out_as_a_network_error() -> None:
    with socket.socket() as listener:  # accepts connections (backlog) but never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        client, _ = _client(
            f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=(1.0, 0.2), max_retries=0
        )
        with pytest.raises(NetworkError) as caught:
            client.stores()
    assert caught.value.code == "timeout"


def _token_server(fake_server: FakeServer) -> dict[str, int]:
    """/auth/me accepts only the current access token; /auth/refresh rotates (each token works once)."""
    state = {"generation": 0, "refreshes": 0}

    def me(seen: Seen) -> Reply:
        if seen.headers.get("Authorization") == f"Bearer access-{state['generation']}":
            return Reply(200, PRINCIPAL)
        return Reply(401, error_body("token_invalid", "expired"))

    def refresh(seen: Seen) -> Reply:
        presented = json.loads(seen.body)["refresh_token"]
        if presented != f"refresh-{state['generation']}":
            return Reply(401, error_body("refresh_token_reused", "Sign in again."))
        state["generation"] += 1
        state["refreshes"] += 1
        gen = state["generation"]
        return Reply(
            200, {"access_token": f"access-{gen}", "expires_in": 30, "refresh_token": f"refresh-{gen}"}
        )

    fake_server.on_call("GET", "/auth/me", me)
    fake_server.on_call("POST", "/auth/refresh", refresh)
    return state


def test_401_refreshes_once_persists_the_rotated_token_and_retries(fake_server: FakeServer) -> None:
    state = _token_server(fake_server)
    store = TokenStore("autostore-owner", "owner")
    client, _ = _client(fake_server.url, token_store=store)
    client.set_tokens("stale-access", "refresh-0")
    assert client.me().id == "1"
    assert state["refreshes"] == 1
    assert store.refresh_token == "refresh-1"  # the rotated token reached the keyring
    assert fake_server.requests_to("/auth/me")[-1].headers["Authorization"] == "Bearer access-1"


def test_a_restarted_app_gets_an_access_token_from_the_stored_refresh_token(fake_server: FakeServer) -> None:
    _token_server(fake_server)
    store = TokenStore("autostore-owner", "owner")
    store.set_refresh_token("refresh-0")
    client, _ = _client(fake_server.url, token_store=store)
    assert client.me().id == "1"
    assert len(fake_server.requests_to("/auth/me")) == 1  # refreshed up front, no doomed call first


def test_concurrent_401s_share_one_refresh(fake_server: FakeServer) -> None:
    """Two refreshes with the same token would look like theft to the backend and end the session."""
    state = _token_server(fake_server)
    client, _ = _client(fake_server.url, token_store=TokenStore("autostore-owner", "owner"))
    client.set_tokens("stale-access", "refresh-0")
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def call() -> None:
        barrier.wait()
        try:
            client.me()
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
    assert state["refreshes"] == 1


def test_a_refused_refresh_ends_the_session_with_auth_error(fake_server: FakeServer) -> None:
    _token_server(fake_server)
    client, _ = _client(fake_server.url, token_store=TokenStore("autostore-owner", "owner"))
    client.set_tokens("stale-access", "refresh-stolen")
    with pytest.raises(AuthError) as caught:
        client.me()
    assert caught.value.code == "refresh_token_reused"
    assert client.access_token is None
    assert len(fake_server.requests_to("/auth/refresh")) == 1  # never retried blindly


def test_no_session_is_an_auth_error_without_a_refresh_call(fake_server: FakeServer) -> None:
    _token_server(fake_server)
    client, _ = _client(fake_server.url, token_store=TokenStore("autostore-owner", "nobody"))
    with pytest.raises(AuthError):
        client.me()
    assert fake_server.requests_to("/auth/refresh") == []


def test_catalogue_uses_etag_and_serves_the_cache_on_304(fake_server: FakeServer) -> None:
    body = {"store_id": 1, "categories": [], "items": [], "generated_at": "2026-01-01T00:00:00Z"}
    fake_server.on(
        "GET",
        "/stores/1/catalogue",
        Reply(200, body, {"ETag": 'W/"cat-1-3"'}),
        Reply(304, b"", {"ETag": 'W/"cat-1-3"'}),
    )
    client, _ = _client(fake_server.url)
    first = client.catalogue(1)
    second = client.catalogue(1)
    assert second is first
    seen = fake_server.requests_to("/stores/1/catalogue")
    assert "If-None-Match" not in seen[0].headers
    assert seen[1].headers["If-None-Match"] == 'W/"cat-1-3"'


def test_redaction_masks_tokens_passwords_and_card_numbers() -> None:
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyOjEifQ.c2lnbmF0dXJl"
    text = redact(
        f"Authorization: Bearer {jwt} refresh_token=abc.def password: hunter2 card 4111 1111 1111 1111 end"
        ' {"retry_key": "k3y-of-a-refresh"}'
    )
    assert jwt not in text and "abc.def" not in text and "hunter2" not in text
    assert "k3y-of-a-refresh" not in text
    assert "4111 1111 1111 1111" not in text and "****1111" in text


def test_the_logging_filter_cleans_arguments(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("autostore.test.redact")
    logger.addFilter(RedactingFilter())
    with caplog.at_level(logging.INFO, logger="autostore.test.redact"):
        logger.info("sent %s", {"refresh_token": "very-secret-value"})
    assert "very-secret-value" not in caplog.text
