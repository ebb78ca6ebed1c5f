"""Events: every order, stock change, alert, device and config change, as streamed over SSE."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

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
    camera_changed = "camera.changed"
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


class LatestEventId(WireModel):
    """The newest event id in the caller's scope (0 when none): a starting point for a stream or a poll."""

    last_id: int


class EventPage(WireModel):
    """A page of events for clients that cannot stream; ask again with `after=last_id`."""

    events: list[EventOut]
    last_id: int = Field(description="The cursor to pass as `after` next time (may pass events not shown)")
    more: bool = Field(description="True when more events are ready now")
