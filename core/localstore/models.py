"""Tables of the kiosk's local SQLite file: meta (device, store, config, stream position), the catalogue
snapshot, and the outbox of sales not yet confirmed by the backend."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text, TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from core.timeutil import ensure_utc

SCHEMA_VERSION = 1


class UtcDateTime(TypeDecorator[datetime]):
    """Stored naive (SQLite has no zones), always UTC; read back zone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return ensure_utc(value).replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return ensure_utc(value) if value is not None else None


class LocalBase(DeclarativeBase):
    pass


class MetaEntry(LocalBase):
    """Small key/value facts: device_id, store (JSON), config (JSON), last_event_id, snapshot_at."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LocalCategory(LocalBase):
    __tablename__ = "categories"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    code: Mapped[str] = mapped_column(String(40))
    name_ko: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class LocalItem(LocalBase):
    """A product as this store sells it; `quantity` is the backend's figure less sales not yet delivered."""

    __tablename__ = "items"
    product_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sku: Mapped[str] = mapped_column(String(40))
    barcode: Mapped[str | None] = mapped_column(String(32), index=True)
    name_ko: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    category_id: Mapped[int | None] = mapped_column(Integer, index=True)
    price: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    image_url: Mapped[str | None] = mapped_column(String(500))
    age_restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)


class OutboxState(StrEnum):
    pending = "pending"
    delivered = "delivered"
    failed = "failed"  # refused for good (e.g. validation): kept for staff, never deleted


class OutboxRow(LocalBase):
    __tablename__ = "outbox"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the order's client UUID
    kind: Mapped[str] = mapped_column(String(24))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(12), default=OutboxState.pending.value)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (Index("ix_outbox_due", "state", "next_attempt_at", "created_at"),)
