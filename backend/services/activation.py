"""Kiosk activation by one-time code: the owner issues a code, the kiosk trades it for a device identity.

Codes are 8 characters from an unambiguous alphabet, valid for minutes, used once and stored only as an
HMAC keyed with the server secret. Guessing is throttled per client address: after a few wrong codes the
address is locked out for a while, even for a correct code. Messages are written to be shown as they are
on the kiosk's activation screen. Codes are never logged.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.db.models import ActivationCode, Device, Event, Store
from backend.errors import ApiError
from backend.events import emit
from backend.security import keyed_hash, new_activation_code, normalise_code
from backend.services import throttle
from backend.services.auth import issue_token_pair
from backend.services.catalogue import build_store_catalogue
from backend.services.devices import effective_config
from backend.state import AppState
from core.schemas.devices import ActivateRequest, ActivateResponse, ActivationCodeCreate, ActivationCodeOut
from core.schemas.stores import StoreOut
from core.timeutil import ensure_utc, utcnow

log = logging.getLogger("autostore.backend.activation")


def create_code(
    session: Session, state: AppState, store_id: int, body: ActivationCodeCreate, created_by: int | None
) -> ActivationCodeOut:
    settings = state.settings
    code = new_activation_code()
    expires_at = utcnow() + timedelta(seconds=settings.activation_code_ttl_s)
    session.add(
        ActivationCode(
            code_hash=keyed_hash(settings.secret_key, normalise_code(code)),
            store_id=store_id,
            kind=body.kind.value,
            name=body.name,
            created_by=created_by,
            expires_at=expires_at,
        )
    )
    session.flush()
    return ActivationCodeOut(code=code, store_id=store_id, kind=body.kind, expires_at=expires_at)


def activate(state: AppState, body: ActivateRequest, client_host: str) -> ActivateResponse:
    """Exchange a code for a device, its tokens and everything the kiosk needs to start selling."""
    settings = state.settings
    policy = throttle.ThrottlePolicy(
        max_failures=settings.activation_max_failures,
        window_s=settings.activation_lockout_s,
        lockout_s=settings.activation_lockout_s,
    )
    throttle_key = f"otp:{client_host}"
    now = utcnow()
    code_hash = keyed_hash(settings.secret_key, normalise_code(body.code))
    with state.db.write() as s:
        wait_s = throttle.locked_for_s(s, throttle_key, now)
        if wait_s:
            raise _locked(wait_s)
        code = s.scalar(select(ActivationCode).where(ActivationCode.code_hash == code_hash).with_for_update())
        if code is None:
            outcome = throttle.record_failure(s, throttle_key, policy, now)
            s.commit()  # the failure must count even though the request fails
            if outcome.locked_for_s:
                log.warning("activation locked for client %s after repeated wrong codes", client_host)
                raise _locked(outcome.locked_for_s)
            left = outcome.attempts_left
            raise ApiError(
                400,
                "otp_invalid",
                f"That code is not correct. Check it and try again "
                f"({left} attempt{'s' if left != 1 else ''} left).",
            )
        if code.used_at is not None:
            raise ApiError(
                410, "otp_used", "This code has already been used. Ask the store owner for a new code."
            )
        if ensure_utc(code.expires_at) <= now:
            raise ApiError(410, "otp_expired", "This code has expired. Ask the store owner for a new code.")
        store = s.get_one(Store, code.store_id)
        device = Device(
            store_id=store.id,
            kind=code.kind,
            name=body.device_name or code.name,
            app_version=body.app_version,
            last_seen_at=now,
            health={},
        )
        s.add(device)
        s.flush()
        code.used_at = now
        code.device_id = device.id
        tokens = issue_token_pair(s, settings, device=device)
        throttle.reset(s, throttle_key)
        emit(
            s,
            "device.activated",
            store_id=store.id,
            brand_id=store.brand_id,
            data={"device_id": device.id, "kind": device.kind, "name": device.name},
        )
        s.flush()
        response = ActivateResponse(
            device_id=device.id,
            refresh_token=tokens.refresh_token,
            access_token=tokens.access_token,
            expires_in=tokens.expires_in,
            store=StoreOut.model_validate(store),
            catalogue=build_store_catalogue(s, store.id),
            config=effective_config(store, device),
            last_event_id=s.scalar(select(func.max(Event.id))) or 0,
        )
        s.commit()
    state.notifier.notify()
    log.info("device %s activated for store %s", device.id, store.id)
    return response


def _locked(wait_s: int) -> ApiError:
    minutes = max(1, -(-wait_s // 60))
    return ApiError(
        429,
        "otp_locked",
        f"Too many wrong codes were entered on this device. For safety, activation is paused: "
        f"try again in {minutes} minute{'s' if minutes != 1 else ''}.",
        headers={"Retry-After": str(wait_s)},
    )
