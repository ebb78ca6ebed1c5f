"""Daily sales per series (store x product) as dense arrays, with the days that tell nothing about demand.

A day tells nothing about demand when the product was not yet listed (before its launch) or when its shelf
ran empty (a stockout): zero sales then mean "nothing to sell", not "nobody wanted it". `demand_view` turns
both into NaN so every statistic, feature and training target downstream skips them; a model built with
`censoring_aware=False` sees the raw sales instead (the comparison the benchmark makes).

Day indices count from `start`; an *origin* is the index of the last day whose sales a forecast may read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class SeriesKey:
    store_id: int
    product_id: int


@dataclass
class SalesPanel:
    """`quantity` and `stockout` are (series, days). `price` and `promo` may run past the last sales day
    (planned prices and promotions for the forecast horizon); beyond them the last known price holds."""

    start: date
    keys: list[SeriesKey]
    quantity: FloatArray
    stockout: BoolArray
    first_day: IntArray
    price: FloatArray | None = None
    promo: BoolArray | None = None
    _cache: dict[tuple[bool, int], FloatArray] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        n, t = self.quantity.shape
        if self.stockout.shape != (n, t) or self.first_day.shape != (n,) or len(self.keys) != n:
            raise ValueError("quantity, stockout, first_day and keys disagree on the panel's shape")
        for name, arr in (("price", self.price), ("promo", self.promo)):
            if arr is not None and (arr.shape[0] != n or arr.shape[1] < t):
                raise ValueError(f"{name} must cover every series and at least every sales day")

    @property
    def n_series(self) -> int:
        return int(self.quantity.shape[0])

    @property
    def n_days(self) -> int:
        return int(self.quantity.shape[1])

    @property
    def last_origin(self) -> int:
        return self.n_days - 1

    def day(self, index: int) -> date:
        return self.start + timedelta(days=index)

    def index_of(self, day: date) -> int:
        return (day - self.start).days

    def listed(self) -> BoolArray:
        """True where the series existed (on or after its first day)."""
        return np.arange(self.n_days)[None, :] >= self.first_day[:, None]

    def demand_view(self, *, censoring_aware: bool = True) -> FloatArray:
        """Sales as demand observations: NaN before launch and, when censoring-aware, on stockout days."""
        key = (censoring_aware, self.n_days)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        view = self.quantity.astype(np.float64, copy=True)
        view[~self.listed()] = np.nan
        if censoring_aware:
            view[self.stockout] = np.nan
        self._cache[key] = view
        return view

    def truncated(self, origin: int) -> SalesPanel:
        """The panel as it was known at the end of day `origin` (covariates keep their planned future)."""
        end = origin + 1
        return SalesPanel(
            start=self.start,
            keys=self.keys,
            quantity=self.quantity[:, :end],
            stockout=self.stockout[:, :end],
            first_day=self.first_day,
            price=self.price,
            promo=self.promo,
        )

    def subset(self, rows: IntArray | list[int]) -> SalesPanel:
        idx = np.asarray(rows, dtype=np.int64)
        return SalesPanel(
            start=self.start,
            keys=[self.keys[i] for i in idx],
            quantity=self.quantity[idx],
            stockout=self.stockout[idx],
            first_day=self.first_day[idx],
            price=None if self.price is None else self.price[idx],
            promo=None if self.promo is None else self.promo[idx],
        )


@dataclass(frozen=True)
class DailyRecord:
    """One store x product x day; days with no record are days with no sales."""

    store_id: int
    product_id: int
    day: date
    quantity: float
    stockout: bool = False
    price: float | None = None
    promo: bool = False


def panel_from_records(
    records: Iterable[DailyRecord],
    *,
    end: date,
    start: date | None = None,
    listed_since: dict[SeriesKey, date] | None = None,
    extra_keys: Iterable[SeriesKey] = (),
) -> SalesPanel:
    """A dense panel from sparse daily records up to and including `end`.

    A series starts on `listed_since[key]` when given, else on its first record. Missing days are zero
    sales. Price is carried forward from the last day with a price (and backward before the first).
    """
    rows = [r for r in records if r.day <= end and (start is None or r.day >= start)]
    keys = sorted(
        {SeriesKey(r.store_id, r.product_id) for r in rows} | set(extra_keys),
        key=lambda k: (k.store_id, k.product_id),
    )
    first_seen: dict[SeriesKey, date] = {}
    for r in rows:
        key = SeriesKey(r.store_id, r.product_id)
        if key not in first_seen or r.day < first_seen[key]:
            first_seen[key] = r.day
    listed_since = listed_since or {}
    origin_day = start or min([*first_seen.values(), *listed_since.values()], default=end)
    n_days = (end - origin_day).days + 1
    index = {k: i for i, k in enumerate(keys)}
    quantity = np.zeros((len(keys), n_days))
    stockout = np.zeros((len(keys), n_days), dtype=bool)
    promo = np.zeros((len(keys), n_days), dtype=bool)
    price = np.full((len(keys), n_days), np.nan)
    for r in rows:
        i, t = index[SeriesKey(r.store_id, r.product_id)], (r.day - origin_day).days
        quantity[i, t] += r.quantity
        stockout[i, t] |= r.stockout
        promo[i, t] |= r.promo
        if r.price is not None:
            price[i, t] = r.price
    first_day = np.array(
        [max(0, (listed_since.get(k, first_seen.get(k, end)) - origin_day).days) for k in keys],
        dtype=np.int64,
    )
    has_price = bool(np.isfinite(price).any())
    return SalesPanel(
        start=origin_day,
        keys=keys,
        quantity=quantity,
        stockout=stockout,
        first_day=first_day,
        price=fill_forward(price) if has_price else None,
        promo=promo if promo.any() else None,
    )


def fill_forward(values: FloatArray) -> FloatArray:
    """Carry the last finite value forward along each row; leading gaps take the first finite value."""
    out = values.copy()
    n, t = out.shape
    finite = np.isfinite(out)
    last = np.where(finite, np.arange(t)[None, :], 0)
    np.maximum.accumulate(last, axis=1, out=last)
    out = out[np.arange(n)[:, None], last]
    first_idx = np.argmax(finite, axis=1)
    first_val = values[np.arange(n), first_idx]
    lead = ~np.maximum.accumulate(finite, axis=1)
    out[lead] = np.broadcast_to(first_val[:, None], (n, t))[lead]
    return out
