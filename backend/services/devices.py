"""Devices after activation: listing, revoking, remote configuration and heartbeats."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db.models import Device, Store
from backend.errors import conflict, not_found
from backend.events import emit
from backend.services.auth import revoke_device_tokens
from core.schemas.devices import (
    DeviceConfigOut,
    DeviceConfigUpdate,
    DeviceKind,
    DeviceOut,
    Heartbeat,
    KioskConfig,
)
from core.timeutil import ensure_utc

log = logging.getLogger("autostore.backend.devices")

# A kiosk beats every few seconds; the event log gets at most one heartbeat event per device per interval.
HEARTBEAT_EVENT_INTERVAL = timedelta(seconds=60)
_HEARTBEAT_EVENT_AT = "_heartbeat_event_at"  # our bookkeeping inside Device.health, never sent out


def get_device(session: Session, device_id: str, *, for_update: bool = False) -> Device:
    device = session.get(Device, device_id, with_for_update=for_update)
    if device is None:
        raise not_found("device")
    return device


def device_out(device: Device, now: datetime, online_window_s: int) -> DeviceOut:
    last_seen = ensure_utc(device.last_seen_at) if device.last_seen_at else None
    online = (
        device.revoked_at is None
        and last_seen is not None
        and now - last_seen <= timedelta(seconds=online_window_s)
    )
    return DeviceOut(
        id=device.id,
        store_id=device.store_id,
        kind=DeviceKind(device.kind),
        name=device.name,
        created_at=device.created_at,
        last_seen_at=last_seen,
        app_version=device.app_version,
        revoked_at=device.revoked_at,
        online=online,
        health={k: v for k, v in (device.health or {}).items() if k != _HEARTBEAT_EVENT_AT},
    )


def list_devices(session: Session, store_id: int, now: datetime, online_window_s: int) -> list[DeviceOut]:
    rows = session.scalars(
        select(Device).where(Device.store_id == store_id).order_by(Device.created_at, Device.id)
    )
    return [device_out(d, now, online_window_s) for d in rows]


def revoke_device(session: Session, device: Device, now: datetime) -> None:
    """Revoke at once: deps refuses the device's access tokens from the next request, and its refresh
    tokens are revoked here so it cannot mint new ones. Revoking twice changes nothing."""
    if device.revoked_at is not None:
        return
    device.revoked_at = now
    revoke_device_tokens(session, device.id, now)
    emit(
        session,
        "device.revoked",
        store_id=device.store_id,
        brand_id=_brand_of(session, device),
        data={"device_id": device.id},
    )
    log.info("device %s revoked", device.id)


def effective_config(store: Store, device: Device) -> KioskConfig:
    """Defaults, overlaid by the store's kiosk settings, overlaid by this device's own settings.

    Keys the schema no longer knows are dropped, and a stored value that no longer validates falls back to
    the default, so an old row never keeps a kiosk from starting."""
    merged: dict[str, Any] = {}
    for layer in (store.kiosk_config or {}, device.config or {}):
        merged.update({k: v for k, v in layer.items() if k in KioskConfig.model_fields})
    try:
        return KioskConfig.model_validate(merged)
    except ValidationError as exc:
        bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
        log.warning("device %s: ignoring invalid stored config keys %s", device.id, sorted(bad))
        return KioskConfig.model_validate({k: v for k, v in merged.items() if k not in bad})


def config_out(session: Session, device: Device) -> DeviceConfigOut:
    store = session.get_one(Store, device.store_id)
    return DeviceConfigOut(
        device_id=device.id, config=effective_config(store, device), version=device.config_version
    )


def update_config(session: Session, device: Device, body: DeviceConfigUpdate, actor: str) -> DeviceConfigOut:
    """Replace the device's settings; `expected_version` guards against overwriting someone else's edit."""
    if body.expected_version is not None and body.expected_version != device.config_version:
        raise conflict(
            "version_conflict",
            "Someone else changed this device's settings meanwhile. Reload them and try again.",
            [{"field": "expected_version", "message": f"current version is {device.config_version}"}],
        )
    device.config = body.config.model_dump(mode="json")
    device.config_version += 1
    emit(
        session,
        "config.changed",
        store_id=device.store_id,
        brand_id=_brand_of(session, device),
        data={"device_id": device.id, "version": device.config_version, "by": actor},
    )
    session.flush()
    return config_out(session, device)


def record_heartbeat(session: Session, device: Device, beat: Heartbeat, now: datetime) -> bool:
    """Mark the device seen; True when this beat also went into the event log (at most once a minute)."""
    previous = (device.health or {}).get(_HEARTBEAT_EVENT_AT)
    previous_at = ensure_utc(datetime.fromisoformat(previous)) if isinstance(previous, str) else None
    emit_now = previous_at is None or now - previous_at >= HEARTBEAT_EVENT_INTERVAL
    device.last_seen_at = now
    if beat.app_version:
        device.app_version = beat.app_version
    health = {**beat.health, "outbox_pending": beat.outbox_pending}
    health[_HEARTBEAT_EVENT_AT] = now.isoformat() if emit_now else previous
    device.health = health
    if emit_now:
        emit(
            session,
            "device.heartbeat",
            store_id=device.store_id,
            brand_id=_brand_of(session, device),
            data={
                "device_id": device.id,
                "app_version": device.app_version,
                "outbox_pending": beat.outbox_pending,
            },
        )
    return emit_now


def _brand_of(session: Session, device: Device) -> int | None:
    return session.scalar(select(Store.brand_id).where(Store.id == device.store_id))
