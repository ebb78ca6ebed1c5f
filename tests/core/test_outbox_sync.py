"""OutboxSync against a scripted sender: backoff while the backend is away, failures kept, order kept."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core.client.api import OrderSubmission
from core.client.errors import AuthError, NetworkError, RateLimitedError, ServerError, ValidationError
from core.localstore import LocalStore, OutboxState
from core.outbox_sync import OutboxSync
from core.schemas.orders import OrderCreate, OrderOut, OrderStatus
from tests.core.test_localstore import bundle, sale


def _order_out(order: OrderCreate) -> OrderOut:
    return OrderOut(
        id=order.id,
        number="A-1",
        store_id=order.store_id,
        device_id="dev-1",
        status=OrderStatus.paid,
        lines=[],
        total=order.total,
        vat=0,
        currency="KRW",
        created_at=order.created_at,
        received_at=order.created_at,
        payment=None,
    )


class ScriptedSender:
    """Answers submit_order from a function of the order; records what was sent."""

    def __init__(self, answer: Callable[[OrderCreate], OrderSubmission | Exception]) -> None:
        self.answer = answer
        self.sent: list[str] = []

    def submit_order(self, order: OrderCreate) -> OrderSubmission:
        self.sent.append(str(order.id))
        result = self.answer(order)
        if isinstance(result, Exception):
            raise result
        return result


def ok(order: OrderCreate) -> OrderSubmission:
    return OrderSubmission(order=_order_out(order), replayed=False)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC) + timedelta(seconds=1)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def local(tmp_path: Path) -> LocalStore:
    store = LocalStore(tmp_path / "kiosk.db")
    store.apply_bootstrap(bundle())
    return store


def test_delivers_due_items_oldest_first(local: LocalStore) -> None:
    ids = [local.record_sale(sale((1, 1))).id for _ in range(3)]
    sender = ScriptedSender(ok)
    report = OutboxSync(local, sender, clock=Clock()).run_once()
    assert sender.sent == ids
    assert (report.delivered, report.pending, report.offline) == (3, 0, False)
    assert all(local.outbox_item(i).state is OutboxState.delivered for i in ids)  # type: ignore[union-attr]


def test_network_outage_backs_off_exponentially_with_a_cap_and_keeps_items_pending(local: LocalStore) -> None:
    first, second = local.record_sale(sale((1, 1))).id, local.record_sale(sale((2, 1))).id
    sender = ScriptedSender(lambda _o: NetworkError(0, "network_error", "down"))
    clock = Clock()
    sync = OutboxSync(local, sender, base_delay_s=2.0, max_delay_s=10.0, clock=clock)
    delays = []
    for _ in range(5):
        report = sync.run_once()
        assert report.offline and report.pending == 2 and report.delivered == 0
        due_at = local.next_due_at()
        assert due_at is not None
        delays.append((due_at - clock.now).total_seconds())
        assert sync.run_once().retry_scheduled == 0  # nothing is due during the backoff: no knocking
        clock.now = due_at
    assert sender.sent == [first] * 5  # the pass stops at the first sign of an outage
    assert 1.0 <= delays[0] <= 2.0 and 2.0 <= delays[1] <= 4.0 and 4.0 <= delays[2] <= 8.0
    assert all(5.0 <= d <= 10.0 for d in delays[3:])  # capped
    item = local.outbox_item(first)
    assert item is not None and item.state is OutboxState.pending and item.attempts == 5
    assert item.last_error is not None and "network_error" in item.last_error
    sender.answer = ok
    assert sync.run_once().delivered == 2 and sender.sent[-2:] == [first, second]


@pytest.mark.parametrize(
    "error",
    [
        ServerError(503, "server_error", "busy"),
        RateLimitedError(429, "too_many_requests", "slow", retry_after=30),
    ],
)
def test_server_trouble_is_retried_later(local: LocalStore, error: Exception) -> None:
    item_id = local.record_sale(sale((1, 1))).id
    clock = Clock()
    report = OutboxSync(local, ScriptedSender(lambda _o: error), clock=clock, max_delay_s=60).run_once()
    assert report.offline and report.retry_scheduled == 1
    item = local.outbox_item(item_id)
    assert item is not None and item.state is OutboxState.pending
    if isinstance(error, RateLimitedError):
        assert item.next_attempt_at >= clock.now + timedelta(seconds=30)


def test_a_refused_sale_is_failed_and_kept_while_the_others_go_on(local: LocalStore) -> None:
    bad = local.record_sale(sale((1, 1))).id
    good = local.record_sale(sale((2, 1))).id
    refusal = ValidationError(422, "validation_error", "Some fields are not valid.")

    def answer(order: OrderCreate) -> OrderSubmission | Exception:
        return refusal if str(order.id) == bad else ok(order)

    report = OutboxSync(local, ScriptedSender(answer), clock=Clock()).run_once()
    assert (report.failed, report.delivered, report.pending) == (1, 1, 0)
    failed = local.failed_items()
    assert [i.id for i in failed] == [bad] and "validation_error" in (failed[0].last_error or "")
    assert local.outbox_item(good).state is OutboxState.delivered  # type: ignore[union-attr]
    report = OutboxSync(local, ScriptedSender(ok), clock=Clock()).run_once()
    assert report.delivered == 0  # a failed item is never retried on its own, and never deleted
    assert local.outbox_item(bad) is not None


def test_a_replay_counts_as_delivered(local: LocalStore) -> None:
    local.record_sale(sale((1, 1)))
    sender = ScriptedSender(lambda o: OrderSubmission(order=_order_out(o), replayed=True))
    report = OutboxSync(local, sender, clock=Clock()).run_once()
    assert (report.delivered, report.replayed, report.pending) == (1, 1, 0)


def test_an_ended_session_pauses_delivery_without_blaming_the_sale(local: LocalStore) -> None:
    item_id = local.record_sale(sale((1, 1))).id
    report = OutboxSync(
        local, ScriptedSender(lambda _o: AuthError(401, "device_revoked", "x")), clock=Clock()
    ).run_once()
    assert report.auth_required and report.pending == 1
    item = local.outbox_item(item_id)
    assert item is not None and item.attempts == 0 and item.state is OutboxState.pending


def test_run_forever_delivers_after_wake_and_stops_promptly(local: LocalStore) -> None:
    sender = ScriptedSender(ok)
    sync = OutboxSync(local, sender)
    stop = threading.Event()
    reports: list[int] = []
    delivered = threading.Event()

    def on_report(report: object) -> None:
        reports.append(sync.pending_count())
        if sender.sent:
            delivered.set()

    worker = threading.Thread(target=sync.run_forever, args=(stop, 3600.0, on_report))
    worker.start()
    try:
        local.record_sale(sale((1, 1)))
        sync.wake()
        assert delivered.wait(10)
        assert sync.pending_count() == 0
    finally:
        stop.set()
        worker.join(5)
    assert not worker.is_alive()
