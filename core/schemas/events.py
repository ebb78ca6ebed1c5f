"""Events: every order, stock change, alert, device and config change, as streamed over SSE."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from core.schemas.common import WireModel


class EventType(StrEnum):
    order_created = "order.created"
    order_refunded = "order.refunded"
    stock_changed = "stock.changed"
    stock_low = "stock.low"
    product_changed = "product.changed"
    product_deleted = "product.deleted"
    alert_created = "alert.created"
    alert_updated = "alert.updated"
    device_activated = "device.activated"
    device_revoked = "device.revoked"
    device_heartbeat = "device.heartbeat"
    config_changed = "config.changed"
    call_requested = "call.requested"


class EventOut(WireModel):
    id: int
    type: str
    store_id: int | None
    brand_id: int | None
    created_at: datetime
    data: dict[str, Any]
