"""SQLAlchemy models. Money is integer minor units; every timestamp is UTC."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from core.timeutil import utcnow


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class Brand(Base):
    __tablename__ = "brands"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Store(Base):
    __tablename__ = "stores"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brands.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Seoul")
    currency: Mapped[str] = mapped_column(String(3), default="KRW")
    address: Mapped[str] = mapped_column(String(300), default="")
    kiosk_config: Mapped[dict[str, Any]] = mapped_column(default=dict)
    order_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped in the same transaction as any change to what this store's catalogue shows (products,
    # categories, its stock), so every backend process can tell whether its prepared copy is current.
    catalogue_rev: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))  # owner | staff | support
    brand_id: Mapped[int | None] = mapped_column(ForeignKey("brands.id"), index=True)
    store_id: Mapped[int | None] = mapped_column(ForeignKey("stores.id"))  # staff: their one store
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SupportAssignment(Base):
    __tablename__ = "support_assignments"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True)


class Device(Base):
    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=lambda: str(uuid.uuid4()))
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # kiosk | vision
    name: Mapped[str] = mapped_column(String(80), default="")
    app_version: Mapped[str] = mapped_column(String(40), default="")
    config: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    config_version: Mapped[int] = mapped_column(Integer, default=1)
    health: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)


class RefreshToken(Base):
    """Rotating refresh tokens, stored as SHA-256 hashes; a family shares one login or activation."""

    __tablename__ = "refresh_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    rotated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    # SHA-256 of the retry key sent with this token's rotation: the same key lets the holder repeat a
    # rotation whose answer was lost (see backend.services.auth.refresh).
    retry_key_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ActivationCode(Base):
    __tablename__ = "activation_codes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="kiosk")
    name: Mapped[str] = mapped_column(String(80), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class ActivationThrottle(Base):
    """Failed activation attempts per client address, for the lockout."""

    __tablename__ = "activation_throttle"
    client_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(nullable=True)


class Category(Base):
    __tablename__ = "categories"
    __table_args__ = (UniqueConstraint("brand_id", "code"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brands.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name_ko: Mapped[str] = mapped_column(String(80))
    name_en: Mapped[str] = mapped_column(String(80))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (
        UniqueConstraint("brand_id", "sku"),
        Index("ix_products_brand_barcode", "brand_id", "barcode"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brands.id"), index=True)
    sku: Mapped[str] = mapped_column(String(40))
    barcode: Mapped[str | None] = mapped_column(String(32), nullable=True)
    name_ko: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"), nullable=True)
    price: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="KRW")
    image_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    age_restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)  # soft delete: orders keep their lines
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Inventory(Base):
    __tablename__ = "inventory"
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    reorder_level: Mapped[int] = mapped_column(Integer, default=0)
    shelf_location: Mapped[str] = mapped_column(String(40), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class StockMovement(Base):
    """The ledger: every change of a quantity, with why and who."""

    __tablename__ = "stock_movements"
    __table_args__ = (Index("ix_movements_store_product", "store_id", "product_id", "id"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    delta: Mapped[int] = mapped_column(Integer)
    quantity_after: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(16))
    order_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    actor: Mapped[str] = mapped_column(String(80), default="")
    note: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_store_created", "store_id", "created_at"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    number: Mapped[str] = mapped_column(String(20))
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    status: Mapped[str] = mapped_column(String(24))
    total: Mapped[int] = mapped_column(BigInteger)
    vat: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    offline: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    order_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(40))
    name_ko: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(BigInteger)
    line_total: Mapped[int] = mapped_column(BigInteger)
    refunded_quantity: Mapped[int] = mapped_column(Integer, default=0)
    order: Mapped[Order] = relationship(back_populates="lines")


class Payment(Base):
    __tablename__ = "payments"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    order_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    provider: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    approval_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    decline_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    message: Mapped[str] = mapped_column(String(200), default="")
    masked_pan: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class StoreDailySales(Base):
    """Rollup per store and local calendar day, updated in the order's transaction."""

    __tablename__ = "store_daily_sales"
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    orders: Mapped[int] = mapped_column(Integer, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    revenue: Mapped[int] = mapped_column(BigInteger, default=0)


class ProductDailySales(Base):
    """Rollup per store x product x local day; `stockout` marks days the shelf ran empty (for forecasting)."""

    __tablename__ = "product_daily_sales"
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    revenue: Mapped[int] = mapped_column(BigInteger, default=0)
    stockout: Mapped[bool] = mapped_column(Boolean, default=False)


class Event(Base):
    """The event log every SSE stream replays from; ids are the SSE ids."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_store_id", "store_id", "id"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    brand_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    store_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditNote(Base):
    """Free-text notes kept with their author, e.g. on refunds."""

    __tablename__ = "audit_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(String(80), index=True)
    actor: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Alert(Base):
    """A CCTV alert from a vision worker. The id is the worker's own, so a replayed upload is found, not
    doubled. Media file names are ours (never the client's) and relative to the clips directory."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_store_started", "store_id", "started_at"),
        Index("ix_alerts_store_status", "store_id", "status"),
        Index("ix_alerts_received", "received_at"),
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"))
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    camera_id: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(16))
    score: Mapped[float]
    severity: Mapped[str] = mapped_column(String(16))
    detector: Mapped[str] = mapped_column(String(40), default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="new")  # an AlertStatus value
    status_changed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    status_changed_by: Mapped[str | None] = mapped_column(String(80), nullable=True)
    snapshot_file: Mapped[str | None] = mapped_column(String(120), nullable=True)
    clip_file: Mapped[str | None] = mapped_column(String(120), nullable=True)
    media_purged_at: Mapped[datetime | None] = mapped_column(nullable=True)


class AlertHistory(Base):
    """Each review step on an alert: status changes and notes with who and when. Kept after the media is
    purged: false alarms and their notes are the feedback for retraining."""

    __tablename__ = "alert_history"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    alert_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str] = mapped_column(String(80))
    actor_name: Mapped[str] = mapped_column(String(120))
    from_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    to_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Camera(Base):
    """The cameras a vision device last reported: health, frame rate, and what each can and cannot watch."""

    __tablename__ = "cameras"
    __table_args__ = (UniqueConstraint("device_id", "camera_id", name="uq_cameras_device_camera"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), index=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    camera_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(80), default="")
    health: Mapped[str] = mapped_column(String(16))
    fps: Mapped[float] = mapped_column(default=0.0)
    monitored: Mapped[list[str]] = mapped_column(JSON, default=list)
    not_monitored: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    message: Mapped[str] = mapped_column(String(300), default="")
    reported_at: Mapped[datetime] = mapped_column(default=utcnow)


class ProductSupply(Base):
    """Supplier terms for ordering a product; the brand's row with product_id NULL is its default."""

    __tablename__ = "product_supply"
    __table_args__ = (UniqueConstraint("brand_id", "product_id", name="uq_product_supply_brand_product"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brands.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"), nullable=True)
    supplier_name: Mapped[str] = mapped_column(String(120), default="")
    lead_time_days: Mapped[int] = mapped_column(Integer, default=2)
    review_period_days: Mapped[int] = mapped_column(Integer, default=7)
    pack_size: Mapped[int] = mapped_column(Integer, default=1)
    min_order_qty: Mapped[int] = mapped_column(Integer, default=0)
    service_level: Mapped[float] = mapped_column(default=0.95)
    unit_cost: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # minor units; None: the price
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class DemandForecast(Base):
    """The latest daily demand forecast per store x product (lists indexed by day from origin_day + 1)."""

    __tablename__ = "demand_forecasts"
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    generated_at: Mapped[datetime] = mapped_column(default=utcnow)
    origin_day: Mapped[date] = mapped_column(Date)  # the last day of sales the forecast read
    horizon: Mapped[int] = mapped_column(Integer)
    model: Mapped[str] = mapped_column(String(32))
    mean: Mapped[list[float]] = mapped_column(JSON)
    p10: Mapped[list[float]] = mapped_column(JSON)
    p90: Mapped[list[float]] = mapped_column(JSON)
    p025: Mapped[list[float]] = mapped_column(JSON)
    p975: Mapped[list[float]] = mapped_column(JSON)
    backtest_mase: Mapped[float | None] = mapped_column(nullable=True)
    backtest_wape: Mapped[float | None] = mapped_column(nullable=True)
    backtest_bias: Mapped[float | None] = mapped_column(nullable=True)


class ReorderSuggestion(Base):
    """The latest replenishment suggestion per store x product, with the terms it was computed from."""

    __tablename__ = "reorder_suggestions"
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), primary_key=True)
    generated_at: Mapped[datetime] = mapped_column(default=utcnow)
    on_hand: Mapped[int] = mapped_column(Integer)
    safety_stock: Mapped[float]
    reorder_point: Mapped[float]
    order_up_to: Mapped[float]
    suggested_qty: Mapped[int] = mapped_column(Integer)
    reorder_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    abc_class: Mapped[str] = mapped_column(String(1))
    xyz_class: Mapped[str] = mapped_column(String(1))
    supplier_name: Mapped[str] = mapped_column(String(120), default="")
    lead_time_days: Mapped[int] = mapped_column(Integer)
    review_period_days: Mapped[int] = mapped_column(Integer)
    pack_size: Mapped[int] = mapped_column(Integer)
    min_order_qty: Mapped[int] = mapped_column(Integer)
    service_level: Mapped[float]
    unit_cost: Mapped[int] = mapped_column(BigInteger)
