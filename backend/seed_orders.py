"""Writing the demo's sales: rollups for the long history, real orders and the stock ledger for the last days.

Rows are built as plain dicts and written with one executemany per table, which is what keeps a
548-day seed to seconds.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import Table, insert, update
from sqlalchemy.orm import Session

from backend.db.models import (
    Inventory,
    Order,
    OrderLine,
    Payment,
    ProductDailySales,
    StockMovement,
    Store,
    StoreDailySales,
)
from backend.payments.sandbox import SandboxProvider
from backend.seed_sales import DemoOrder, SalesHistory, orders_for_day, stock_plan
from core.money import vat_included
from core.schemas.inventory import MovementReason
from core.schemas.payments import CardData, PaymentStatus

Row = dict[str, Any]
# Test cards the sandbox approves (its decline rules key on the last four digits 0002, 9995 and 0119).
DEMO_CARDS = ["457973******1234", "540926******5521", "949094******3108", "356900******7713"]
BASKET_SIZE = 2.1  # what orders_for_day's baskets average: 1 + Poisson(1.1)


@dataclass(frozen=True)
class DemoIds:
    brand_id: int
    store_ids: list[int]
    device_ids: list[list[str]]
    product_ids: list[int]
    prices: np.ndarray
    skus: list[str]
    names: list[tuple[str, str]]
    actor: str  # who the ledger says received deliveries and counted the shelves


@dataclass(frozen=True)
class SeedCounts:
    orders: int
    order_lines: int
    store_day_rows: int
    product_day_rows: int


@dataclass
class _Rows:
    store_days: list[Row] = field(default_factory=list)
    product_days: list[Row] = field(default_factory=list)
    orders: list[Row] = field(default_factory=list)
    lines: list[Row] = field(default_factory=list)
    payments: list[Row] = field(default_factory=list)
    movements: list[Row] = field(default_factory=list)
    inventory: list[Row] = field(default_factory=list)


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table


def write_sales(
    s: Session, rng: np.random.Generator, ids: DemoIds, history: SalesHistory, window: int, tz_name: str
) -> SeedCounts:
    rows = _Rows()
    n_history = history.n_days - window
    _history_rollups(rng, ids, history, n_history, rows)
    sandbox = SandboxProvider()
    for store_index, store_id in enumerate(ids.store_ids):
        writer = _StoreWindow(rng, ids, store_index, history, ZoneInfo(tz_name), sandbox, rows)
        order_count = writer.run(n_history)
        s.execute(update(_table(Store)).where(_table(Store).c.id == store_id).values(order_seq=order_count))
    for model, batch in (
        (StoreDailySales, rows.store_days),
        (ProductDailySales, rows.product_days),
        (Order, rows.orders),
        (OrderLine, rows.lines),
        (Payment, rows.payments),
        (StockMovement, rows.movements),
        (Inventory, rows.inventory),
    ):
        if batch:
            s.execute(insert(_table(model)), batch)
    return SeedCounts(len(rows.orders), len(rows.lines), len(rows.store_days), len(rows.product_days))


def _history_rollups(
    rng: np.random.Generator, ids: DemoIds, history: SalesHistory, n_days: int, rows: _Rows
) -> None:
    """Rollup rows for the days before the order window: a product row wherever something sold or the
    shelf was empty, a store row wherever anything sold (the statistics zero-fill the rest)."""
    quantities = history.quantities[:, :n_days, :]
    stockout = history.stockout[:, :n_days, :]
    days = [history.day(d) for d in range(n_days)]
    revenue = quantities * ids.prices
    for s, d, p in zip(*np.nonzero((quantities > 0) | stockout), strict=True):
        rows.product_days.append(
            _product_day(ids.store_ids[s], ids.product_ids[p], days[d], quantities[s, d, p], revenue[s, d, p])
        )
        rows.product_days[-1]["stockout"] = bool(stockout[s, d, p])
    items = quantities.sum(axis=2)
    # Orders are not simulated this far back: the count follows the basket size of the real orders.
    orders = np.where(
        items > 0, np.maximum(1, np.rint(items / rng.normal(BASKET_SIZE, 0.06, items.shape))), 0
    )
    store_revenue = revenue.sum(axis=2)
    for s, d in zip(*np.nonzero(items), strict=True):
        rows.store_days.append(
            {
                "store_id": ids.store_ids[s],
                "day": days[d],
                "orders": int(orders[s, d]),
                "items": int(items[s, d]),
                "revenue": int(store_revenue[s, d]),
            }
        )


def _product_day(store_id: int, product_id: int, day: date, quantity: Any, revenue: Any) -> Row:
    return {
        "store_id": store_id,
        "product_id": product_id,
        "day": day,
        "quantity": int(quantity),
        "revenue": int(revenue),
        "stockout": False,
    }


class _StoreWindow:
    """One store's last days: orders from the simulated units, deliveries each morning, the ledger."""

    def __init__(
        self,
        rng: np.random.Generator,
        ids: DemoIds,
        store_index: int,
        history: SalesHistory,
        tz: ZoneInfo,
        sandbox: SandboxProvider,
        rows: _Rows,
    ) -> None:
        self.rng, self.ids, self.history, self.tz, self.sandbox, self.rows = (
            rng,
            ids,
            history,
            tz,
            sandbox,
            rows,
        )
        self.store_id = ids.store_ids[store_index]
        self.devices = ids.device_ids[store_index]
        self.quantities = history.quantities[store_index]
        self.sequence = 0
        # Ids come from the seeded generator too (same seed, same ids); `random` makes them ten times faster.
        self.id_source = random.Random(int(rng.integers(2**63)))
        self.stock = np.zeros(len(ids.product_ids), dtype=np.int64)

    def run(self, first: int) -> int:
        plan = stock_plan(self.quantities[first:])
        opening = datetime.combine(self.history.day(first), time.min, tzinfo=self.tz) - timedelta(minutes=1)
        for p in range(len(self.ids.product_ids)):
            self._move(p, int(plan.par[p]), MovementReason.count, opening, note="기초 재고")
        last_moment = opening
        for d in range(first, self.history.n_days):
            day = self.history.day(d)
            delivery = datetime.combine(day, time(6), tzinfo=self.tz)
            delivered = False
            orders = orders_for_day(self.rng, self.quantities[d], day, self.tz, len(self.devices))
            for order in orders:
                if not delivered and order.created_at >= delivery:
                    self._deliver(plan.refill_below, plan.par, delivery)
                    delivered = True
                self._sell(order)
                last_moment = order.created_at
            if not delivered:
                self._deliver(plan.refill_below, plan.par, delivery)
            self._day_rollups(day, d, orders)
        self._closing_count(plan.reorder_level, last_moment + timedelta(seconds=1))
        for p, product_id in enumerate(self.ids.product_ids):
            self.rows.inventory.append(
                {
                    "store_id": self.store_id,
                    "product_id": product_id,
                    "quantity": int(self.stock[p]),
                    "reorder_level": int(plan.reorder_level[p]),
                    "shelf_location": f"{chr(ord('A') + p // 12)}-{p % 12 + 1:02d}",
                    "version": 1,
                    "updated_at": last_moment.astimezone(UTC),
                }
            )
        return self.sequence

    def _move(
        self,
        p: int,
        delta: int,
        reason: MovementReason,
        at: datetime,
        *,
        note: str = "",
        order_id: uuid.UUID | None = None,
        actor: str | None = None,
    ) -> None:
        self.stock[p] += delta
        if self.stock[p] < 0:
            raise RuntimeError("the demo ledger went negative; stock_plan is wrong")
        self.rows.movements.append(
            {
                "store_id": self.store_id,
                "product_id": self.ids.product_ids[p],
                "delta": delta,
                "quantity_after": int(self.stock[p]),
                "reason": reason.value,
                "order_id": order_id,
                "actor": actor or self.ids.actor,
                "note": note,
                "created_at": at.astimezone(UTC),
            }
        )

    def _deliver(self, refill_below: np.ndarray, par: np.ndarray, at: datetime) -> None:
        for p in np.nonzero(self.stock < refill_below)[0]:
            self._move(int(p), int(par[p] - self.stock[p]), MovementReason.receipt, at, note="정기 입고")

    def _sell(self, order: DemoOrder) -> None:
        self.sequence += 1
        order_id = uuid.UUID(int=self.id_source.getrandbits(128), version=4)
        payment_id = uuid.UUID(int=self.id_source.getrandbits(128), version=4)
        device_id = self.devices[order.kiosk]
        total = sum(int(self.ids.prices[p]) * q for p, q in order.lines.items())
        card = CardData(masked_pan=DEMO_CARDS[self.sequence % len(DEMO_CARDS)], expiry="12/39", scheme="demo")
        result = self.sandbox.authorize(str(payment_id), total, "KRW", card)
        if result.status != PaymentStatus.approved:
            raise RuntimeError(f"the sandbox declined a demo card: {result.decline_code}")
        self.rows.orders.append(
            {
                "id": order_id,
                "number": f"{self.sequence:06d}",
                "store_id": self.store_id,
                "device_id": device_id,
                "status": "paid",
                "total": total,
                "vat": vat_included(total),
                "currency": "KRW",
                "offline": False,
                "created_at": order.created_at,
                "received_at": order.created_at + timedelta(seconds=1),
            }
        )
        paid_at = order.created_at - timedelta(seconds=4)
        self.rows.payments.append(
            {
                "id": payment_id,
                "order_id": order_id,
                "store_id": self.store_id,
                "provider": self.sandbox.name,
                "status": result.status.value,
                "amount": total,
                "currency": "KRW",
                "approval_code": result.approval_code,
                "decline_code": None,
                "message": result.message,
                "masked_pan": card.masked_pan,
                "created_at": paid_at,
                "updated_at": paid_at,
            }
        )
        for p, quantity in sorted(order.lines.items()):
            name_ko, name_en = self.ids.names[p]
            price = int(self.ids.prices[p])
            self.rows.lines.append(
                {
                    "order_id": order_id,
                    "product_id": self.ids.product_ids[p],
                    "sku": self.ids.skus[p],
                    "name_ko": name_ko,
                    "name_en": name_en,
                    "quantity": quantity,
                    "unit_price": price,
                    "line_total": price * quantity,
                    "refunded_quantity": 0,
                }
            )
            self._move(
                p,
                -quantity,
                MovementReason.sale,
                order.created_at,
                order_id=order_id,
                actor=f"device:{device_id}",
            )

    def _day_rollups(self, day: date, d: int, orders: list[DemoOrder]) -> None:
        """The day's rollups: the sums of the orders just written (the units they were cut from)."""
        units = self.quantities[d]
        self.rows.store_days.append(
            {
                "store_id": self.store_id,
                "day": day,
                "orders": len(orders),
                "items": int(units.sum()),
                "revenue": int((units * self.ids.prices).sum()),
            }
        )
        for p in np.nonzero(units)[0]:
            self.rows.product_days.append(
                _product_day(
                    self.store_id, self.ids.product_ids[p], day, units[p], units[p] * self.ids.prices[p]
                )
            )

    def _closing_count(self, reorder_level: np.ndarray, at: datetime) -> None:
        """Last night's shelf count found two lines gone (now out of stock) and two running low, so the
        demo opens with something to reorder; the emptied lines are flagged as stockouts that day."""
        in_stock = np.nonzero(self.stock > reorder_level)[0]
        picks = self.rng.choice(in_stock, size=min(4, len(in_stock)), replace=False)
        day = at.astimezone(self.tz).date()
        for n, p in enumerate(int(x) for x in picks):
            target = 0 if n < 2 else int(reorder_level[p]) - 1
            self._move(p, target - int(self.stock[p]), MovementReason.count, at, note="재고 실사 (파손·분실)")
            if target == 0:
                self._flag_stockout(p, day)

    def _flag_stockout(self, p: int, day: date) -> None:
        product_id = self.ids.product_ids[p]
        for row in self._rows_for(product_id, day):
            row["stockout"] = True
            return
        self.rows.product_days.append(_product_day(self.store_id, product_id, day, 0, 0) | {"stockout": True})

    def _rows_for(self, product_id: int, day: date) -> Iterator[Row]:
        for row in reversed(self.rows.product_days):
            if row["day"] != day:
                return
            if row["store_id"] == self.store_id and row["product_id"] == product_id:
                yield row
