"""Outages against the real backend: the SSE client resumes with Last-Event-ID across a restart, and the
kiosk's outbox delivers sales made during an outage exactly once, lost answers included."""

from __future__ import annotations

import queue
import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from backend.db.models import Inventory, Order
from backend.events import emit
from core.client import ApiClient, NetworkError, SseClient
from core.client.api import OrderSubmission
from core.localstore import LocalStore, OutboxState
from core.outbox_sync import OutboxSync
from core.schemas.catalogue import CatalogueItem
from core.schemas.events import EventOut
from core.schemas.inventory import InventoryAdjustment, InventoryBulkRequest
from core.schemas.orders import OrderCreate, OrderLineIn, OrderPaymentIn
from core.schemas.payments import CardData, PaymentStatus
from core.tokens import TokenStore
from tests.backend.world import PASSWORD
from tests.core.conftest import Live
from tests.support.live_backend import LiveBackend

pytestmark = pytest.mark.slow


def hard_stop(backend: LiveBackend) -> None:
    """Stop like a crash would: uvicorn otherwise waits for open event streams to end on their own."""
    server = backend._server
    if server is not None:
        server.force_exit = True
    backend.stop()


def test_sse_resumes_with_last_event_id_across_a_restart(live: Live) -> None:
    api = ApiClient(live.url, max_retries=0)
    api.login(live.world.emails["owner_a"], PASSWORD)
    stream = SseClient(api, last_event_id=api.latest_event_id(), backoff_base_s=0.05, backoff_cap_s=0.5)
    received: queue.Queue[EventOut] = queue.Queue()

    def consume() -> None:
        for sse_event in stream:
            event = sse_event.to_event()
            if event is not None:
                received.put(event)

    worker = threading.Thread(target=consume, daemon=True)
    worker.start()
    try:
        assert stream.connected.wait(10)
        receipt = InventoryAdjustment(product_id=live.world.products_a[0], reason="receipt", delta=5)
        api.adjust_inventory(live.world.store_a1, InventoryBulkRequest(adjustments=[receipt]))
        before = received.get(timeout=10)
        assert before.type == "stock.changed"

        hard_stop(live.backend)
        # Events written while this client cannot be reached (by another backend process, say).
        with live.state.db.write() as s:
            for n in range(2):
                emit(
                    s,
                    "call.requested",
                    store_id=live.world.store_a1,
                    brand_id=live.world.brand_a,
                    data={"n": n},
                )
            s.commit()
        live.backend.start()

        after = [received.get(timeout=15), received.get(timeout=15)]
        assert [e.id for e in after] == [before.id + 1, before.id + 2]
        assert [e.data["n"] for e in after] == [0, 1]
        assert stream.last_event_id == str(before.id + 2)
    finally:
        stream.stop()
        worker.join(10)
    assert received.empty()  # nothing twice


def _kiosk(live: Live, tmp_path: Path) -> tuple[ApiClient, LocalStore]:
    owner = ApiClient(live.url, max_retries=0)
    owner.login(live.world.emails["owner_a"], PASSWORD)
    code = owner.create_activation_code(live.world.store_a1).code
    kiosk = ApiClient(live.url, token_store=TokenStore("autostore-kiosk", "device"), max_retries=0)
    local = LocalStore(tmp_path / "kiosk.db")
    local.apply_bootstrap(kiosk.activate(code, device_name="Entrance"))
    return kiosk, local


def _offline_sale(store_id: int, item: CatalogueItem, quantity: int) -> OrderCreate:
    """A sale made while offline: the card is kept masked and authorised when the backend answers."""
    order_id = uuid.uuid4()
    card = CardData(masked_pan="411111******1111", expiry="12/39", scheme="visa")
    return OrderCreate(
        id=order_id,
        store_id=store_id,
        lines=[OrderLineIn(product_id=item.product_id, quantity=quantity, unit_price=item.price)],
        total=item.price * quantity,
        created_at=datetime.now(UTC),
        payment=OrderPaymentIn(payment_id=uuid.uuid4(), status=PaymentStatus.pending, card=card),
        offline=True,
    )


def _backend_counts(live: Live, order_ids: list[str], product_id: int) -> tuple[int, int]:
    with live.state.db.read() as s:
        orders = s.scalar(
            select(func.count()).select_from(Order).where(Order.id.in_([uuid.UUID(i) for i in order_ids]))
        )
        quantity = s.scalar(
            select(Inventory.quantity).where(
                Inventory.store_id == live.world.store_a1, Inventory.product_id == product_id
            )
        )
    return int(orders or 0), int(quantity or 0)


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def test_outbox_delivers_sales_from_an_outage_exactly_once(live: Live, tmp_path: Path) -> None:
    kiosk, local = _kiosk(live, tmp_path)
    item = local.items()[0]
    clock = Clock()
    sync = OutboxSync(local, kiosk, base_delay_s=2.0, max_delay_s=60.0, clock=clock)

    live.backend.stop()
    ids = [local.record_sale(_offline_sale(live.world.store_a1, item, q)).id for q in (1, 2, 3)]
    assert local.item(item.product_id).quantity == 20 - 6  # type: ignore[union-attr]
    clock.now = datetime.now(UTC)
    for _ in range(3):
        report = sync.run_once()
        assert report.offline and report.pending == 3 and report.delivered == 0
        due_at = local.next_due_at()
        assert due_at is not None and due_at > clock.now  # backing off, not hammering
        clock.now = due_at
    head = local.outbox_item(ids[0])
    assert head is not None and head.state is OutboxState.pending and head.attempts == 3
    assert "network_error" in (head.last_error or "")

    live.backend.start()
    clock.now += timedelta(minutes=5)
    report = sync.run_once()
    assert (report.delivered, report.replayed, report.pending, report.offline) == (3, 0, 0, False)
    assert _backend_counts(live, ids, item.product_id) == (3, 20 - 6)
    assert sync.run_once().delivered == 0  # nothing left to send
    assert _backend_counts(live, ids, item.product_id) == (3, 20 - 6)


def test_outbox_replays_a_sale_whose_answer_was_lost(live: Live, tmp_path: Path) -> None:
    kiosk, local = _kiosk(live, tmp_path)
    item = local.items()[0]
    order = _offline_sale(live.world.store_a1, item, 2)
    local.record_sale(order)

    class LosesFirstAnswer:
        """The backend commits the order, then the connection drops before the answer arrives."""

        calls = 0

        def submit_order(self, body: OrderCreate) -> OrderSubmission:
            result = kiosk.submit_order(body)
            self.calls += 1
            if self.calls == 1:
                raise NetworkError(0, "network_error", "connection reset while reading the answer")
            return result

    clock = Clock()  # after record_sale: the sale is due now
    sync = OutboxSync(local, LosesFirstAnswer(), clock=clock)
    first = sync.run_once()
    assert first.offline and first.pending == 1
    clock.now += timedelta(minutes=5)
    second = sync.run_once()
    assert (second.delivered, second.replayed, second.pending) == (1, 1, 0)
    assert local.outbox_item(str(order.id)).state is OutboxState.delivered  # type: ignore[union-attr]
    assert _backend_counts(live, [str(order.id)], item.product_id) == (1, 20 - 2)
    assert kiosk.get_order(order.id).id == order.id
