"""Replenishment per product: safety stock, reorder point, order-up-to level, when to order and how much.

A periodic-review (R, s, S) policy, with the forecast's own uncertainty as the demand uncertainty:

- protection interval: an order placed today arrives after the lead time L and must last until the next
  order arrives, R days later, so it covers L + R days;
- safety stock = z * sigma(L + R), where z is the standard normal quantile of the service level (the chance
  of not running out in a cycle) and sigma(n) is the standard deviation of demand over the next n days,
  from the forecast's dispersion (see `suggest_order`: a level error does not average out over days);
- reorder point s = forecast demand over L + z * sigma(L): stock at or below it cannot cover the lead time;
- order-up-to S = forecast demand over L + R + safety stock;
- projected stock on day d = on hand + on order - forecast demand up to d; the reorder date is the first day
  the projected stock falls to the reorder point as it stands that day (demand over the L days after it);
- order now when that date falls before the next review (today + R): otherwise the next review is soon
  enough. The quantity S - inventory position is rounded up to whole packs and to the minimum order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from inference.forecast.panel import FloatArray, IntArray


@dataclass(frozen=True)
class SupplyTerms:
    """What the supplier allows for one product."""

    lead_time_days: int = 2
    review_period_days: int = 7
    pack_size: int = 1
    min_order_qty: int = 0
    service_level: float = 0.95

    def __post_init__(self) -> None:
        if (
            self.lead_time_days < 0
            or self.review_period_days < 1
            or self.pack_size < 1
            or self.min_order_qty < 0
        ):
            raise ValueError("lead time >= 0, review period >= 1, pack size >= 1, minimum order >= 0")
        if not 0.5 <= self.service_level < 1.0:
            raise ValueError("service level must be in [0.5, 1)")


@dataclass(frozen=True)
class ReorderPlan:
    safety_stock: float
    reorder_point: float
    order_up_to: float
    inventory_position: float
    reorder_day: int | None  # days from today (0 = today) the projected stock reaches the reorder point
    order_now: bool
    suggested_qty: int


def service_z(service_level: float) -> float:
    return NormalDist().inv_cdf(service_level)


def round_to_packs(quantity: float, pack_size: int, min_order_qty: int) -> int:
    """The smallest whole number of packs that covers `quantity` and the minimum order (0 stays 0)."""
    if quantity <= 0:
        return 0
    needed = max(quantity, float(min_order_qty))
    return math.ceil(needed / pack_size - 1e-9) * pack_size


def suggest_order(
    daily_mean: FloatArray,
    on_hand: float,
    terms: SupplyTerms,
    *,
    dispersion: float = 0.0,
    level_dispersion: float = 0.0,
    on_order: float = 0.0,
) -> ReorderPlan:
    """The policy for one product from its daily forecast (day 1 = tomorrow).

    The demand over any run of days has variance sum(mu) + (alpha - c) * sum(mu^2) + c * sum(mu)^2 with
    alpha = `dispersion` and c = min(`level_dispersion`, alpha): Poisson noise and independent daily
    error add up day by day, a level error (c) grows with the whole run. Days past the forecast repeat its
    last week, so a short forecast still covers a long lead time.
    """
    lead, review = terms.lead_time_days, terms.review_period_days
    need = lead + review + len(daily_mean) + 7
    mean = _extend(np.asarray(daily_mean, dtype=np.float64), need)
    spread = _SumSpread(mean, dispersion, min(level_dispersion, dispersion))
    z = service_z(terms.service_level)
    safety = z * float(spread.sigma(0, lead + review))
    reorder_point = float(spread.total(0, lead)) + z * float(spread.sigma(0, lead))
    order_up_to = float(spread.total(0, lead + review)) + safety
    position = on_hand + on_order
    reorder_day = _reorder_day(position, spread, lead, z, horizon=len(daily_mean))
    order_now = reorder_day is not None and reorder_day < review
    qty = round_to_packs(order_up_to - position, terms.pack_size, terms.min_order_qty) if order_now else 0
    return ReorderPlan(
        safety_stock=safety,
        reorder_point=reorder_point,
        order_up_to=order_up_to,
        inventory_position=position,
        reorder_day=reorder_day,
        order_now=order_now,
        suggested_qty=qty,
    )


class _SumSpread:
    """Mean and standard deviation of demand over days (start, end], vectorised over `start`."""

    def __init__(self, mean: FloatArray, alpha: float, level: float) -> None:
        self.cum = np.concatenate([[0.0], np.cumsum(mean)])
        self.cum_sq = np.concatenate([[0.0], np.cumsum(mean**2)])
        self.independent = alpha - level
        self.level = level

    def total(self, start: IntArray | int, end: IntArray | int) -> FloatArray:
        return np.asarray(self.cum[end] - self.cum[start], dtype=np.float64)

    def sigma(self, start: IntArray | int, end: IntArray | int) -> FloatArray:
        s1 = self.total(start, end)
        s2 = np.asarray(self.cum_sq[end] - self.cum_sq[start], dtype=np.float64)
        return np.sqrt(np.maximum(s1 + self.independent * s2 + self.level * s1**2, 0.0))


def _reorder_day(position: float, spread: _SumSpread, lead: int, z: float, horizon: int) -> int | None:
    """First day d in [0, horizon) with position - demand(1..d) <= demand(d+1..d+L) + z * sigma of it."""
    days = np.arange(horizon)
    projected = position - spread.total(0, days)
    crossing = np.flatnonzero(
        projected <= spread.total(days, days + lead) + z * spread.sigma(days, days + lead) + 1e-9
    )
    return int(crossing[0]) if len(crossing) else None


def _extend(values: FloatArray, length: int) -> FloatArray:
    if len(values) >= length:
        return values[:length]
    if len(values) == 0:
        return np.zeros(length)
    tail = values[-7:]
    reps = -(-(length - len(values)) // len(tail))
    extended: FloatArray = np.concatenate([values, np.tile(tail, reps)])[:length]
    return extended
