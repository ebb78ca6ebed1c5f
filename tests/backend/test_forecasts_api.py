"""Forecast job, forecast and reorder-suggestion endpoints, purchase-order drafts, supplier terms, scope."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select, update

from autostore.cli import main as cli_main
from backend.db.models import Device, Inventory, ProductDailySales, StockMovement, Store
from backend.db.session import Database
from backend.security import issue_access_token
from backend.seed import seed_demo
from backend.services.forecast_data import load_brand_history
from backend.services.forecasts import run_forecasts, seconds_until
from backend.state import AppState
from core.schemas.forecasts import ProductForecast, ReorderSuggestionOut, SupplyTermsOut
from core.timeutil import local_date, utcnow
from inference.forecast.model import ModelSettings
from inference.forecast.panel import SeriesKey
from inference.forecast.pipeline import PipelineSettings
from tests.backend.world import World

API = "/api/v1"
FAST = PipelineSettings(horizon=14, model=ModelSettings(max_iter=40, min_training_rows=5_000))
HISTORY_DAYS = 150


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on PostgreSQL too (where configured): the ledger query uses a window function."""
    return any_db_url


def today() -> date:
    return local_date(utcnow(), "Asia/Seoul")


def put_history(state: AppState, world: World, stockout_product: int | None = None) -> None:
    """150 days of sales for brand A: weekends busier, product i sells about 3 + 2i a day; optionally one
    product of store A1 sells out 20 days ago and is restocked 4 days later (in the ledger only)."""
    rng = np.random.default_rng(1)
    with state.db.write() as s:
        for store in (world.store_a1, world.store_a2):
            for j, pid in enumerate(world.products_a):
                for back in range(1, HISTORY_DAYS + 1):
                    day = today() - timedelta(days=back)
                    qty = int(rng.poisson(3 + 2 * j + (2 if day.weekday() >= 5 else 0)))
                    if qty:
                        s.add(
                            ProductDailySales(
                                store_id=store, product_id=pid, day=day, quantity=qty, revenue=qty * 1000
                            )
                        )
        if stockout_product is not None:
            for back, after in ((20, 0), (16, 30)):
                moment = datetime.combine(today() - timedelta(days=back), time(3, 0), tzinfo=UTC)
                s.add(
                    StockMovement(
                        store_id=world.store_a1,
                        product_id=stockout_product,
                        delta=after,
                        quantity_after=after,
                        reason="sale" if after == 0 else "restock",
                        created_at=moment,
                    )
                )
        s.commit()


def device_headers(state: AppState, store_id: int) -> dict[str, str]:
    with state.db.write() as s:
        device = Device(store_id=store_id, kind="kiosk", name="Kiosk")
        s.add(device)
        s.commit()
        device_id = device.id
    token, _ = issue_access_token(state.settings.secret_key, f"device:{device_id}", "kiosk", 600)
    return {"Authorization": f"Bearer {token}"}


def test_job_stores_forecasts_and_suggestions(client: TestClient, state: AppState, world: World) -> None:
    put_history(state, world)
    summaries = run_forecasts(state.db, settings=FAST)
    by_brand = {s.brand_id: s for s in summaries}
    assert by_brand[world.brand_a].series == 6 and by_brand[world.brand_a].store_ids == [
        world.store_a1,
        world.store_a2,
    ]
    assert by_brand[world.brand_a].backtest_mase is not None
    assert by_brand[world.brand_b].series == 3  # stocked but never sold: forecast as such
    owner = world.headers(client, "owner_a")
    resp = client.get(f"{API}/stores/{world.store_a1}/forecasts", headers=owner)
    assert resp.status_code == 200, resp.text
    forecasts = [ProductForecast.model_validate(f) for f in resp.json()]
    assert [f.product_id for f in forecasts] == world.products_a
    for f in forecasts:
        assert f.origin_day == today() - timedelta(days=1) and len(f.days) == 14
        assert f.days[0].day == today()
        for d in f.days:
            assert d.p025 <= d.p10 <= d.p90 <= d.p975 and d.p10 <= d.mean <= d.p90
    means = [np.mean([d.mean for d in f.days]) for f in forecasts]
    assert 2.0 < means[0] < 6.0 and 6.0 < means[2] < 10.0  # about 3.6 and 7.6 a day
    one = client.get(
        f"{API}/stores/{world.store_a1}/forecasts?product_id={world.products_a[1]}", headers=owner
    )
    assert [f["product_id"] for f in one.json()] == [world.products_a[1]]
    resp = client.get(f"{API}/stores/{world.store_a1}/reorder-suggestions", headers=owner)
    suggestions = [ReorderSuggestionOut.model_validate(s) for s in resp.json()]
    assert len(suggestions) == 3
    for s in suggestions:
        assert s.on_hand == 20 and s.reorder_point < s.order_up_to
        assert s.suggested_qty == 0 or s.suggested_qty >= s.order_up_to - s.on_hand - 1
    # the best seller (rice ball) is A by value; a second run replaces, never duplicates
    assert {s.product_id: s.abc_class.value for s in suggestions}[world.products_a[2]] == "A"
    run_forecasts(state.db, store_id=world.store_a1, settings=FAST)
    again = client.get(f"{API}/stores/{world.store_a1}/reorder-suggestions", headers=owner).json()
    assert len(again) == 3


def test_scope_and_roles(client: TestClient, state: AppState, world: World) -> None:
    put_history(state, world)
    run_forecasts(state.db, settings=FAST)
    paths = ["forecasts", "reorder-suggestions", "purchase-orders/draft"]
    expectations = [
        ("staff_a1", world.store_a1, 200),
        ("staff_a1", world.store_a2, 404),
        ("support_a2", world.store_a2, 200),
        ("support_a2", world.store_a1, 404),
        ("owner_b", world.store_a1, 404),
        ("owner_a", 999_999, 404),
    ]
    for who, store_id, status in expectations:
        headers = world.headers(client, who)
        for path in paths:
            assert client.get(f"{API}/stores/{store_id}/{path}", headers=headers).status_code == status, (
                who,
                path,
            )
    kiosk = device_headers(state, world.store_a1)
    assert client.get(f"{API}/stores/{world.store_a1}/forecasts", headers=kiosk).status_code == 403
    assert client.get(f"{API}/stores/{world.store_a1}/forecasts").status_code == 401
    staff = world.headers(client, "staff_a1")
    assert client.post(f"{API}/stores/{world.store_a1}/forecasts/run", headers=staff).status_code == 403


def test_supplier_terms_shape_the_orders(client: TestClient, state: AppState, world: World) -> None:
    put_history(state, world)
    owner = world.headers(client, "owner_a")
    base = f"{API}/brands/{world.brand_a}/product-supply"
    acme = {
        "supplier_name": "Acme",
        "lead_time_days": 3,
        "review_period_days": 7,
        "pack_size": 6,
        "min_order_qty": 24,
    }
    assert client.put(f"{base}/default", json=acme, headers=owner).status_code == 200
    tofu = {**acme, "supplier_name": "두부공장", "pack_size": 10, "min_order_qty": 0, "unit_cost": 700}
    resp = client.put(f"{base}/{world.products_a[2]}", json=tofu, headers=owner)
    assert resp.status_code == 200 and resp.json()["inherited"] is False
    listed = [SupplyTermsOut.model_validate(t) for t in client.get(base, headers=owner).json()]
    assert listed[0].product_id is None and listed[0].supplier_name == "Acme"
    assert [(t.product_id, t.inherited, t.supplier_name) for t in listed[1:]] == [
        (world.products_a[0], True, "Acme"),
        (world.products_a[1], True, "Acme"),
        (world.products_a[2], False, "두부공장"),
    ]
    # owners only, their own brand and products, valid terms
    assert (
        client.put(f"{base}/default", json=acme, headers=world.headers(client, "staff_a1")).status_code == 403
    )
    assert (
        client.put(f"{base}/default", json=acme, headers=world.headers(client, "owner_b")).status_code == 404
    )
    assert client.put(f"{base}/{world.products_b[0]}", json=acme, headers=owner).status_code == 404
    assert client.put(f"{base}/default", json={**acme, "pack_size": 0}, headers=owner).status_code == 422
    with state.db.write() as s:
        s.execute(update(Inventory).where(Inventory.store_id == world.store_a1).values(quantity=0))
        s.commit()
    run = client.post(f"{API}/stores/{world.store_a1}/forecasts/run?horizon=14", headers=owner)
    assert run.status_code == 200 and run.json()["suggested_orders"] >= 3
    suggestions = {
        s["product_id"]: s
        for s in client.get(f"{API}/stores/{world.store_a1}/reorder-suggestions", headers=owner).json()
    }
    for pid, pack, minimum, supplier in (
        (world.products_a[0], 6, 24, "Acme"),
        (world.products_a[2], 10, 0, "두부공장"),
    ):
        s = suggestions[pid]
        assert s["supplier_name"] == supplier and s["lead_time_days"] == 3
        assert s["suggested_qty"] % pack == 0 and s["suggested_qty"] >= max(minimum, s["order_up_to"])
        assert s["reorder_date"] == today().isoformat()  # nothing on the shelf: order today
    assert suggestions[world.products_a[2]]["unit_cost"] == 700
    assert suggestions[world.products_a[0]]["unit_cost"] == 1000  # no cost given: the price


def test_purchase_order_drafts(client: TestClient, state: AppState, world: World) -> None:
    put_history(state, world)
    owner = world.headers(client, "owner_a")
    base = f"{API}/brands/{world.brand_a}/product-supply"
    client.put(f"{base}/default", json={"supplier_name": "Acme", "pack_size": 6}, headers=owner)
    client.put(f"{base}/{world.products_a[2]}", json={"supplier_name": "Tofu Co"}, headers=owner)
    with state.db.write() as s:
        s.execute(update(Inventory).values(quantity=0))
        s.commit()
    run_forecasts(state.db, settings=FAST)
    url = f"{API}/stores/{world.store_a1}/purchase-orders/draft"
    resp = client.get(url, headers=owner)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert "attachment" in resp.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0][0] == "supplier" and [r[0] for r in rows[1:]] == ["Acme", "Acme", "Tofu Co"]
    assert all(int(r[3]) % 6 == 0 for r in rows[1:3])
    resp = client.get(url, params={"format": "xlsx"}, headers=owner)
    assert resp.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(resp.content))
    assert book.sheetnames == ["Acme", "Tofu Co"]
    only = client.get(url, params={"supplier": "Tofu Co"}, headers=owner)
    assert [r[0] for r in csv.reader(io.StringIO(only.content.decode("utf-8-sig")))][1:] == ["Tofu Co"]
    assert client.get(url, params={"format": "pdf"}, headers=owner).status_code == 422


def test_empty_shelf_days_come_from_the_ledger(state: AppState, world: World) -> None:
    put_history(state, world, stockout_product=world.products_a[0])
    end = today() - timedelta(days=1)
    with state.db.read() as s:
        stores = [s.get(Store, world.store_a1)]
        history = load_brand_history(s, world.brand_a, [st for st in stores if st is not None], end)
    panel = history.panel
    row = panel.keys.index(SeriesKey(world.store_a1, world.products_a[0]))
    flagged = {panel.day(int(i)) for i in np.flatnonzero(panel.stockout[row])}
    assert flagged == {today() - timedelta(days=d) for d in (20, 19, 18, 17, 16)}
    other = panel.keys.index(SeriesKey(world.store_a1, world.products_a[1]))
    assert not panel.stockout[other].any()
    assert np.isnan(panel.demand_view()[row, panel.index_of(today() - timedelta(days=18))])


def test_nightly_schedule() -> None:
    now = datetime(2026, 3, 1, 17, 30, tzinfo=UTC)  # 02:30 in Seoul
    assert seconds_until(now, "03:00", "Asia/Seoul") == 30 * 60
    assert seconds_until(now, "02:00", "Asia/Seoul") == (23 * 60 + 30) * 60


@pytest.mark.slow
def test_cli_forecasts_the_seeded_demo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AUTOSTORE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("AUTOSTORE_SECRET_KEY", "a-test-secret-that-is-long-enough")
    monkeypatch.delenv("AUTOSTORE_DATABASE_URL", raising=False)
    db = Database(f"sqlite:///{tmp_path / 'autostore.db'}")
    from backend.db.migrate import upgrade_to_head

    upgrade_to_head(db.write_engine)
    summary = seed_demo(db, "demo-password", days=200)
    assert cli_main(["forecast", "run", "--horizon", "14"]) == 0
    out = capsys.readouterr().out
    assert f"brand {summary.brand_id}" in out and "products to order" in out
    with db.read() as s:
        stores = list(s.scalars(select(Store).where(Store.brand_id == summary.brand_id)))
        history = load_brand_history(s, summary.brand_id, stores, today() - timedelta(days=1))
    assert history.panel.stockout.any()  # the demo sells out now and then: those days are gaps
    assert cli_main(["forecast", "run", "--store", "999999"]) == 1
    db.dispose()
