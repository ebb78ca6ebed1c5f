"""The kiosk's local store: durable sales, the catalogue snapshot, idempotent events, the outbox."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from core.localstore import EventEffect, LocalStore, OutboxState
from core.schemas.catalogue import CatalogueItem, CategoryOut, StoreCatalogue
from core.schemas.devices import ActivateResponse, KioskConfig
from core.schemas.events import EventOut
from core.schemas.orders import OrderCreate, OrderLineIn
from core.schemas.stores import StoreOut

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def _soon() -> datetime:
    return datetime.now(UTC) + timedelta(minutes=1)


def _item(
    pid: int, ko: str, en: str, price: int, qty: int, cat: int = 1, barcode: str | None = None
) -> CatalogueItem:
    return CatalogueItem(
        product_id=pid,
        sku=f"SKU-{pid}",
        barcode=barcode,
        name_ko=ko,
        name_en=en,
        category_id=cat,
        price=price,
        currency="KRW",
        image_url=None,
        age_restricted=False,
        quantity=qty,
        version=1,
    )


def catalogue(store_id: int = 7) -> StoreCatalogue:
    return StoreCatalogue(
        store_id=store_id,
        categories=[
            CategoryOut(id=2, code="snacks", name_ko="과자", name_en="Snacks", sort_order=2),
            CategoryOut(id=1, code="drinks", name_ko="음료", name_en="Drinks", sort_order=1),
        ],
        items=[
            _item(1, "생수", "Water", 1000, 20, barcode="8800001"),
            _item(2, "콜라", "Cola", 1800, 20),
            _item(3, "감자칩 100%", "Potato chips", 2500, 5, cat=2),
        ],
        generated_at=NOW,
    )


def bundle(store_id: int = 7) -> ActivateResponse:
    return ActivateResponse(
        device_id="dev-1",
        refresh_token="never-stored-here",
        access_token="nor-this",
        expires_in=900,
        store=StoreOut(
            id=store_id,
            brand_id=1,
            name="A Gangnam",
            timezone="Asia/Seoul",
            currency="KRW",
            address="",
            created_at=NOW,
        ),
        catalogue=catalogue(store_id),
        config=KioskConfig(language="en"),
        last_event_id=100,
    )


def sale(*lines: tuple[int, int], order_id: uuid.UUID | None = None) -> OrderCreate:
    return OrderCreate(
        id=order_id or uuid.uuid4(),
        store_id=7,
        lines=[OrderLineIn(product_id=pid, quantity=q, unit_price=1000) for pid, q in lines],
        total=1000 * sum(q for _, q in lines),
        created_at=NOW,
    )


def event(event_id: int, type_: str, data: dict[str, Any], store_id: int | None = 7) -> EventOut:
    return EventOut(id=event_id, type=type_, store_id=store_id, brand_id=1, created_at=NOW, data=data)


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    local = LocalStore(tmp_path / "kiosk.db")
    local.apply_bootstrap(bundle())
    return local


def test_durability_pragmas(store: LocalStore) -> None:
    assert store.db.pragma("journal_mode") == "wal"
    assert store.db.pragma("synchronous") == 2  # FULL


def test_bootstrap_and_catalogue_queries(store: LocalStore) -> None:
    assert store.device_id == "dev-1" and store.is_activated
    assert store.store() is not None and store.store().name == "A Gangnam"  # type: ignore[union-attr]
    assert store.config().language == "en"
    assert store.last_event_id == 100 and store.snapshot_at == NOW
    assert [c.code for c in store.categories()] == ["drinks", "snacks"]
    assert {i.product_id for i in store.items(category_id=1)} == {1, 2}
    assert [i.name_en for i in store.search("콜")] == ["Cola"]
    assert [i.product_id for i in store.search("WATER")] == [1]  # English case-insensitively
    assert [i.product_id for i in store.search("100%")] == [3]  # LIKE wildcards are literal
    assert store.search("_") == [] and store.search("  ") == []
    assert store.item_by_barcode("8800001").product_id == 1  # type: ignore[union-attr]
    assert store.item_by_barcode("nope") is None


def test_record_sale_commits_row_and_decrement_together_and_once(store: LocalStore) -> None:
    order = sale((1, 2), (3, 9))
    item = store.record_sale(order)
    assert item.state is OutboxState.pending and item.attempts == 0
    assert store.item(1).quantity == 18  # type: ignore[union-attr]
    assert store.item(3).quantity == 0  # type: ignore[union-attr]  # floored: the backend's ledger rules
    again = store.record_sale(order)  # a retried tap
    assert again.id == item.id and store.pending_count() == 1
    assert store.item(1).quantity == 18  # type: ignore[union-attr]
    assert item.order() == order


def test_a_recorded_sale_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.db"
    first = LocalStore(path)
    first.apply_bootstrap(bundle())
    order = sale((2, 1))
    first.record_sale(order)
    first.close()
    reopened = LocalStore(path)
    assert reopened.pending_count() == 1
    assert reopened.due_items(_soon())[0].order() == order
    assert reopened.item(2).quantity == 19  # type: ignore[union-attr]


def test_a_recorded_sale_survives_kill_dash_9(tmp_path: Path) -> None:
    """The process dies the instant record_sale returns (no close, no exit handlers): the sale is there."""
    path = tmp_path / "kiosk.db"
    LocalStore(path).apply_bootstrap(bundle())
    order = sale((1, 3))
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from core.localstore import LocalStore
        from core.schemas.orders import OrderCreate
        store = LocalStore({str(path)!r})
        store.record_sale(OrderCreate.model_validate_json({order.model_dump_json()!r}))
        print("paid", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.strip() == "paid", result.stderr
    assert result.returncode == -signal.SIGKILL
    reopened = LocalStore(path)
    assert [i.id for i in reopened.due_items(_soon())] == [str(order.id)]
    assert reopened.item(1).quantity == 17  # type: ignore[union-attr]


def stock_changed(event_id: int, quantity: int, order_id: object = None) -> EventOut:
    """As backend.services.stock emits it."""
    data = {"reason": "sale", "order_id": str(order_id) if order_id else None,
            "items": [{"product_id": 1, "delta": -1, "quantity": quantity}]}  # fmt: skip
    return event(event_id, "stock.changed", data)


def test_stock_event_is_applied_once_and_counts_pending_sales(store: LocalStore) -> None:
    store.record_sale(sale((1, 2)))  # not yet delivered: the backend's figure does not include it
    changed = stock_changed(101, 15)
    assert store.apply_event(changed) is EventEffect.applied
    assert store.item(1).quantity == 13  # type: ignore[union-attr]
    assert store.apply_event(changed) is EventEffect.duplicate
    assert store.apply_event(stock_changed(99, 1)) is EventEffect.duplicate
    assert store.item(1).quantity == 13  # type: ignore[union-attr]
    assert store.last_event_id == 101


def test_the_stock_event_of_our_own_sale_is_not_subtracted_twice(store: LocalStore) -> None:
    """The event can beat the outbox's own "delivered" mark: the backend's figure already has the sale."""
    order = sale((1, 2))
    store.record_sale(order)
    assert store.apply_event(stock_changed(101, 18, order_id=order.id)) is EventEffect.applied
    assert store.item(1).quantity == 18  # type: ignore[union-attr]


def test_product_events(store: LocalStore) -> None:
    changed = event(101, "product.changed", {"product_ids": [2]}, store_id=None)  # brand-wide
    assert store.apply_event(changed) is EventEffect.catalogue_stale
    assert store.apply_event(changed) is EventEffect.duplicate
    deleted = event(102, "product.deleted", {"product_ids": [1, 2]}, store_id=None)
    assert store.apply_event(deleted) is EventEffect.applied
    assert store.item(1) is None and store.item(2) is None and store.item(3) is not None


def test_config_and_foreign_events(store: LocalStore) -> None:
    assert store.apply_event(event(101, "config.changed", {"device_id": "dev-1", "version": 2})) is (
        EventEffect.config_stale
    )
    assert store.apply_event(event(102, "config.changed", {"device_id": "dev-2", "version": 2})) is (
        EventEffect.ignored
    )
    full = {"device_id": "dev-1", "config": KioskConfig(language="ko", idle_timeout_s=90).model_dump()}
    assert store.apply_event(event(103, "config.changed", full)) is EventEffect.applied
    assert store.config().idle_timeout_s == 90
    other_store = stock_changed(104, 0).model_copy(update={"store_id": 8})
    assert store.apply_event(other_store) is EventEffect.ignored
    assert store.item(1).quantity == 20  # type: ignore[union-attr]
    assert store.last_event_id == 104


def test_replacing_the_catalogue_keeps_pending_sales_subtracted(store: LocalStore) -> None:
    store.record_sale(sale((2, 4)))
    store.replace_catalogue(catalogue())
    assert store.item(2).quantity == 16  # type: ignore[union-attr]


def test_outbox_due_order_retry_failure_and_delivery(store: LocalStore) -> None:
    first, second, third = (store.record_sale(sale((1, 1))) for _ in range(3))
    later = datetime.now(UTC) + timedelta(minutes=1)
    assert [i.id for i in store.due_items(later)] == [first.id, second.id, third.id]  # oldest first
    store.schedule_retry(first.id, "network_error: down", later + timedelta(minutes=5))
    store.mark_failed(second.id, "422 validation_error: price mismatch")
    store.mark_delivered(third.id)
    assert store.due_items(later) == []
    assert [i.id for i in store.due_items(later + timedelta(minutes=6))] == [first.id]
    retried = store.outbox_item(first.id)
    assert retried is not None and retried.attempts == 1 and retried.last_error == "network_error: down"
    failed = store.failed_items()
    assert [i.id for i in failed] == [second.id] and failed[0].last_error.startswith("422")  # type: ignore[union-attr]
    assert store.outbox_item(third.id).delivered_at is not None  # type: ignore[union-attr]
    assert store.pending_count() == 1
    store.defer_pending(later + timedelta(hours=1))
    assert store.next_due_at() == later + timedelta(hours=1)
    assert store.requeue(second.id) and not store.requeue(third.id)  # staff send a refused sale again
    assert store.pending_count() == 2 and store.failed_items() == []
