"""The sales history a forecast reads: product_daily_sales as a panel, with every day the shelf was empty.

The order transaction flags a product's day in product_daily_sales when it takes the stock to zero, but a
shelf that stays empty for three days has no rows on the two days after (nothing sold). Those are stockout
days too, so they are rebuilt from the stock ledger: from a movement that leaves the quantity at or below
zero until the movement that restocks it, every local day touched is a stockout day. Days between are
never taken for "no demand".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from backend.db.models import Inventory, Product, ProductDailySales, StockMovement, Store
from core.timeutil import local_date
from inference.forecast.panel import SalesPanel, SeriesKey, fill_forward

HISTORY_DAYS = 3 * 364 + 7  # three years and a week: last year's same weeks for the oldest training rows


@dataclass(frozen=True)
class BrandHistory:
    panel: SalesPanel
    products: dict[int, Product]
    on_hand: dict[SeriesKey, int]
    revenue_91d: dict[SeriesKey, int]


def _stockout_days(
    session: Session, stores: dict[int, Store], start: date, end: date
) -> dict[SeriesKey, set[date]]:
    """Local days on which each store x product had no stock at some moment, from the ledger."""
    since = datetime.combine(start - timedelta(days=1), datetime.min.time())
    ledger = (
        select(
            StockMovement.store_id,
            StockMovement.product_id,
            StockMovement.created_at,
            StockMovement.quantity_after,
            func.lag(StockMovement.quantity_after)
            .over(partition_by=(StockMovement.store_id, StockMovement.product_id), order_by=StockMovement.id)
            .label("before"),
        )
        .where(StockMovement.store_id.in_(stores), StockMovement.created_at >= since)
        .subquery()
    )
    emptied = and_(ledger.c.quantity_after <= 0, or_(ledger.c.before.is_(None), ledger.c.before > 0))
    refilled = and_(ledger.c.quantity_after > 0, ledger.c.before <= 0)
    changes = session.execute(
        select(ledger).where(or_(emptied, refilled)).order_by(ledger.c.store_id, ledger.c.product_id)
    ).all()
    empty_since: dict[SeriesKey, date] = {}
    days: dict[SeriesKey, set[date]] = defaultdict(set)
    for store_id, product_id, created_at, quantity_after, _before in sorted(changes, key=lambda r: r[2]):
        key = SeriesKey(store_id, product_id)
        day = local_date(created_at, stores[store_id].timezone)
        if quantity_after <= 0:
            empty_since.setdefault(key, day)
        elif key in empty_since:
            days[key].update(_span(empty_since.pop(key), day))
    for key, first in empty_since.items():  # still empty at the end
        days[key].update(_span(first, end))
    return days


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _first_movement_days(session: Session, stores: dict[int, Store]) -> dict[SeriesKey, date]:
    rows = session.execute(
        select(StockMovement.store_id, StockMovement.product_id, func.min(StockMovement.created_at))
        .where(StockMovement.store_id.in_(stores))
        .group_by(StockMovement.store_id, StockMovement.product_id)
    ).all()
    return {
        SeriesKey(s, p): local_date(first, stores[s].timezone) for s, p, first in rows if first is not None
    }


def load_brand_history(session: Session, brand_id: int, stores: list[Store], end: date) -> BrandHistory:
    """Daily demand history of the brand's active products in `stores`, up to and including `end`.

    A series starts on its first sign of life (first sale, first stock movement, or its inventory row);
    columns are fetched as tuples and written straight into arrays: a chain's years of daily rows are
    millions, too many for ORM objects."""
    earliest = end - timedelta(days=HISTORY_DAYS - 1)
    by_id = {s.id: s for s in stores}
    products = {
        p.id: p
        for p in session.scalars(
            select(Product).where(
                Product.brand_id == brand_id, Product.active.is_(True), Product.deleted.is_(False)
            )
        )
    }
    inventory = session.execute(
        select(Inventory.store_id, Inventory.product_id, Inventory.quantity, Inventory.updated_at).where(
            Inventory.store_id.in_(by_id), Inventory.product_id.in_(products)
        )
    ).all()
    daily = ProductDailySales
    sales = session.execute(
        select(
            daily.store_id, daily.product_id, daily.day, daily.quantity, daily.revenue, daily.stockout
        ).where(
            daily.store_id.in_(by_id),
            daily.product_id.in_(products),
            daily.day >= earliest,
            daily.day <= end,
        )
    ).all()
    listed_since = _first_movement_days(session, by_id)
    for store_id, product_id, _quantity, updated_at in inventory:
        key = SeriesKey(store_id, product_id)
        stocked = local_date(updated_at, by_id[store_id].timezone)
        listed_since[key] = min(listed_since.get(key, stocked), stocked)
    for store_id, product_id, day, *_rest in sales:
        key = SeriesKey(store_id, product_id)
        listed_since[key] = min(listed_since.get(key, day), day)
    keys = sorted(
        {SeriesKey(s, p) for s, p, *_ in inventory} | {SeriesKey(s, p) for s, p, *_ in sales},
        key=lambda k: (k.store_id, k.product_id),
    )
    # at least the last day, even when every series is listed only today (after `end`)
    first = min(max(earliest, min((listed_since[k] for k in keys), default=end)), end)
    index = {key: i for i, key in enumerate(keys)}
    n_days = (end - first).days + 1
    quantity = np.zeros((len(keys), n_days))
    stockout = np.zeros((len(keys), n_days), dtype=bool)
    price = np.full((len(keys), n_days), np.nan)
    revenue: dict[SeriesKey, int] = defaultdict(int)
    for store_id, product_id, day, sold, takings, empty in sales:
        key = SeriesKey(store_id, product_id)
        i, t = index[key], (day - first).days
        quantity[i, t], stockout[i, t] = sold, empty
        if sold > 0:
            price[i, t] = takings / sold
        if (end - day).days < 91:
            revenue[key] += takings
    for key, days in _stockout_days(session, by_id, first, end).items():
        if key in index:
            for day in days:
                if first <= day <= end:
                    stockout[index[key], (day - first).days] = True
    price = fill_forward(price)
    for i, key in enumerate(keys):  # never sold: the catalogue price throughout
        if np.isnan(price[i]).all():
            price[i] = float(products[key.product_id].price)
    panel = SalesPanel(
        start=first,
        keys=keys,
        quantity=quantity,
        stockout=stockout,
        first_day=np.array([max(0, (listed_since[k] - first).days) for k in keys], dtype=np.int64),
        price=price,
    )
    on_hand = {SeriesKey(s, p): max(q, 0) for s, p, q, _u in inventory}
    return BrandHistory(panel=panel, products=products, on_hand=on_hand, revenue_91d=dict(revenue))
