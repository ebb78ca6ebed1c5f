"""The payments adapter: sandbox card rules, idempotent replays, retry after a timeout, no card data leaks."""

from __future__ import annotations

import logging
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from backend.db.models import Payment
from backend.payments.base import AuthorizationResult, PaymentProvider
from backend.payments.sandbox import SandboxProvider
from backend.state import AppState
from core.schemas.payments import CardData
from tests.backend.shop_helpers import authorize_body, device_headers, user_headers
from tests.backend.world import World

URL = "/api/v1/payments/authorize"


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite, and on PostgreSQL where one is configured."""
    return any_db_url


class CountingProvider(PaymentProvider):
    """The sandbox, counting how often each payment id reaches it."""

    name = "sandbox"

    def __init__(self) -> None:
        self.inner = SandboxProvider()
        self.calls: list[str] = []

    def authorize(self, payment_id: str, amount: int, currency: str, card: CardData) -> AuthorizationResult:
        self.calls.append(payment_id)
        return self.inner.authorize(payment_id, amount, currency, card)

    def refund(self, payment_id: str, amount: int, currency: str) -> AuthorizationResult:
        return self.inner.refund(payment_id, amount, currency)


@pytest.fixture
def provider(state: AppState) -> CountingProvider:
    spy = CountingProvider()
    state.payments = spy
    return spy


@pytest.mark.parametrize(
    ("last4", "status", "decline_code"),
    [
        ("1111", "approved", None),
        ("0002", "declined", "do_not_honor"),
        ("9995", "declined", "insufficient_funds"),
        ("0119", "error", "timeout"),
    ],
)
def test_sandbox_rules(
    client: TestClient, state: AppState, world: World, last4: str, status: str, decline_code: str | None
) -> None:
    resp = client.post(
        URL, json=authorize_body(4300, last4=last4), headers=device_headers(state, world.store_a1)
    )
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert (body["status"], body["decline_code"], body["amount"]) == (status, decline_code, 4300)
    assert body["masked_pan"] == f"411111******{last4}"
    assert (body["approval_code"] is not None) == (status == "approved")


def test_expired_card_is_declined(client: TestClient, state: AppState, world: World) -> None:
    body = authorize_body(1000)
    body["card"]["expiry"] = "01/20"
    resp = client.post(URL, json=body, headers=device_headers(state, world.store_a1))
    assert resp.json()["decline_code"] == "expired_card"


def test_replay_returns_stored_result_without_charging_again(
    client: TestClient, state: AppState, world: World, provider: CountingProvider
) -> None:
    kiosk = device_headers(state, world.store_a1)
    body = authorize_body(2500)
    first = client.post(URL, json=body, headers=kiosk)
    replay = client.post(URL, json=body, headers=kiosk)
    assert (first.status_code, replay.status_code) == (201, 200)
    assert replay.json() == first.json()
    assert provider.calls == [body["payment_id"]]
    other_amount = client.post(URL, json=body | {"amount": 2600}, headers=kiosk)
    assert other_amount.status_code == 409 and other_amount.json()["error"]["code"] == "payment_id_reused"
    other_store = client.post(URL, json=body, headers=device_headers(state, world.store_a2))
    assert other_store.status_code == 409
    assert provider.calls == [body["payment_id"]]


def test_timeout_may_be_retried_under_the_same_id(
    client: TestClient, state: AppState, world: World, provider: CountingProvider
) -> None:
    kiosk = device_headers(state, world.store_a1)
    body = authorize_body(1000, last4="0119")
    assert client.post(URL, json=body, headers=kiosk).json()["status"] == "error"
    assert client.post(URL, json=body, headers=kiosk).json()["status"] == "error"
    assert provider.calls == [body["payment_id"]] * 2
    with state.db.read() as s:
        assert len(s.scalars(select(Payment)).all()) == 1


def test_only_kiosks_authorise(client: TestClient, state: AppState, world: World) -> None:
    body = authorize_body(1000)
    assert client.post(URL, json=body, headers=user_headers(state, world, "owner_a")).status_code == 403
    assert (
        client.post(URL, json=body, headers=device_headers(state, world.store_a1, kind="vision")).status_code
        == 403
    )
    assert client.post(URL, json=body).status_code == 401
    full_pan = body | {"card": body["card"] | {"masked_pan": "4111111111111111"}}
    assert client.post(URL, json=full_pan, headers=device_headers(state, world.store_a1)).status_code == 422


def test_card_token_is_never_stored_or_logged(
    client: TestClient, state: AppState, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    body = authorize_body(1000)
    body["card"]["token"] = "tok-SECRET-" + uuid.uuid4().hex
    with caplog.at_level(logging.DEBUG):
        assert client.post(URL, json=body, headers=device_headers(state, world.store_a1)).status_code == 201
    assert body["card"]["token"] not in caplog.text
    assert "411111******1111" in caplog.text  # the masked PAN is what the log may carry
    with state.db.read() as s:
        row = s.scalars(select(Payment)).one()
    assert body["card"]["token"] not in repr([getattr(row, c.name) for c in Payment.__table__.columns])
