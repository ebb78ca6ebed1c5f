"""The demo seed: what it creates, that its history looks like a shop's, and that orders, ledger and
rollups agree with each other."""

from __future__ import annotations

import functools
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from backend import seed as seed_module
from backend.app import create_app
from backend.db.migrate import upgrade_to_head
from backend.db.models import (
    Brand,
    Category,
    Inventory,
    Order,
    OrderLine,
    Payment,
    Product,
    ProductDailySales,
    StockMovement,
    Store,
    StoreDailySales,
    SupportAssignment,
    User,
)
from backend.db.session import Database
from backend.seed import DemoExistsError, SeedSummary, reset_demo, seed_demo, seed_demo_cli
from backend.seed_data import PRODUCTS
from core.schemas.devices import KioskConfig
from core.schemas.stats import SalesSeries
from core.timeutil import local_date
from tests.backend.conftest import make_settings

TODAY = date(2024, 7, 15)  # a Monday in summer
PASSWORD = "demo-password-1"


def _seeded(url: str, days: int = 60) -> tuple[Database, SeedSummary]:
    db = Database(url)
    upgrade_to_head(db.write_engine)
    return db, seed_demo(db, PASSWORD, today=TODAY, days=days)


def _ean13_valid(code: str) -> bool:
    digits = [int(c) for c in code]
    return len(digits) == 13 and sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10 == 0


def test_seed_creates_the_demo_world(any_db_url: str) -> None:
    db, summary = _seeded(any_db_url)
    assert summary.first_day == TODAY - timedelta(days=60) and summary.last_day == TODAY - timedelta(days=1)
    with db.read() as s:
        stores = s.scalars(select(Store).where(Store.brand_id == summary.brand_id).order_by(Store.id)).all()
        assert [st.timezone for st in stores] == ["Asia/Seoul"] * 2 and stores[0].currency == "KRW"
        assert all("점" in st.name for st in stores)  # Korean branch names
        config = KioskConfig.model_validate(stores[0].kiosk_config)
        assert config.promotions and any("1+1" in line for line in config.promotions)
        users = {u.email: u for u in s.scalars(select(User)).all()}
        assert users["owner@demo.autostore"].role == "owner"
        assert users["staff@demo.autostore"].store_id == stores[0].id
        assigned = s.scalars(select(SupportAssignment.store_id)).all()
        assert assigned == [stores[1].id] and users["support@demo.autostore"].role == "support"

        products = s.scalars(select(Product).where(Product.brand_id == summary.brand_id)).all()
        assert len(products) == len(PRODUCTS) >= 55
        assert all(_ean13_valid(p.barcode or "") for p in products)
        assert len({p.barcode for p in products}) == len(products)
        categories = {c.id: c.code for c in s.scalars(select(Category)).all()}
        assert len(categories) == 7
        assert {categories[p.category_id] for p in products if p.age_restricted} == {"alcohol"}  # type: ignore[index]
        assert all(p.price % 10 == 0 and 500 <= p.price <= 10_000 for p in products)
        inventory = s.scalars(select(Inventory)).all()
        assert len(inventory) == 2 * len(products) and all(i.reorder_level > 0 for i in inventory)
        # The closing count left two lines empty and two low per store: something for the demo to reorder.
        for store in stores:
            empty = [i for i in inventory if i.store_id == store.id and i.quantity == 0]
            low = [i for i in inventory if i.store_id == store.id and 0 < i.quantity < i.reorder_level]
            assert len(empty) >= 2 and len(low) >= 2
        assert s.scalar(select(func.count()).select_from(StoreDailySales)) == 60 * 2 == summary.store_day_rows
    db.dispose()


def test_history_has_weekly_rhythm_and_stockouts(tmp_path: Path) -> None:
    db, summary = _seeded(f"sqlite:///{tmp_path / 'demo.db'}")
    with db.read() as s:
        for store_id in summary.store_ids:
            rows = s.execute(
                select(StoreDailySales.day, StoreDailySales.revenue).where(
                    StoreDailySales.store_id == store_id
                )
            ).all()
            weekend = [r for d, r in rows if d.weekday() >= 5]
            midweek = [r for d, r in rows if d.weekday() < 4]
            assert sum(weekend) / len(weekend) > 1.1 * sum(midweek) / len(midweek)
        stockouts = s.execute(
            select(ProductDailySales.store_id, ProductDailySales.quantity).where(ProductDailySales.stockout)
        ).all()
        assert {store for store, _q in stockouts} == set(summary.store_ids)
        assert any(q == 0 for _store, q in stockouts)  # whole days with nothing on the shelf

        def ice_cream_sold(first: date, last: date) -> int:
            total = s.scalar(
                select(func.sum(ProductDailySales.quantity))
                .join(Product, Product.id == ProductDailySales.product_id)
                .join(Category, Category.id == Product.category_id)
                .where(Category.code == "icecream", ProductDailySales.day.between(first, last))
            )
            return int(total or 0)

        # Mid-May against early July: ice cream climbs towards its August peak.
        may = ice_cream_sold(summary.first_day, summary.first_day + timedelta(days=13))
        july = ice_cream_sold(TODAY - timedelta(days=14), TODAY - timedelta(days=1))
        assert july > 1.1 * may
    db.dispose()


def test_orders_ledger_and_rollups_agree(any_db_url: str) -> None:
    db, summary = _seeded(any_db_url)
    with db.read() as s:
        stores = {st.id: st for st in s.scalars(select(Store)).all()}
        orders = s.scalars(select(Order).options(selectinload(Order.lines))).all()
        assert len(orders) == summary.orders > 14 * 2 * 50
        by_day: dict[tuple[int, date], list[int]] = defaultdict(lambda: [0, 0, 0])
        by_product: dict[tuple[int, int, date], int] = defaultdict(int)
        first_order_day = TODAY - timedelta(days=14)
        payments = {p.order_id: p for p in s.scalars(select(Payment)).all()}
        for order in orders:
            day = local_date(order.created_at, "Asia/Seoul")
            assert first_order_day <= day < TODAY
            totals = by_day[(order.store_id, day)]
            totals[0] += 1
            totals[1] += sum(line.quantity for line in order.lines)
            totals[2] += order.total
            assert order.total == sum(line.line_total for line in order.lines)
            payment = payments[order.id]
            assert (payment.status, payment.amount, payment.provider) == ("approved", order.total, "sandbox")
            assert payment.masked_pan[-4:] not in {"0002", "9995", "0119"}
            for line in order.lines:
                by_product[(order.store_id, line.product_id, day)] += line.quantity
        for store_id, store in stores.items():
            assert store.order_seq == max(int(o.number) for o in orders if o.store_id == store_id)

        rollups = s.scalars(select(StoreDailySales).where(StoreDailySales.day >= first_order_day)).all()
        assert {(r.store_id, r.day): [r.orders, r.items, r.revenue] for r in rollups} == dict(by_day)
        product_rows = s.scalars(
            select(ProductDailySales).where(
                ProductDailySales.day >= first_order_day, ProductDailySales.quantity > 0
            )
        ).all()
        assert {(r.store_id, r.product_id, r.day): r.quantity for r in product_rows} == dict(by_product)

        # The ledger: every sale line has its movement, no shelf ever went below zero, and it sums to stock.
        sold = s.scalar(select(func.sum(StockMovement.delta)).where(StockMovement.reason == "sale")) or 0
        assert -sold == s.scalar(select(func.sum(OrderLine.quantity)))
        assert s.scalar(select(func.min(StockMovement.quantity_after))) == 0
        per_shelf = select(StockMovement.store_id, StockMovement.product_id, func.sum(StockMovement.delta))
        rows = s.execute(per_shelf.group_by(StockMovement.store_id, StockMovement.product_id))
        net = {(store_id, product_id): int(delta) for store_id, product_id, delta in rows}
        assert net == {(i.store_id, i.product_id): i.quantity for i in s.scalars(select(Inventory)).all()}
    db.dispose()


def test_same_seed_same_history_and_reset(tmp_path: Path) -> None:
    db_one, first = _seeded(f"sqlite:///{tmp_path / 'one.db'}", days=20)
    db_two, second = _seeded(f"sqlite:///{tmp_path / 'two.db'}", days=20)
    assert first == second  # every count and id; `seconds` is left out of the comparison

    def history(db: Database) -> list[tuple[object, ...]]:
        with db.read() as s:
            rows = s.execute(select(ProductDailySales).order_by(*ProductDailySales.__table__.primary_key))
            return [(r.store_id, r.product_id, r.day, r.quantity, r.stockout) for r in rows.scalars()]

    assert history(db_one) == history(db_two)

    with pytest.raises(DemoExistsError, match="--reset"):
        seed_demo(db_one, PASSWORD, today=TODAY, days=20)
    assert reset_demo(db_one) is True
    with db_one.read() as s:
        assert s.scalar(select(func.count()).select_from(Brand)) == 0
        assert s.scalar(select(func.count()).select_from(Order)) == 0
        assert s.scalar(select(func.count()).select_from(User)) == 0
    assert reset_demo(db_one) is False
    again = seed_demo(db_one, PASSWORD, today=TODAY, days=20)
    assert again.orders == first.orders
    db_one.dispose()
    db_two.dispose()


def test_demo_users_sign_in_and_see_their_sales(tmp_path: Path) -> None:
    app = create_app(make_settings(f"sqlite:///{tmp_path / 'api.db'}", tmp_path))
    summary = seed_demo(app.state.autostore.db, PASSWORD, days=21)  # ending yesterday, as for real
    client = TestClient(app)

    def headers(email: str) -> dict[str, str]:
        resp = client.post("/api/v1/auth/login", data={"username": email, "password": PASSWORD})
        assert resp.status_code == 200, resp.text
        return {"Authorization": f"Bearer {resp.json()['access_token']}"}

    owner = headers(summary.emails["owner"])
    store_one, store_two = summary.store_ids
    resp = client.get(f"/api/v1/stores/{store_one}/sales", params={"granularity": "week"}, headers=owner)
    weekly = SalesSeries.model_validate(resp.json())
    assert weekly.total_revenue > 0 and weekly.buckets[-2].orders > 0
    ranking = client.get(f"/api/v1/brands/{summary.brand_id}/sales/comparison", headers=owner).json()
    assert ranking["stores"][0]["store_id"] == store_one  # the busier Gangnam store leads
    staff = headers(summary.emails["staff"])
    assert client.get(f"/api/v1/stores/{store_two}/sales", headers=staff).status_code == 404
    support = headers(summary.emails["support"])
    assert client.get(f"/api/v1/stores/{store_two}/sales/top-products", headers=support).status_code == 200


@pytest.mark.slow
def test_cli_seeds_refuses_twice_and_resets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AUTOSTORE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("AUTOSTORE_DATABASE_URL", raising=False)
    assert seed_demo_cli(password=None, reset=False) == 0  # the full 548 days, as `autostore seed-demo`
    out = capsys.readouterr().out
    assert "owner@demo.autostore" in out and "generated" in out
    generated = out.split("Password: ")[1].split()[0]
    db = Database(f"sqlite:///{tmp_path / 'autostore.db'}")
    with db.read() as s:
        days = s.scalar(select(func.count(func.distinct(StoreDailySales.day))))
        assert days is not None and days >= 540
    db.dispose()

    assert seed_demo_cli(password=None, reset=False) == 1
    assert "--reset" in capsys.readouterr().err

    monkeypatch.setattr(seed_module, "seed_demo", functools.partial(seed_demo, days=30))
    assert seed_demo_cli(password="chosen-password", reset=True) == 0
    out = capsys.readouterr().out
    assert "Removed the previous demo" in out and generated not in out
