"""CCTV alerts from vision workers, their review by people, and the cameras each worker watches."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import Field, model_validator

from core.schemas.common import WireModel

CAMERA_ID_PATTERN = r"^[A-Za-z0-9_.-]{1,64}$"  # the worker's camera names; never used in a path


class AlertType(StrEnum):
    theft = "theft"
    damage = "damage"
    fall = "fall"
    fire = "fire"
    smoke = "smoke"
    smoking = "smoking"
    loitering = "loitering"
    intrusion = "intrusion"


class AlertSeverity(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class AlertStatus(StrEnum):
    new = "new"
    acknowledged = "acknowledged"
    resolved = "resolved"
    false_alarm = "false_alarm"


class AlertCreate(WireModel):
    """The `alert` part of the multipart upload. `id` is the worker's own UUID: a replay after a lost reply
    returns the alert already stored, never a second one."""

    id: UUID
    store_id: int
    camera_id: str = Field(pattern=CAMERA_ID_PATTERN)
    type: AlertType
    score: float = Field(ge=0.0, le=1.0, description="The detector's confidence")
    severity: AlertSeverity = AlertSeverity.medium
    started_at: datetime = Field(description="When the event began (UTC)")
    ended_at: datetime | None = None
    detector: str = Field(default="", max_length=40, description="Which detector raised it, e.g. 'fall'")
    details: dict[str, Any] = Field(default_factory=dict, description="Small detector-specific facts")

    @model_validator(mode="after")
    def _end_after_start(self) -> AlertCreate:
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("ended_at is before started_at")
        if len(str(self.details)) > 4000:
            raise ValueError("details is too large (4000 characters at most)")
        return self


class AlertUpdate(WireModel):
    """A review step: a new status, a note, or both. `new` cannot be set again: a reviewed alert stays
    reviewed, and a false alarm stays one (it is feedback for retraining)."""

    status: AlertStatus | None = None
    note: str | None = Field(default=None, min_length=1, max_length=2000)

    @model_validator(mode="after")
    def _something_to_do(self) -> AlertUpdate:
        if self.status is None and self.note is None:
            raise ValueError("give a status, a note or both")
        if self.status == AlertStatus.new:
            raise ValueError("an alert cannot be set back to new")
        return self


class AlertHistoryEntry(WireModel):
    """Who changed the status or wrote a note, and when."""

    at: datetime
    actor: str = Field(description="user:ID or device:ID")
    actor_name: str
    from_status: AlertStatus | None
    to_status: AlertStatus | None
    note: str | None


class AlertOut(WireModel):
    id: UUID
    store_id: int
    device_id: str | None
    camera_id: str
    camera_name: str | None = None
    type: AlertType
    score: float
    severity: AlertSeverity
    detector: str
    details: dict[str, Any]
    started_at: datetime
    ended_at: datetime | None
    received_at: datetime
    status: AlertStatus
    status_changed_at: datetime | None
    status_changed_by: str | None
    snapshot_url: str | None = Field(description="Absent when none was sent or it has been purged")
    clip_url: str | None = Field(description="Supports HTTP Range requests, so a player can scrub")
    media_purged_at: datetime | None = Field(description="When the retention period removed the media")
    history: list[AlertHistoryEntry] = Field(default_factory=list)


class CameraHealth(StrEnum):
    ok = "ok"
    degraded = "degraded"
    reconnecting = "reconnecting"
    offline = "offline"


class NotMonitored(WireModel):
    """A kind of alert this camera cannot raise right now, and why, in words an owner understands."""

    type: AlertType
    reason: str = Field(min_length=1, max_length=300)


class CameraReport(WireModel):
    id: str = Field(pattern=CAMERA_ID_PATTERN)
    name: str = Field(default="", max_length=80)
    health: CameraHealth
    fps: float = Field(default=0.0, ge=0.0, le=1000.0)
    monitored: list[AlertType] = Field(default_factory=list)
    not_monitored: list[NotMonitored] = Field(default_factory=list)
    message: str = Field(default="", max_length=300, description="Last error, e.g. 'RTSP timeout'")


class CamerasReport(WireModel):
    """Everything one vision device watches; cameras it no longer reports are dropped from the registry."""

    cameras: list[CameraReport] = Field(max_length=64)

    @model_validator(mode="after")
    def _unique_ids(self) -> CamerasReport:
        ids = [camera.id for camera in self.cameras]
        if len(ids) != len(set(ids)):
            raise ValueError("camera ids must be unique")
        return self


class CameraOut(WireModel):
    store_id: int
    device_id: str
    id: str
    name: str
    health: CameraHealth
    fps: float
    monitored: list[AlertType]
    not_monitored: list[NotMonitored]
    message: str
    reported_at: datetime
    stale: bool = Field(description="No report within the device-online window: the health shown may be old")
