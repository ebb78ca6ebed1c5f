"""Plausible sales for the demo: daily demand per store and product, then orders for the latest days.

Demand is Poisson around a mean that multiplies: the product's popularity (and how much this store's
customers like it), the store's level and trend, the weekday (weekends busier), the season of the
product's kind, brand-wide promotions (temporary lifts) and a day-to-day shock shared by the store
(weather, local events). Stockout spells cut a product's sales to nothing for a few days. Everything
draws from one numpy Generator, so a seed gives the same history every time.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from backend.seed_data import DemoProduct

WEEKDAY_FACTOR = np.array([0.92, 0.90, 0.95, 1.00, 1.12, 1.30, 1.18])  # Monday first
# Orders per hour of an unmanned 24-hour store: commuters, lunch, the evening peak, a quiet night.
HOURLY_WEIGHT = np.array(
    [
        *(2.0, 1.4, 0.9, 0.6, 0.4, 0.4),  # 0-5 h
        *(0.8, 2.0, 3.5, 3.0, 2.6, 3.0),  # 6-11 h
        *(4.5, 4.2, 3.0, 2.8, 3.0, 3.6),  # 12-17 h
        *(4.8, 5.2, 5.0, 4.6, 3.8, 2.8),  # 18-23 h
    ]
)
PEAK_DAY_OF_YEAR = 205  # late July


@dataclass(frozen=True)
class StoreProfile:
    level: float  # relative to a typical store
    growth_per_year: float


@dataclass
class SalesHistory:
    """Units sold per (store, day, product) and the days a shelf was empty."""

    first_day: date
    quantities: np.ndarray  # int64, shape (stores, days, products)
    stockout: np.ndarray  # bool, same shape

    @property
    def n_days(self) -> int:
        return int(self.quantities.shape[1])

    def day(self, index: int) -> date:
        return self.first_day + timedelta(days=index)


def _season(kind: str, day_of_year: np.ndarray) -> np.ndarray:
    phase = np.cos(2 * math.pi * (day_of_year - PEAK_DAY_OF_YEAR) / 365.25)
    if kind == "summer":
        return 1 + 0.3 * phase
    if kind == "summer_strong":
        return np.maximum(0.15, 1 + 0.85 * phase)
    if kind == "winter":
        return 1 - 0.2 * phase
    if kind == "monsoon":  # the changma: late June to late July
        return 1 + 1.5 * np.exp(-(((day_of_year - 190) / 18.0) ** 2))
    return np.ones_like(phase)


def _promotion_lift(rng: np.random.Generator, n_days: int, n_products: int) -> np.ndarray:
    """About three brand-wide promotions a month, each lifting one product for one to two weeks."""
    lift = np.ones((n_days, n_products))
    for _ in range(max(1, n_days * 3 // 30)):
        product = int(rng.integers(n_products))
        start = int(rng.integers(n_days))
        length = int(rng.integers(7, 15))
        lift[start : start + length, product] *= rng.uniform(1.4, 2.0)
    return lift


def simulate_history(
    rng: np.random.Generator,
    first_day: date,
    n_days: int,
    products: list[DemoProduct],
    stores: list[StoreProfile],
    stockout_free_tail: int,
) -> SalesHistory:
    """Daily units for every store, day and product; no stockout spell starts in the last
    `stockout_free_tail` days (those days become real orders, whose ledger shows no empty shelf)."""
    days = np.array([first_day + timedelta(days=i) for i in range(n_days)])
    day_of_year = np.array([d.timetuple().tm_yday for d in days], dtype=float)
    weekday = WEEKDAY_FACTOR[[d.weekday() for d in days]]
    years = np.arange(n_days) / 365.25
    base = np.array([p.per_day for p in products])
    season = np.stack([_season(p.season, day_of_year) for p in products], axis=1)  # (days, products)
    promo = _promotion_lift(rng, n_days, len(products))
    mean = np.empty((len(stores), n_days, len(products)))
    for s, profile in enumerate(stores):
        affinity = rng.lognormal(0.0, 0.25, size=len(products))
        level = profile.level * (1 + profile.growth_per_year * years) * weekday
        shock = rng.gamma(25.0, 1 / 25.0, size=n_days)  # a store's good and bad days
        mean[s] = base * affinity * season * promo * (level * shock)[:, None]
    quantities = rng.poisson(mean).astype(np.int64)
    stockout = np.zeros(quantities.shape, dtype=bool)
    spell_days = n_days - stockout_free_tail
    popularity = base / base.sum()
    for s in range(len(stores)):
        for _ in range(max(0, spell_days // 45)):
            product = int(rng.choice(len(products), p=popularity))  # best sellers run out most
            start = int(rng.integers(spell_days))
            end = min(start + int(rng.integers(2, 6)), spell_days)
            quantities[s, start, product] //= 2  # sold until the shelf emptied that day
            quantities[s, start + 1 : end, product] = 0
            stockout[s, start:end, product] = True
    return SalesHistory(first_day, quantities, stockout)


@dataclass
class DemoOrder:
    created_at: datetime  # UTC
    kiosk: int
    lines: Counter[int]  # product index -> quantity


def orders_for_day(
    rng: np.random.Generator, quantities: np.ndarray, day: date, tz: ZoneInfo, n_kiosks: int
) -> list[DemoOrder]:
    """Split a day's units (quantities per product index) into baskets, at plausible times of day."""
    units = np.repeat(np.arange(len(quantities)), quantities)
    rng.shuffle(units)
    baskets: list[np.ndarray] = []
    taken = 0
    while taken < len(units):
        size = 1 + int(rng.poisson(1.1))
        baskets.append(units[taken : taken + size])
        taken += size
    seconds = np.sort(
        rng.choice(24, size=len(baskets), p=HOURLY_WEIGHT / HOURLY_WEIGHT.sum()) * 3600
        + rng.integers(0, 3600, size=len(baskets))
    )
    midnight = datetime.combine(day, time.min, tzinfo=tz)
    kiosk_share = np.linspace(1.0, 0.6, n_kiosks)  # the kiosk by the door sells most
    kiosks = rng.choice(n_kiosks, size=len(baskets), p=kiosk_share / kiosk_share.sum())
    return [
        DemoOrder(
            created_at=(midnight + timedelta(seconds=int(sec))).astimezone(ZoneInfo("UTC")),
            kiosk=int(kiosk),
            lines=Counter(int(i) for i in basket),
        )
        for basket, sec, kiosk in zip(baskets, seconds, kiosks, strict=True)
    ]


@dataclass(frozen=True)
class StockPlan:
    """Per product: the reorder level shown to staff, the level below which the morning delivery
    comes, and the level it fills the shelf to."""

    reorder_level: np.ndarray
    refill_below: np.ndarray
    par: np.ndarray


def stock_plan(window: np.ndarray) -> StockPlan:
    """A plan from a window of daily units (days, products). Between two morning checks at most two
    days' worth can sell (the rest of one day, the small hours of the next), so refilling below twice
    the busiest day keeps the ledger from ever going negative."""
    busiest = window.max(axis=0)
    reorder = np.maximum(2, np.ceil(window.mean(axis=0) * 1.5)).astype(np.int64)
    refill_below = (2 * busiest).astype(np.int64)
    par = refill_below + np.maximum(busiest, reorder) + 2
    return StockPlan(reorder, refill_below, par.astype(np.int64))
