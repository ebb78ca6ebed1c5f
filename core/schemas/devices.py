"""Devices (kiosks and vision workers), one-time activation codes and the bootstrap bundle."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field

from core.schemas.catalogue import StoreCatalogue
from core.schemas.common import Money, WireModel
from core.schemas.stores import StoreOut


class DeviceKind(StrEnum):
    kiosk = "kiosk"
    vision = "vision"


class ActivationCodeCreate(WireModel):
    kind: DeviceKind = DeviceKind.kiosk
    name: str = Field(default="", max_length=80, description="Label for the device, e.g. 'Entrance kiosk'")


class ActivationCodeOut(WireModel):
    """Shown once: only a hash of the code is stored."""

    code: str = Field(description="8 characters from an unambiguous alphabet")
    store_id: int
    kind: DeviceKind
    expires_at: datetime


class ActivateRequest(WireModel):
    code: str = Field(min_length=1, max_length=32)
    device_name: str = Field(default="", max_length=80)
    app_version: str = Field(default="", max_length=40)


class KioskConfig(WireModel):
    """Settings support staff change remotely; unknown keys are rejected."""

    language: str = Field(default="ko", pattern=r"^(ko|en)$")
    wake_distance_cm: float = Field(default=80.0, gt=0, le=400)
    wake_consecutive_readings: int = Field(default=3, ge=1, le=50)
    idle_timeout_s: int = Field(default=60, ge=10, le=3600)
    idle_countdown_s: int = Field(default=15, ge=3, le=120)
    receipt_timeout_s: int = Field(default=15, ge=3, le=300)
    offline_floor_limit: Money = Field(default=0, description="Largest card sale accepted offline (0: none)")
    vat_rate_bp: int = Field(default=1000, ge=0, le=10000, description="VAT in basis points (10% in Korea)")
    face_analysis_enabled: bool = False
    promotions: list[str] = Field(default_factory=list, max_length=20)


class DeviceOut(WireModel):
    id: str
    store_id: int
    kind: DeviceKind
    name: str
    created_at: datetime
    last_seen_at: datetime | None
    app_version: str
    revoked_at: datetime | None
    online: bool
    health: dict[str, Any] = Field(default_factory=dict, description="As last reported by the device")


class ActivateResponse(WireModel):
    """Everything a new kiosk needs to go live with no further call."""

    device_id: str
    refresh_token: str
    access_token: str
    expires_in: int
    store: StoreOut
    catalogue: StoreCatalogue
    config: KioskConfig
    last_event_id: int = Field(description="Resume the event stream from here")


class DeviceConfigOut(WireModel):
    device_id: str
    config: KioskConfig
    version: int


class DeviceConfigUpdate(WireModel):
    config: KioskConfig
    expected_version: int | None = None


class Heartbeat(WireModel):
    app_version: str = Field(default="", max_length=40)
    outbox_pending: int = Field(default=0, ge=0)
    health: dict[str, Any] = Field(default_factory=dict)
