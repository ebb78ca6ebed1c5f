"""Routes: activation codes, kiosk activation, the device list, revocation, remote config, heartbeats."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from sqlalchemy.orm import Session

from backend.api.deps import Caller, CurrentPrincipal, State, require_roles, require_store
from backend.api.routes.auth import client_host
from backend.db.models import Device
from backend.errors import forbidden, not_found
from backend.services import activation
from backend.services import devices as device_service
from core.schemas.common import ErrorResponse, Role
from core.schemas.devices import (
    ActivateRequest,
    ActivateResponse,
    ActivationCodeCreate,
    ActivationCodeOut,
    DeviceConfigOut,
    DeviceConfigUpdate,
    DeviceOut,
    Heartbeat,
)
from core.timeutil import utcnow

router = APIRouter(tags=["devices"])
_ERRORS: dict[int | str, dict[str, object]] = {
    403: {"model": ErrorResponse},
    404: {"model": ErrorResponse},
    409: {"model": ErrorResponse},
}
_ACTIVATION_ERRORS: dict[int | str, dict[str, object]] = {
    400: {"model": ErrorResponse, "description": "otp_invalid"},
    410: {"model": ErrorResponse, "description": "otp_used or otp_expired"},
    429: {"model": ErrorResponse, "description": "otp_locked (with Retry-After)"},
}


def _device_in_scope(
    s: Session,
    caller: CurrentPrincipal,
    device_id: str,
    *roles: Role,
    itself_allowed: bool = False,
    for_update: bool = False,
) -> Device:
    """A device of a store outside the caller's scope answers 404 like a missing one; wrong role 403.
    With `itself_allowed`, a device may act on its own row whatever `roles` says."""
    device = s.get(Device, device_id, with_for_update=for_update)
    if device is None or not caller.can_see(device.store_id):
        raise not_found("device")
    if not (itself_allowed and caller.kind == "device" and caller.device_id == device.id):
        require_roles(caller, *roles)
    return device


@router.post("/stores/{store_id}/activation-codes", status_code=201, responses=_ERRORS)
def create_activation_code(
    store_id: int, body: ActivationCodeCreate, state: State, caller: Caller
) -> ActivationCodeOut:
    """The code is in this response only; the server keeps a keyed hash of it."""
    require_store(caller, store_id, Role.owner)
    with state.db.write() as s:
        out = activation.create_code(s, state, store_id, body, caller.user_id)
        s.commit()
    return out


@router.post("/devices/activate", responses=_ACTIVATION_ERRORS)
def activate(body: ActivateRequest, request: Request, state: State) -> ActivateResponse:
    """No sign-in: the one-time code is the credential."""
    return activation.activate(state, body, client_host(request))


@router.get("/stores/{store_id}/devices", responses=_ERRORS)
def list_devices(store_id: int, state: State, caller: Caller) -> list[DeviceOut]:
    require_store(caller, store_id, Role.owner, Role.support, Role.staff)
    with state.db.read() as s:
        return device_service.list_devices(s, store_id, utcnow(), state.settings.device_online_window_s)


@router.post("/devices/{device_id}/revoke", responses=_ERRORS)
def revoke_device(device_id: str, state: State, caller: Caller) -> DeviceOut:
    now = utcnow()
    with state.db.write() as s:
        device = _device_in_scope(s, caller, device_id, Role.owner, for_update=True)
        device_service.revoke_device(s, device, now)
        out = device_service.device_out(device, now, state.settings.device_online_window_s)
        s.commit()
    state.notifier.notify()
    return out


@router.get("/devices/{device_id}/config", responses=_ERRORS)
def get_config(device_id: str, state: State, caller: Caller) -> DeviceConfigOut:
    with state.db.read() as s:
        device = _device_in_scope(s, caller, device_id, Role.owner, Role.support, itself_allowed=True)
        return device_service.config_out(s, device)


@router.put("/devices/{device_id}/config", responses=_ERRORS)
def put_config(device_id: str, body: DeviceConfigUpdate, state: State, caller: Caller) -> DeviceConfigOut:
    with state.db.write() as s:
        device = _device_in_scope(s, caller, device_id, Role.owner, Role.support, for_update=True)
        out = device_service.update_config(s, device, body, caller.actor)
        s.commit()
    state.notifier.notify()
    return out


@router.post("/devices/me/heartbeat", status_code=204, response_class=Response)
def heartbeat(body: Heartbeat, state: State, caller: Caller) -> Response:
    require_roles(caller, Role.kiosk, Role.vision)
    if caller.device_id is None:
        raise forbidden()
    with state.db.write() as s:
        device = device_service.get_device(s, caller.device_id, for_update=True)
        emitted = device_service.record_heartbeat(s, device, body, utcnow())
        s.commit()
    if emitted:
        state.notifier.notify()
    return Response(status_code=204)
