"""The camera registry: what each vision device watches, how each camera is doing, and which alert types
it cannot raise (and why), as the device last reported.

A device reports its whole list each time; cameras it no longer lists are dropped. An event goes out only
when something an owner would notice changed (a camera added or removed, its health, what it monitors), so
a worker reporting every minute does not flood the event log.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db.models import Camera, Device, Store
from backend.events import emit
from core.schemas.alerts import AlertType, CameraHealth, CameraOut, CamerasReport, NotMonitored
from core.timeutil import ensure_utc


def _visible_state(camera: Camera) -> tuple[Any, ...]:
    return (camera.name, camera.health, sorted(camera.monitored), camera.not_monitored)


def report_cameras(session: Session, device: Device, report: CamerasReport, now: datetime) -> bool:
    """Replace the device's cameras with `report`; True when an event was emitted."""
    existing = {c.camera_id: c for c in session.scalars(select(Camera).where(Camera.device_id == device.id))}
    changed = False
    for cam in report.cameras:
        row = existing.pop(cam.id, None)
        old_state = _visible_state(row) if row is not None else None
        if row is None:
            row = Camera(store_id=device.store_id, device_id=device.id, camera_id=cam.id)
            session.add(row)
        row.store_id = device.store_id
        row.name = cam.name
        row.health = cam.health.value
        row.fps = cam.fps
        row.monitored = [t.value for t in cam.monitored]
        row.not_monitored = [n.model_dump(mode="json") for n in cam.not_monitored]
        row.message = cam.message
        row.reported_at = now
        changed = changed or old_state != _visible_state(row)
    removed = sorted(existing)
    for row in existing.values():
        session.delete(row)
    changed = changed or bool(removed)
    if changed:
        emit(
            session,
            "camera.changed",
            store_id=device.store_id,
            brand_id=session.scalar(select(Store.brand_id).where(Store.id == device.store_id)),
            data={
                "device_id": device.id,
                "cameras": [{"id": c.id, "health": c.health.value} for c in report.cameras],
                "removed": removed,
            },
        )
    session.flush()
    return changed


def camera_out(camera: Camera, now: datetime, online_window_s: int) -> CameraOut:
    reported = ensure_utc(camera.reported_at)
    return CameraOut(
        store_id=camera.store_id,
        device_id=camera.device_id,
        id=camera.camera_id,
        name=camera.name,
        health=CameraHealth(camera.health),
        fps=camera.fps,
        monitored=[AlertType(t) for t in camera.monitored],
        not_monitored=[NotMonitored.model_validate(n) for n in camera.not_monitored],
        message=camera.message,
        reported_at=reported,
        stale=now - reported > timedelta(seconds=online_window_s),
    )


def list_cameras(session: Session, store_id: int, now: datetime, online_window_s: int) -> list[CameraOut]:
    rows = session.scalars(
        select(Camera)
        .join(Device, Device.id == Camera.device_id)
        .where(Camera.store_id == store_id, Device.revoked_at.is_(None))
        .order_by(Camera.device_id, Camera.camera_id)
    )
    return [camera_out(c, now, online_window_s) for c in rows]
