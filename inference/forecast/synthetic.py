"""Synthetic store x product sales with what real shops have and clean benchmark data lacks.

True demand is a negative binomial around store level x product level x weekday profile x a yearly season x
a slow trend x price and promotion effects x Korean holiday effects. Then the shop gets in the way:

- stockouts: episodes start at random (more often on busy days) and last a few days; on the first day the
  shelf sells part of the demand, afterwards nothing, and every such day is flagged as a stockout;
- intermittent products: a base rate well under one a day, so most days sell nothing;
- new products: launched a few weeks before the end, in every store at once.

`SyntheticSales.demand` keeps the uncensored demand, so a benchmark can score against what customers wanted
rather than what the empty shelf allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from inference.forecast.calendar import DayCalendar
from inference.forecast.panel import FloatArray, SalesPanel, SeriesKey


@dataclass(frozen=True)
class SyntheticSpec:
    n_stores: int = 4
    n_products: int = 40
    n_days: int = 3 * 364
    start: date = date(2022, 1, 3)
    intermittent_share: float = 0.3
    new_product_share: float = 0.15
    new_product_days: tuple[int, int] = (150, 40)  # launched this many days before the end, at most / least
    stockout_start_rate: float = 0.04  # per day, before the busy-day boost
    mean_stockout_days: float = 4.0
    promo_rate: float = 0.01  # chance a 7-day promotion starts on a given day
    dispersion: float = 0.05
    seed: int = 0


@dataclass(frozen=True)
class SyntheticSales:
    panel: SalesPanel  # what the shop recorded: censored sales, stockout flags, prices, promotions
    demand: FloatArray  # what customers wanted (uncensored), NaN before launch
    expected: FloatArray  # the mean of demand
    intermittent: np.ndarray  # (series,) bool
    new_product: np.ndarray  # (series,) bool


def generate(spec: SyntheticSpec) -> SyntheticSales:
    rng = np.random.default_rng(spec.seed)
    n_s, n_p, t = spec.n_stores, spec.n_products, spec.n_days
    n = n_s * n_p
    store = np.repeat(np.arange(n_s), n_p)
    product = np.tile(np.arange(n_p), n_s)
    intermittent_p = rng.random(n_p) < spec.intermittent_share
    new_p = rng.random(n_p) < spec.new_product_share
    base_p = np.where(intermittent_p, rng.uniform(0.05, 0.5, n_p), rng.lognormal(np.log(8.0), 0.7, n_p))
    base_s = rng.lognormal(0.0, 0.3, n_s)
    dow_p = 1.0 + rng.normal(0.0, 0.15, (n_p, 7))
    dow_p[:, 4:6] *= rng.uniform(1.0, 1.4, (n_p, 1))  # Friday and Saturday busier for most products
    amplitude = rng.uniform(0.0, 0.35, n_p)
    phase = rng.uniform(0.0, 2 * np.pi, n_p)
    calendar = DayCalendar(spec.start, t).features()
    days = np.arange(t)
    season = 1.0 + amplitude[:, None] * np.sin(2 * np.pi * days[None, :] / 365.25 + phase[:, None])
    trend = np.exp(rng.normal(0.0, 0.15, n)[:, None] * days[None, :] / 365.0)
    holiday = np.where(calendar["holiday"] > 0, 0.7, 1.0) * np.where(
        calendar["days_to_holiday"] == 1, 1.3, 1.0
    )
    price_p = rng.choice([800.0, 1200.0, 1500.0, 2500.0, 4000.0], n_p)
    promo = _promotions(rng, n, t, spec.promo_rate)
    price = np.where(promo, 0.85, 1.0) * price_p[product][:, None]
    price_effect = (price / price_p[product][:, None]) ** -1.5 * np.where(promo, 1.3, 1.0)
    expected = (
        (base_s[store] * base_p[product])[:, None]
        * dow_p[product][:, calendar["dow"].astype(int)]
        * season[product]
        * trend
        * holiday[None, :]
        * price_effect
    )
    first_day = np.zeros(n, dtype=np.int64)
    lo, hi = spec.new_product_days
    launch_p = t - rng.integers(hi, lo + 1, n_p)
    first_day[new_p[product]] = launch_p[product][new_p[product]]
    listed = days[None, :] >= first_day[:, None]
    demand = _negative_binomial(rng, expected, spec.dispersion)
    stockout = _stockouts(rng, expected, spec) & listed
    sales = _censor(rng, demand, stockout)
    sales[~listed] = 0.0
    keys = [SeriesKey(int(s) + 1, int(p) + 1) for s, p in zip(store, product, strict=True)]
    panel = SalesPanel(
        start=spec.start,
        keys=keys,
        quantity=sales,
        stockout=stockout,
        first_day=first_day,
        price=price,
        promo=promo,
    )
    return SyntheticSales(
        panel=panel,
        demand=np.where(listed, demand, np.nan),
        expected=np.where(listed, expected, np.nan),
        intermittent=intermittent_p[product],
        new_product=new_p[product],
    )


def _negative_binomial(rng: np.random.Generator, mean: FloatArray, alpha: float) -> FloatArray:
    """Counts with mean `mean` and variance mean + alpha * mean^2 (a gamma-Poisson mixture)."""
    rate = rng.gamma(1.0 / alpha, alpha * mean)
    out: FloatArray = rng.poisson(rate).astype(np.float64)
    return out


def _promotions(rng: np.random.Generator, n: int, t: int, rate: float) -> np.ndarray:
    starts = rng.random((n, t)) < rate
    promo = np.zeros((n, t), dtype=bool)
    for offset in range(7):
        promo[:, offset:] |= starts[:, : t - offset]
    return promo


def _stockouts(rng: np.random.Generator, expected: FloatArray, spec: SyntheticSpec) -> np.ndarray:
    """Episodes of consecutive empty-shelf days; a busy day (demand above the series' mean) is likelier
    to start one, as a shelf sized for a normal day runs out first on a busy one."""
    n, t = expected.shape
    busy = expected / np.maximum(expected.mean(axis=1, keepdims=True), 1e-9)
    start = rng.random((n, t)) < spec.stockout_start_rate * np.clip(busy, 0.3, 3.0)
    length = rng.geometric(1.0 / spec.mean_stockout_days, (n, t))
    out = np.zeros((n, t), dtype=bool)
    remaining = np.zeros(n, dtype=np.int64)
    for day in range(t):
        begin = start[:, day] & (remaining == 0)
        remaining = np.where(begin, length[:, day], remaining)
        out[:, day] = remaining > 0
        remaining = np.maximum(remaining - 1, 0)
    return out


def _censor(rng: np.random.Generator, demand: FloatArray, stockout: np.ndarray) -> FloatArray:
    """Sales on stockout days: part of the demand on the day the shelf empties, nothing after."""
    first = stockout & ~np.concatenate([np.zeros((len(stockout), 1), dtype=bool), stockout[:, :-1]], axis=1)
    share = rng.uniform(0.2, 0.8, demand.shape)
    partial = rng.binomial(demand.astype(np.int64), share).astype(np.float64)
    sales = np.where(stockout, 0.0, demand)
    out: FloatArray = np.where(first, partial, sales)
    return out
