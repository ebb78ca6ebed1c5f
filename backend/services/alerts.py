"""CCTV alerts: stored once per worker-made UUID with their media, listed, and reviewed by people.

Every review step (status change or note) is kept in `alert_history` with who and when. False alarms stay
false alarms with their notes after the retention period removes the media: they are the feedback a model
is retrained on.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.db.models import Alert, AlertHistory, Camera, Store
from backend.db.session import Database
from backend.errors import conflict
from backend.events import emit
from backend.services.alert_media import CLIP, SNAPSHOT, MediaUpload, delete_media, save_media
from backend.settings import BackendSettings
from core.schemas.alerts import (
    AlertCreate,
    AlertHistoryEntry,
    AlertOut,
    AlertSeverity,
    AlertStatus,
    AlertType,
    AlertUpdate,
)
from core.schemas.common import Page
from core.timeutil import ensure_utc, utcnow

log = logging.getLogger("autostore.backend.alerts")
API_PREFIX = "/api/v1"


@dataclass(frozen=True)
class CreatedAlert:
    alert: AlertOut
    created: bool  # False: a replay of an alert already stored
    media_added: bool = False  # a replay that brought the clip (or snapshot) the alert was waiting for


@dataclass(frozen=True)
class AlertFilter:
    types: tuple[AlertType, ...] = ()
    camera_id: str | None = None
    status: AlertStatus | None = None
    since: datetime | None = None
    until: datetime | None = None


def _utc(moment: datetime | None) -> datetime | None:
    return ensure_utc(moment) if moment is not None else None


def alert_out(alert: Alert, history: Iterable[AlertHistory] = (), camera_name: str | None = None) -> AlertOut:
    base = f"{API_PREFIX}/alerts/{alert.id}"
    return AlertOut(
        id=alert.id,
        store_id=alert.store_id,
        device_id=alert.device_id,
        camera_id=alert.camera_id,
        camera_name=camera_name,
        type=AlertType(alert.type),
        score=alert.score,
        severity=AlertSeverity(alert.severity),
        detector=alert.detector,
        details=alert.details or {},
        started_at=ensure_utc(alert.started_at),
        ended_at=_utc(alert.ended_at),
        received_at=ensure_utc(alert.received_at),
        status=AlertStatus(alert.status),
        status_changed_at=_utc(alert.status_changed_at),
        status_changed_by=alert.status_changed_by,
        snapshot_url=f"{base}/snapshot" if alert.snapshot_file else None,
        clip_url=f"{base}/clip" if alert.clip_file else None,
        media_purged_at=_utc(alert.media_purged_at),
        history=[
            AlertHistoryEntry(
                at=ensure_utc(h.created_at),
                actor=h.actor,
                actor_name=h.actor_name,
                from_status=AlertStatus(h.from_status) if h.from_status else None,
                to_status=AlertStatus(h.to_status) if h.to_status else None,
                note=h.note,
            )
            for h in history
        ],
    )


def _views(session: Session, alerts: list[Alert]) -> list[AlertOut]:
    """Alerts with their history and camera names, in two queries for the whole page."""
    if not alerts:
        return []
    ids = [a.id for a in alerts]
    history: dict[uuid.UUID, list[AlertHistory]] = {i: [] for i in ids}
    rows = session.scalars(
        select(AlertHistory).where(AlertHistory.alert_id.in_(ids)).order_by(AlertHistory.id)
    )
    for row in rows:
        history[row.alert_id].append(row)
    store_ids = {a.store_id for a in alerts}
    names = {
        (c.device_id, c.camera_id): c.name
        for c in session.scalars(select(Camera).where(Camera.store_id.in_(sorted(store_ids))))
    }
    return [alert_out(a, history[a.id], names.get((a.device_id or "", a.camera_id))) for a in alerts]


def load_alert(session: Session, alert_id: uuid.UUID) -> AlertOut | None:
    alert = session.get(Alert, alert_id)
    return _views(session, [alert])[0] if alert is not None else None


def _brand_of(session: Session, store_id: int) -> int | None:
    return session.scalar(select(Store.brand_id).where(Store.id == store_id))


def create_alert(
    db: Database,
    settings: BackendSettings,
    body: AlertCreate,
    *,
    device_id: str,
    snapshot: MediaUpload | None,
    clip: MediaUpload | None,
) -> CreatedAlert:
    """Store an alert and its media. The caller has checked that `device_id` is a vision device of
    `body.store_id`. A replay returns the original; it keeps only media the alert did not have yet (the
    worker sends the alert with its snapshot at once, for a prompt notification, and the clip when the
    post-roll is recorded, under the same id)."""
    with db.read() as s:
        known = load_alert(s, body.id)
    if known is not None:
        _replay(known, body)
        return _attach_missing_media(db, settings, body, snapshot=snapshot, clip=clip)
    root = settings.effective_clips_dir
    saved: list[str] = []
    try:
        snapshot_file: str | None = None
        clip_file: str | None = None
        if snapshot is not None:
            snapshot_file = save_media(
                root, body.store_id, body.id, SNAPSHOT, snapshot, settings.alert_snapshot_max_bytes
            )
            saved.append(snapshot_file)
        if clip is not None:
            clip_file = save_media(root, body.store_id, body.id, CLIP, clip, settings.alert_clip_max_bytes)
            saved.append(clip_file)
        with db.write() as s:
            if s.get(Alert, body.id) is None:
                alert = _insert(s, body, device_id, snapshot_file, clip_file)
                out = _views(s, [alert])[0]
                s.commit()
                log.info("alert %s (%s) from camera %s stored", body.id, body.type, body.camera_id)
                return CreatedAlert(out, created=True)
    except IntegrityError:
        pass  # PostgreSQL: a concurrent replay stored the same alert id first
    except BaseException:
        delete_media(root, *saved)
        raise
    delete_media(root, *saved)
    with db.read() as s:
        known = load_alert(s, body.id)
    if known is None:
        raise RuntimeError(f"alert {body.id} neither written nor found")
    _replay(known, body)
    return _attach_missing_media(db, settings, body, snapshot=snapshot, clip=clip)


def _replay(known: AlertOut, body: AlertCreate) -> None:
    if known.store_id != body.store_id:
        raise conflict("alert_id_taken", "This alert id is already used. Send each alert with a new UUID.")


def _attach_missing_media(
    db: Database,
    settings: BackendSettings,
    body: AlertCreate,
    *,
    snapshot: MediaUpload | None,
    clip: MediaUpload | None,
) -> CreatedAlert:
    """Keep the snapshot/clip a replay carries only where the stored alert has none (and was not purged)."""
    root = settings.effective_clips_dir
    saved: list[str] = []
    try:
        with db.write() as s:
            alert = s.get(Alert, body.id)
            if alert is None:
                raise RuntimeError(f"alert {body.id} vanished")
            added: list[str] = []
            if alert.media_purged_at is None:
                if snapshot is not None and alert.snapshot_file is None:
                    alert.snapshot_file = save_media(
                        root, body.store_id, body.id, SNAPSHOT, snapshot, settings.alert_snapshot_max_bytes
                    )
                    saved.append(alert.snapshot_file)
                    added.append("snapshot")
                if clip is not None and alert.clip_file is None:
                    alert.clip_file = save_media(
                        root, body.store_id, body.id, CLIP, clip, settings.alert_clip_max_bytes
                    )
                    saved.append(alert.clip_file)
                    added.append("clip")
            if added:
                emit(
                    s,
                    "alert.updated",
                    store_id=alert.store_id,
                    brand_id=_brand_of(s, alert.store_id),
                    data={"alert_id": str(alert.id), "status": alert.status, "media_added": added},
                )
                s.flush()
            out = _views(s, [alert])[0]
            s.commit()
    except BaseException:
        delete_media(root, *saved)
        raise
    if added:
        log.info("alert %s: %s received", body.id, " and ".join(added))
    return CreatedAlert(out, created=False, media_added=bool(added))


def _insert(
    s: Session, body: AlertCreate, device_id: str, snapshot_file: str | None, clip_file: str | None
) -> Alert:
    alert = Alert(
        id=body.id,
        store_id=body.store_id,
        device_id=device_id,
        camera_id=body.camera_id,
        type=body.type.value,
        score=body.score,
        severity=body.severity.value,
        detector=body.detector,
        details=body.details,
        started_at=ensure_utc(body.started_at),
        ended_at=_utc(body.ended_at),
        received_at=utcnow(),
        status=AlertStatus.new.value,
        snapshot_file=snapshot_file,
        clip_file=clip_file,
    )
    s.add(alert)
    s.flush()
    emit(
        s,
        "alert.created",
        store_id=body.store_id,
        brand_id=_brand_of(s, body.store_id),
        data={
            "alert_id": str(alert.id),
            "camera_id": alert.camera_id,
            "type": alert.type,
            "severity": alert.severity,
            "score": alert.score,
            "status": alert.status,
            "started_at": ensure_utc(alert.started_at).isoformat(),
        },
    )
    return alert


def list_alerts(
    session: Session, store_id: int, where: AlertFilter, *, offset: int, limit: int
) -> Page[AlertOut]:
    """Newest first."""
    query = select(Alert).where(Alert.store_id == store_id)
    if where.types:
        query = query.where(Alert.type.in_([t.value for t in where.types]))
    if where.camera_id is not None:
        query = query.where(Alert.camera_id == where.camera_id)
    if where.status is not None:
        query = query.where(Alert.status == where.status.value)
    if where.since is not None:
        query = query.where(Alert.started_at >= ensure_utc(where.since))
    if where.until is not None:
        query = query.where(Alert.started_at < ensure_utc(where.until))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list(
        session.scalars(query.order_by(Alert.started_at.desc(), Alert.id).offset(offset).limit(limit))
    )
    return Page[AlertOut](items=_views(session, rows), total=total, offset=offset, limit=limit)


def review_alert(
    session: Session, alert: Alert, body: AlertUpdate, *, actor: str, actor_name: str, now: datetime
) -> AlertOut:
    """Apply a status change and/or a note, kept in the history with who and when."""
    before = alert.status
    changed = body.status is not None and body.status.value != before
    if changed and body.status is not None:
        alert.status = body.status.value
        alert.status_changed_at = now
        alert.status_changed_by = actor
    session.add(
        AlertHistory(
            alert_id=alert.id,
            actor=actor,
            actor_name=actor_name,
            from_status=before if changed else None,
            to_status=alert.status if changed else None,
            note=body.note,
            created_at=now,
        )
    )
    emit(
        session,
        "alert.updated",
        store_id=alert.store_id,
        brand_id=_brand_of(session, alert.store_id),
        data={
            "alert_id": str(alert.id),
            "status": alert.status,
            "by": actor,
            "note_added": body.note is not None,
        },
    )
    session.flush()
    return _views(session, [alert])[0]
