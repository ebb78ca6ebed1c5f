"""Sales statistics: buckets in the store's calendar, zero-fill, top products, devices, brand ranks, scope."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient

from backend.db.models import Device, Order, OrderLine, ProductDailySales, Store, StoreDailySales
from backend.security import issue_access_token
from backend.services.rollups import record_refund, record_sale
from backend.state import AppState
from core.schemas.orders import OrderStatus
from core.schemas.stats import BrandComparison, DailyProductSales, DeviceSalesReport, SalesSeries
from core.timeutil import local_date, utcnow
from tests.backend.world import World

API = "/api/v1"


def kiosk_headers(state: AppState, store_id: int) -> dict[str, str]:
    """A kiosk device of the store, signed in (activation is another module's business)."""
    with state.db.write() as s:
        device = Device(store_id=store_id, kind="kiosk", name="Front kiosk")
        s.add(device)
        s.commit()
        device_id = device.id
    token, _ = issue_access_token(state.settings.secret_key, f"device:{device_id}", "kiosk", 600)
    return {"Authorization": f"Bearer {token}"}


def put_days(state: AppState, store_id: int, days: dict[date, int]) -> None:
    """Store rollup rows: revenue as given, one order and two items per row."""
    with state.db.write() as s:
        for day, revenue in days.items():
            s.add(StoreDailySales(store_id=store_id, day=day, orders=1, items=2, revenue=revenue))
        s.commit()


def series(client: TestClient, headers: dict[str, str], store_id: int, **params: str) -> SalesSeries:
    resp = client.get(f"{API}/stores/{store_id}/sales", params=params, headers=headers)
    assert resp.status_code == 200, resp.text
    return SalesSeries.model_validate(resp.json())


def test_buckets_day_week_month_year_with_zero_fill(
    client: TestClient, state: AppState, world: World
) -> None:
    put_days(
        state,
        world.store_a1,
        {
            date(2024, 1, 1): 10_000,  # a Monday
            date(2024, 1, 3): 5_000,
            date(2024, 1, 8): 7_000,  # the next Monday
            date(2024, 2, 29): 3_000,
            date(2024, 12, 31): 1_000,
            date(2025, 1, 1): 2_000,
        },
    )
    put_days(state, world.store_a2, {date(2024, 1, 2): 99_999})  # another store never leaks in
    owner = world.headers(client, "owner_a")

    daily = series(client, owner, world.store_a1, granularity="day", start="2024-01-01", end="2024-01-09")
    assert [b.revenue for b in daily.buckets] == [10_000, 0, 5_000, 0, 0, 0, 0, 7_000, 0]
    assert daily.buckets[1].period_start == date(2024, 1, 2) and daily.buckets[1].orders == 0
    assert (daily.total_revenue, daily.total_orders) == (22_000, 3)
    assert (daily.currency, daily.timezone) == ("KRW", "Asia/Seoul")

    # A Wednesday start is moved back to its Monday; weeks sum Monday..Sunday.
    weekly = series(client, owner, world.store_a1, granularity="week", start="2024-01-03", end="2024-01-21")
    assert [(b.period_start, b.revenue) for b in weekly.buckets] == [
        (date(2024, 1, 1), 15_000),
        (date(2024, 1, 8), 7_000),
        (date(2024, 1, 15), 0),
    ]
    assert weekly.start == date(2024, 1, 1)

    monthly = series(client, owner, world.store_a1, granularity="month", start="2024-01-15", end="2024-04-10")
    assert [(b.period_start, b.revenue, b.items) for b in monthly.buckets] == [
        (date(2024, 1, 1), 22_000, 6),
        (date(2024, 2, 1), 3_000, 2),
        (date(2024, 3, 1), 0, 0),
        (date(2024, 4, 1), 0, 0),
    ]

    yearly = series(client, owner, world.store_a1, granularity="year", start="2023-06-01", end="2025-06-30")
    assert [(b.period_start, b.revenue) for b in yearly.buckets] == [
        (date(2023, 1, 1), 0),
        (date(2024, 1, 1), 26_000),
        (date(2025, 1, 1), 2_000),
    ]


def test_defaults_and_range_limits(client: TestClient, state: AppState, world: World) -> None:
    owner = world.headers(client, "owner_a")
    today = local_date(utcnow(), "Asia/Seoul")
    put_days(state, world.store_a1, {today: 4_200, today - timedelta(days=30): 1_000})

    default = series(client, owner, world.store_a1)
    assert len(default.buckets) == 30 and default.buckets[-1].period_start == today
    assert default.total_revenue == 4_200  # 30 days ago is outside the default window

    weekly = series(client, owner, world.store_a1, granularity="week")
    assert len(weekly.buckets) == 12 and weekly.buckets[0].period_start.weekday() == 0

    monthly = series(client, owner, world.store_a1, granularity="month")
    assert len(monthly.buckets) == 12 and monthly.buckets[-1].period_start == today.replace(day=1)

    reversed_range = client.get(
        f"{API}/stores/{world.store_a1}/sales",
        params={"start": "2024-02-01", "end": "2024-01-01"},
        headers=owner,
    )
    assert reversed_range.status_code == 422
    assert reversed_range.json()["error"]["code"] == "invalid_range"
    too_long = client.get(
        f"{API}/stores/{world.store_a1}/sales",
        params={"start": "2020-01-01", "end": "2024-01-01"},
        headers=owner,
    )
    assert too_long.status_code == 422
    bad_date = client.get(
        f"{API}/stores/{world.store_a1}/sales", params={"start": "yesterday"}, headers=owner
    )
    assert bad_date.status_code == 422


def test_top_products_and_daily_product_series(client: TestClient, state: AppState, world: World) -> None:
    water, cola, rice = world.products_a
    d1, d2 = date(2024, 6, 1), date(2024, 6, 2)
    with state.db.write() as s:
        s.add_all(
            [
                ProductDailySales(
                    store_id=world.store_a1, product_id=water, day=d1, quantity=10, revenue=10_000
                ),
                ProductDailySales(
                    store_id=world.store_a1, product_id=cola, day=d1, quantity=3, revenue=5_400
                ),
                ProductDailySales(
                    store_id=world.store_a1, product_id=cola, day=d2, quantity=4, revenue=7_200
                ),
                ProductDailySales(
                    store_id=world.store_a1, product_id=rice, day=d2, quantity=0, revenue=0, stockout=True
                ),
                ProductDailySales(
                    store_id=world.store_a2, product_id=rice, day=d2, quantity=50, revenue=75_000
                ),
            ]
        )
        s.commit()
    staff = world.headers(client, "staff_a1")
    url = f"{API}/stores/{world.store_a1}/sales/top-products"
    by_revenue = client.get(url, params={"start": "2024-06-01", "end": "2024-06-30"}, headers=staff).json()
    assert [(p["product_id"], p["quantity"], p["revenue"]) for p in by_revenue] == [
        (cola, 7, 12_600),
        (water, 10, 10_000),
    ]  # rice sold nothing here (its 50 were in store a2)
    by_qty = client.get(
        url, params={"start": "2024-06-01", "end": "2024-06-30", "by": "quantity", "limit": 1}, headers=staff
    ).json()
    assert [p["product_id"] for p in by_qty] == [water]
    assert by_qty[0]["name_en"] == "Water"

    resp = client.get(
        f"{API}/stores/{world.store_a1}/sales/daily-products",
        params={"start": "2024-05-31", "end": "2024-06-02"},
        headers=staff,
    )
    assert resp.status_code == 200, resp.text
    report = DailyProductSales.model_validate(resp.json())
    rows = {p.product_id: (p.quantities, p.stockout) for p in report.products}
    assert rows[water] == ([0, 10, 0], [False, False, False])
    assert rows[cola] == ([0, 3, 4], [False, False, False])
    assert rows[rice] == ([0, 0, 0], [False, False, True])


def _order(state: AppState, world: World, device_id: str | None, qty: int, when: datetime) -> uuid.UUID:
    """A paid order of `qty` bottles of water at store a1, rolled up as the order code does."""
    store_id, water = world.store_a1, world.products_a[0]
    with state.db.write() as s:
        store = s.get(Store, store_id)
        assert store is not None
        order = Order(
            id=uuid.uuid4(),
            number="1",
            store_id=store_id,
            device_id=device_id,
            status=OrderStatus.paid,
            total=qty * 1000,
            vat=0,
            currency="KRW",
            created_at=when,
        )
        order.lines = [
            OrderLine(
                product_id=water,
                sku="SKU-1",
                name_ko="생수",
                name_en="Water",
                quantity=qty,
                unit_price=1000,
                line_total=qty * 1000,
            )
        ]
        s.add(order)
        s.flush()
        record_sale(s, store, order, order.lines)
        s.commit()
        return order.id


def test_sales_by_device_net_of_refunds(client: TestClient, state: AppState, world: World) -> None:
    with state.db.write() as s:
        front = Device(store_id=world.store_a1, kind="kiosk", name="Front")
        back = Device(store_id=world.store_a1, kind="kiosk", name="Back")
        s.add_all([front, back])
        s.commit()
        front_id, back_id = front.id, back.id
    noon = datetime(2024, 6, 1, 3, 0, tzinfo=UTC)
    _order(state, world, front_id, 2, noon)
    _order(state, world, front_id, 1, noon)
    refunded = _order(state, world, back_id, 3, noon)
    _order(state, world, back_id, 5, datetime(2024, 6, 1, 15, 30, tzinfo=UTC))  # 2 June in Seoul
    with state.db.write() as s:
        order, store = s.get(Order, refunded), s.get(Store, world.store_a1)
        assert order is not None and store is not None
        order.lines[0].refunded_quantity = 1
        order.status = OrderStatus.partially_refunded
        record_refund(s, store, order, [(order.lines[0], 1)])
        s.commit()

    owner = world.headers(client, "owner_a")
    resp = client.get(
        f"{API}/stores/{world.store_a1}/sales/by-device",
        params={"start": "2024-06-01", "end": "2024-06-01"},
        headers=owner,
    )
    assert resp.status_code == 200, resp.text
    report = DeviceSalesReport.model_validate(resp.json())
    assert [(d.device_name, d.orders, d.items, d.revenue) for d in report.devices] == [
        ("Front", 2, 3, 3_000),
        ("Back", 1, 2, 2_000),
    ]
    # The per-device figures agree with the rollup of that day.
    day = series(client, owner, world.store_a1, start="2024-06-01", end="2024-06-01").buckets[0]
    assert (day.orders, day.items, day.revenue) == (3, 5, 5_000)


def test_brand_comparison_average_and_rank(client: TestClient, state: AppState, world: World) -> None:
    today = local_date(utcnow(), "Asia/Seoul")
    put_days(state, world.store_a1, {today: 30_000, today - timedelta(days=29): 6_000})
    put_days(state, world.store_a2, {today - timedelta(days=1): 20_000, today - timedelta(days=30): 500_000})
    with state.db.write() as s:
        s.add(Store(brand_id=world.brand_a, name="A Jongno", timezone="Asia/Seoul", currency="KRW"))
        s.commit()

    owner = world.headers(client, "owner_a")
    resp = client.get(f"{API}/brands/{world.brand_a}/sales/comparison", headers=owner)
    assert resp.status_code == 200, resp.text
    comparison = BrandComparison.model_validate(resp.json())
    assert [(r.store_name, r.revenue_30d, r.rank) for r in comparison.stores] == [
        ("A Gangnam", 36_000, 1),
        ("A Mapo", 20_000, 2),  # its day 30 days ago is outside the window
        ("A Jongno", 0, 3),
    ]
    assert comparison.average_30d == round((36_000 + 20_000 + 0) / 3)
    assert comparison.currency == "KRW"

    url = f"{API}/brands/{world.brand_a}/sales/comparison"
    assert client.get(url, headers=world.headers(client, "owner_b")).status_code == 404
    assert client.get(url, headers=world.headers(client, "staff_a1")).status_code == 403
    assert client.get(url, headers=world.headers(client, "support_a2")).status_code == 404
    assert client.get(url, headers=kiosk_headers(state, world.store_a1)).status_code == 404


def test_scope_and_roles(client: TestClient, state: AppState, world: World) -> None:
    paths = ["sales", "sales/top-products", "sales/by-device", "sales/daily-products"]

    def status(headers: dict[str, str], store_id: int, path: str) -> int:
        return client.get(f"{API}/stores/{store_id}/{path}", headers=headers).status_code

    owner_b = world.headers(client, "owner_b")
    support = world.headers(client, "support_a2")
    staff = world.headers(client, "staff_a1")
    kiosk = kiosk_headers(state, world.store_a1)
    for path in paths:
        assert status(owner_b, world.store_a1, path) == 404, path
        assert status(owner_b, world.store_b1, path) == 200, path
        assert status(support, world.store_a2, path) == 200, path
        assert status(support, world.store_a1, path) == 404, path
        assert status(staff, world.store_a2, path) == 404, path
        assert status(kiosk, world.store_a1, path) == 403, path
        assert status(kiosk, world.store_a2, path) == 404, path
        assert client.get(f"{API}/stores/{world.store_a1}/{path}").status_code == 401, path
    assert status(owner_b, 999_999, "sales") == 404
