"""What the dashboard shows for one store, fetched in one worker call (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from core.client.api import ApiClient
from core.client.errors import ForbiddenError, NotFoundError
from core.schemas.alerts import AlertOut, AlertStatus
from core.schemas.devices import DeviceKind, DeviceOut
from core.schemas.inventory import InventoryOut
from core.schemas.stats import Granularity, SalesBucket
from core.schemas.stores import StoreOut
from core.timeutil import local_date, utcnow
from owner_app.remote import store_alerts

TREND_DAYS = 7
LIST_LIMIT = 8


@dataclass(frozen=True)
class DashboardData:
    store: StoreOut
    today: date
    days: list[SalesBucket]  # TREND_DAYS buckets ending today, zero-filled
    alerts: list[AlertOut] = field(default_factory=list)
    alerts_total: int = 0
    low_stock: list[InventoryOut] = field(default_factory=list)
    low_total: int = 0
    zero_total: int = 0
    kiosks: list[DeviceOut] = field(default_factory=list)

    @property
    def today_bucket(self) -> SalesBucket:
        return self.days[-1]

    @property
    def yesterday_bucket(self) -> SalesBucket:
        return self.days[-2]

    @property
    def kiosks_online(self) -> int:
        return sum(1 for d in self.kiosks if d.online)

    def with_order(self, total: int) -> DashboardData:
        """The figures after one more paid order today, before the next reload confirms them."""
        today = self.days[-1]
        bumped = today.model_copy(update={"orders": today.orders + 1, "revenue": today.revenue + total})
        return replace(self, days=[*self.days[:-1], bumped])


def zero_filled(buckets: list[SalesBucket], first: date, days: int) -> list[SalesBucket]:
    by_day = {b.period_start: b for b in buckets}
    out = []
    for i in range(days):
        day = first + timedelta(days=i)
        out.append(by_day.get(day) or SalesBucket(period_start=day, orders=0, items=0, revenue=0))
    return out


def load_dashboard(client: ApiClient, store: StoreOut) -> DashboardData:
    today = local_date(utcnow(), store.timezone)
    first = today - timedelta(days=TREND_DAYS - 1)
    series = client.sales(store.id, Granularity.day, start=first, end=today)
    data = DashboardData(store, today, zero_filled(series.buckets, first, TREND_DAYS))
    try:
        alerts = store_alerts(client, store.id, AlertStatus.new, limit=LIST_LIMIT)
        data = replace(data, alerts=alerts.items, alerts_total=alerts.total)
    except (ForbiddenError, NotFoundError):
        pass  # a backend without alerts, or a role that may not review them: the card says "none"
    low = client.inventory(store.id, low=True, limit=200)
    zero = client.inventory(store.id, zero=True, limit=1)
    ordered = sorted(low.items, key=lambda r: (r.quantity > 0, r.quantity - r.reorder_level, r.sku))
    devices = [d for d in client.devices(store.id) if d.kind == DeviceKind.kiosk and d.revoked_at is None]
    devices.sort(key=lambda d: (not d.online, d.name))
    return replace(
        data,
        low_stock=ordered[:LIST_LIMIT],
        low_total=low.total,
        zero_total=zero.total,
        kiosks=devices,
    )
