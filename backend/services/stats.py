"""Sales statistics read from the daily rollups, in the store's own calendar (its time zone).

The rollups already hold one row per store and local day, so bucketing a week, month or year is summing
days; nothing here converts time zones except to find "today" and the UTC bounds of a local day range.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from backend.db.models import Device, Order, OrderLine, Product, ProductDailySales, Store, StoreDailySales
from core.schemas.orders import OrderStatus
from core.schemas.stats import (
    BrandComparison,
    DailyProductSales,
    DeviceSales,
    DeviceSalesReport,
    Granularity,
    ProductDailySeries,
    SalesBucket,
    SalesSeries,
    StoreRank,
    TopProduct,
)
from core.timeutil import local_date, utcnow

COMPARISON_DAYS = 30
# Orders that took goods off the shelf; a failed payment sold nothing. A fully refunded order still
# counts for its refund (revenue nets to zero) but no longer as an order, as in the rollups.
SOLD_STATUSES = (
    OrderStatus.paid,
    OrderStatus.pending_payment,
    OrderStatus.partially_refunded,
    OrderStatus.refunded,
)


class RangeError(ValueError):
    """A date range the caller asked for is reversed or too long; the message says which."""


def store_today(store: Store) -> date:
    return local_date(utcnow(), store.timezone)


def local_day_bounds_utc(store: Store, start: date, end: date) -> tuple[datetime, datetime]:
    """[first instant of `start`, first instant after `end`) in the store's zone, as aware datetimes."""
    zone = ZoneInfo(store.timezone)
    # In UTC: SQLite keeps timestamps as naive UTC text, so only UTC bounds compare correctly.
    return (
        datetime.combine(start, time.min, tzinfo=zone).astimezone(UTC),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone).astimezone(UTC),
    )


def bucket_start(day: date, granularity: Granularity) -> date:
    if granularity == Granularity.week:
        return day - timedelta(days=day.weekday())  # ISO weeks: Monday first
    if granularity == Granularity.month:
        return day.replace(day=1)
    if granularity == Granularity.year:
        return day.replace(month=1, day=1)
    return day


def next_bucket(start: date, granularity: Granularity) -> date:
    if granularity == Granularity.week:
        return start + timedelta(days=7)
    if granularity == Granularity.month:
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    if granularity == Granularity.year:
        return date(start.year + 1, 1, 1)
    return start + timedelta(days=1)


def default_start(end: date, granularity: Granularity) -> date:
    """30 days, 12 weeks, 12 months or 5 years ending with `end`'s bucket."""
    if granularity == Granularity.week:
        return bucket_start(end, granularity) - timedelta(weeks=11)
    if granularity == Granularity.month:
        first = end.replace(day=1)
        months_back = first.year * 12 + first.month - 1 - 11
        return date(months_back // 12, months_back % 12 + 1, 1)
    if granularity == Granularity.year:
        return date(end.year - 4, 1, 1)
    return end - timedelta(days=29)


def check_range(start: date, end: date, max_days: int) -> None:
    if start > end:
        raise RangeError("start must be on or before end.")
    if (end - start).days + 1 > max_days:
        raise RangeError(f"The range is too long: at most {max_days} days.")


def sales_series(
    session: Session, store: Store, granularity: Granularity, start: date, end: date, max_buckets: int
) -> SalesSeries:
    """Zero-filled buckets from `start`'s bucket through `end` (a partial last bucket counts to `end`)."""
    if start > end:
        raise RangeError("start must be on or before end.")
    first = bucket_start(start, granularity)
    periods: list[date] = []
    cursor = first
    while cursor <= end:
        periods.append(cursor)
        if len(periods) > max_buckets:
            raise RangeError(f"The range is too long: at most {max_buckets} {granularity.value} buckets.")
        cursor = next_bucket(cursor, granularity)
    totals = {p: [0, 0, 0] for p in periods}
    rows = session.execute(
        select(
            StoreDailySales.day, StoreDailySales.orders, StoreDailySales.items, StoreDailySales.revenue
        ).where(
            StoreDailySales.store_id == store.id, StoreDailySales.day >= first, StoreDailySales.day <= end
        )
    )
    for day, orders, items, revenue in rows:
        bucket = totals[bucket_start(day, granularity)]
        bucket[0] += orders
        bucket[1] += items
        bucket[2] += revenue
    buckets = [SalesBucket(period_start=p, orders=o, items=i, revenue=r) for p, (o, i, r) in totals.items()]
    return SalesSeries(
        store_id=store.id,
        granularity=granularity,
        currency=store.currency,
        timezone=store.timezone,
        buckets=buckets,
        total_revenue=sum(b.revenue for b in buckets),
        total_orders=sum(b.orders for b in buckets),
        start=first,
        end=end,
    )


def top_products(
    session: Session, store: Store, start: date, end: date, limit: int, by_quantity: bool = False
) -> list[TopProduct]:
    quantity = func.sum(ProductDailySales.quantity).label("quantity")
    revenue = func.sum(ProductDailySales.revenue).label("revenue")
    order = (quantity.desc(), revenue.desc()) if by_quantity else (revenue.desc(), quantity.desc())
    rows = session.execute(
        select(Product.id, Product.sku, Product.name_ko, Product.name_en, quantity, revenue)
        .join(Product, Product.id == ProductDailySales.product_id)
        .where(ProductDailySales.store_id == store.id, ProductDailySales.day.between(start, end))
        .group_by(Product.id, Product.sku, Product.name_ko, Product.name_en)
        .having(func.sum(ProductDailySales.quantity) > 0)
        .order_by(*order, Product.id)
        .limit(limit)
    )
    return [
        TopProduct(product_id=pid, sku=sku, name_ko=ko, name_en=en, quantity=int(q), revenue=int(r))
        for pid, sku, ko, en, q, r in rows
    ]


def daily_product_sales(session: Session, store: Store, start: date, end: date) -> DailyProductSales:
    """Per product, one quantity and one stockout flag per day: the series forecasting reads. Lists the
    brand's live products (zeros where nothing sold) and any other product sold in the range."""
    days = (end - start).days + 1
    rows = session.execute(
        select(
            ProductDailySales.product_id,
            ProductDailySales.day,
            ProductDailySales.quantity,
            ProductDailySales.stockout,
        ).where(ProductDailySales.store_id == store.id, ProductDailySales.day.between(start, end))
    ).all()
    sold_ids = {pid for pid, _d, _q, _s in rows}
    products = session.scalars(
        select(Product)
        .where(
            Product.brand_id == store.brand_id,
            (Product.deleted.is_(False) & Product.active.is_(True)) | Product.id.in_(sold_ids),
        )
        .order_by(Product.id)
    ).all()
    series = {
        p.id: ProductDailySeries(
            product_id=p.id,
            sku=p.sku,
            name_ko=p.name_ko,
            name_en=p.name_en,
            quantities=[0] * days,
            stockout=[False] * days,
        )
        for p in products
    }
    for pid, day, qty, stockout in rows:
        entry = series.get(pid)
        if entry is None:  # a product of another brand cannot have rows here, but never trust a join
            continue
        entry.quantities[(day - start).days] = qty
        entry.stockout[(day - start).days] = bool(stockout)
    return DailyProductSales(
        store_id=store.id, timezone=store.timezone, start=start, end=end, products=list(series.values())
    )


def brand_comparison(session: Session, brand_id: int) -> BrandComparison:
    """Each store's revenue over the 30 days ending today in its own zone, ranked (ties share a rank)."""
    stores = session.scalars(select(Store).where(Store.brand_id == brand_id).order_by(Store.id)).all()
    currencies = {s.currency for s in stores}
    if len(currencies) > 1:
        raise RangeError(
            "The brand's stores sell in different currencies, so their sales cannot be compared."
        )
    revenues: list[tuple[Store, int]] = []
    for store in stores:
        today = store_today(store)
        total = session.scalar(
            select(func.coalesce(func.sum(StoreDailySales.revenue), 0)).where(
                StoreDailySales.store_id == store.id,
                StoreDailySales.day.between(today - timedelta(days=COMPARISON_DAYS - 1), today),
            )
        )
        revenues.append((store, int(total or 0)))
    ordered = sorted(revenues, key=lambda pair: (-pair[1], pair[0].id))
    ranks: list[StoreRank] = []
    for position, (store, revenue) in enumerate(ordered, start=1):
        rank = ranks[-1].rank if ranks and ranks[-1].revenue_30d == revenue else position
        ranks.append(StoreRank(store_id=store.id, store_name=store.name, revenue_30d=revenue, rank=rank))
    average = round(sum(r for _s, r in revenues) / len(revenues)) if revenues else 0
    return BrandComparison(
        brand_id=brand_id,
        currency=currencies.pop() if currencies else "KRW",
        average_30d=average,
        stores=ranks,
    )


def device_sales(session: Session, store: Store, start: date, end: date) -> DeviceSalesReport:
    """Sales per kiosk over local days [start, end], from the orders themselves (rollups have no device)."""
    lo, hi = local_day_bounds_utc(store, start, end)
    in_range = (
        Order.store_id == store.id,
        Order.created_at >= lo,
        Order.created_at < hi,
        Order.status.in_([s.value for s in SOLD_STATUSES]),
    )
    counted = func.sum(case((Order.status == OrderStatus.refunded.value, 0), else_=1))
    per_device = {
        device_id: [int(orders or 0), 0, int(total or 0)]
        for device_id, orders, total in session.execute(
            select(Order.device_id, counted, func.sum(Order.total)).where(*in_range).group_by(Order.device_id)
        )
    }
    line_rows = session.execute(
        select(
            Order.device_id,
            func.sum(OrderLine.quantity - OrderLine.refunded_quantity),
            func.sum(OrderLine.refunded_quantity * OrderLine.unit_price),
        )
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(*in_range)
        .group_by(Order.device_id)
    )
    for device_id, items, refunded in line_rows:
        entry = per_device.setdefault(device_id, [0, 0, 0])
        entry[1] = int(items or 0)
        entry[2] -= int(refunded or 0)
    known = [d for d in per_device if d is not None]
    names: dict[str, str] = {}
    if known:
        names = {d: n for d, n in session.execute(select(Device.id, Device.name).where(Device.id.in_(known)))}
    devices = [
        DeviceSales(
            device_id=device_id,
            device_name=(names.get(device_id) or f"kiosk {device_id[:8]}") if device_id else "(no device)",
            orders=orders,
            items=items,
            revenue=revenue,
        )
        for device_id, (orders, items, revenue) in per_device.items()
    ]
    devices.sort(key=lambda d: (-d.revenue, d.device_name))
    return DeviceSalesReport(
        store_id=store.id,
        currency=store.currency,
        timezone=store.timezone,
        start=start,
        end=end,
        devices=devices,
    )
