"""Routes: CCTV alerts (uploaded by vision devices, reviewed by people), their media, the camera registry."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse
from pydantic import ValidationError

from backend.api.deps import Caller, CurrentPrincipal, State, require_roles, require_store
from backend.db.models import Alert
from backend.errors import ApiError, error_responses, forbidden, not_found
from backend.services import alerts as alert_service
from backend.services import cameras as camera_service
from backend.services.alert_media import MediaUpload, resolve
from backend.services.devices import get_device
from backend.state import AppState
from core.schemas.alerts import (
    AlertCreate,
    AlertOut,
    AlertStatus,
    AlertType,
    AlertUpdate,
    CameraOut,
    CamerasReport,
)
from core.schemas.common import ErrorResponse, Page, Role
from core.timeutil import utcnow

router = APIRouter(tags=["alerts"])
_ERRORS = error_responses(403, 404, 409, 422)
_UPLOAD_ERRORS: dict[int | str, dict[str, object]] = {
    **_ERRORS,
    200: {"model": AlertOut, "description": "A replay: the alert already stored"},
    413: {"model": ErrorResponse, "description": "snapshot or clip over the size limit"},
    415: {"model": ErrorResponse, "description": "snapshot not image/jpeg, or clip not video/mp4"},
}
_MEDIA_ERRORS: dict[int | str, dict[str, object]] = {
    **_ERRORS,
    410: {"model": ErrorResponse, "description": "media_purged: removed after the retention period"},
}
REVIEWERS = (Role.owner, Role.staff, Role.support)


def _json(alert: AlertOut, status_code: int = 200) -> Response:
    return Response(alert.model_dump_json(), status_code=status_code, media_type="application/json")


def _parse_alert(raw: str) -> AlertCreate:
    try:
        return AlertCreate.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(
            [{"loc": ("alert", *err["loc"]), "msg": err["msg"], "type": err["type"]} for err in exc.errors()]
        ) from None


def _upload(file: UploadFile | None) -> MediaUpload | None:
    return MediaUpload(file.content_type, file.file) if file is not None else None


@router.post("/alerts", status_code=201, response_model=AlertOut, responses=_UPLOAD_ERRORS)
def create_alert(
    state: State,
    caller: Caller,
    alert: Annotated[str, Form(description="JSON of an AlertCreate")],
    snapshot: Annotated[UploadFile | None, File(description="JPEG, sent as image/jpeg")] = None,
    clip: Annotated[UploadFile | None, File(description="MP4, sent as video/mp4")] = None,
) -> Response:
    """Vision devices of the alert's store only. Multipart: the `alert` part and optional `snapshot` and
    `clip` files. A replay of a stored alert id answers 200 with the original and stores nothing."""
    body = _parse_alert(alert)
    require_store(caller, body.store_id, Role.vision)
    if caller.device_id is None:
        raise forbidden()
    result = alert_service.create_alert(
        state.db,
        state.settings,
        body,
        device_id=caller.device_id,
        snapshot=_upload(snapshot),
        clip=_upload(clip),
    )
    if result.created or result.media_added:
        state.notifier.notify()
    return _json(result.alert, 201 if result.created else 200)


@router.get("/stores/{store_id}/alerts", responses=_ERRORS)
def list_alerts(
    store_id: int,
    state: State,
    caller: Caller,
    alert_type: Annotated[
        list[AlertType] | None, Query(alias="type", description="One or more types")
    ] = None,
    camera: Annotated[str | None, Query(max_length=64)] = None,
    status: AlertStatus | None = None,
    since: Annotated[datetime | None, Query(description="Started at or after (UTC)")] = None,
    until: Annotated[datetime | None, Query(description="Started before (UTC)")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Page[AlertOut]:
    """Newest first."""
    require_store(caller, store_id, *REVIEWERS)
    where = alert_service.AlertFilter(tuple(alert_type or ()), camera, status, since, until)
    with state.db.read() as s:
        return alert_service.list_alerts(s, store_id, where, offset=offset, limit=limit)


def _alert_in_scope(state: AppState, caller: CurrentPrincipal, alert_id: UUID) -> Alert:
    """An alert of a store outside the caller's scope answers 404 like a missing one; wrong role 403."""
    with state.db.read() as s:
        alert = s.get(Alert, alert_id)
        if alert is None or not caller.can_see(alert.store_id):
            raise not_found("alert")
        s.expunge(alert)
    require_store(caller, alert.store_id, *REVIEWERS)
    return alert


@router.get("/alerts/{alert_id}", response_model=AlertOut, responses=_ERRORS)
def get_alert(alert_id: UUID, state: State, caller: Caller) -> Response:
    _alert_in_scope(state, caller, alert_id)
    with state.db.read() as s:
        found = alert_service.load_alert(s, alert_id)
    if found is None:
        raise not_found("alert")
    return _json(found)


@router.patch("/alerts/{alert_id}", response_model=AlertOut, responses=_ERRORS)
def review_alert(alert_id: UUID, body: AlertUpdate, state: State, caller: Caller) -> Response:
    """Acknowledge, resolve or mark a false alarm, with an optional note; kept with who and when."""
    _alert_in_scope(state, caller, alert_id)
    with state.db.write() as s:
        alert = s.get(Alert, alert_id, with_for_update=True)
        if alert is None:
            raise not_found("alert")
        out = alert_service.review_alert(
            s, alert, body, actor=caller.actor, actor_name=caller.display_name, now=utcnow()
        )
        s.commit()
    state.notifier.notify()
    return _json(out)


def _media(
    state: AppState, caller: CurrentPrincipal, alert_id: UUID, which: str, media_type: str
) -> FileResponse:
    alert = _alert_in_scope(state, caller, alert_id)
    relative = alert.clip_file if which == "clip" else alert.snapshot_file
    if relative is None and alert.media_purged_at is not None:
        raise ApiError(410, "media_purged", f"The {which} was removed after the retention period.")
    path = resolve(state.settings.effective_clips_dir, relative) if relative else None
    if path is None:
        raise not_found(which)
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "private, max-age=86400"})


@router.get("/alerts/{alert_id}/snapshot", response_class=FileResponse, responses=_MEDIA_ERRORS)
def get_snapshot(alert_id: UUID, state: State, caller: Caller) -> FileResponse:
    return _media(state, caller, alert_id, "snapshot", "image/jpeg")


@router.get("/alerts/{alert_id}/clip", response_class=FileResponse, responses=_MEDIA_ERRORS)
def get_clip(alert_id: UUID, state: State, caller: Caller) -> FileResponse:
    """Answers HTTP Range requests (206 with Content-Range), so a player can scrub."""
    return _media(state, caller, alert_id, "clip", "video/mp4")


@router.post("/devices/me/cameras", status_code=204, response_class=Response, responses=_ERRORS)
def report_cameras(body: CamerasReport, state: State, caller: Caller) -> Response:
    """A vision device reports all its cameras: health, frame rate, what is and is not monitored."""
    require_roles(caller, Role.vision)
    if caller.device_id is None:
        raise forbidden()
    with state.db.write() as s:
        device = get_device(s, caller.device_id, for_update=True)
        device.last_seen_at = utcnow()
        emitted = camera_service.report_cameras(s, device, body, utcnow())
        s.commit()
    if emitted:
        state.notifier.notify()
    return Response(status_code=204)


@router.get("/stores/{store_id}/cameras", responses=_ERRORS)
def list_cameras(store_id: int, state: State, caller: Caller) -> list[CameraOut]:
    require_store(caller, store_id, *REVIEWERS)
    with state.db.read() as s:
        return camera_service.list_cameras(s, store_id, utcnow(), state.settings.device_online_window_s)
