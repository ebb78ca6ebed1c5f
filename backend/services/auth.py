"""Sign-in, rotating refresh tokens and logout, for users and devices alike.

A refresh token is stored only as its SHA-256. Each login or device activation starts a token *family*;
every refresh rotates the presented token (marks it rotated) and issues the next one in the same family.
A rotated token presented again means it was copied, so the whole family is revoked and both holders must
sign in again.

Except for one case: the answer to a refresh can be lost after the rotation was committed (a dropped
connection, a kiosk killed mid-call), and the client then presents the old token again. So a refresh may
carry a random retry key, which the client persists before sending and forgets once the new pair is stored;
its SHA-256 is kept on the rotated token. The same token with the same key is a *repeat*, not a copy, when
the family is not revoked and the successor that rotation issued was never used (no token of the family was
rotated since): the unused successor is retired (marked rotated and revoked, so whoever presents it later is
treated as holding a copy) and a fresh pair is issued in the family. Without the key, with another key, or
once the successor has been used, it is reuse as before. Nothing here logs a token, a key, a password or an
e-mail address.
"""

from __future__ import annotations

import hmac
import logging
import uuid
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from backend.db.models import Device, RefreshToken, User
from backend.errors import ApiError, unauthorized
from backend.security import issue_access_token, new_refresh_token, sha256_hex, verify_password
from backend.services import throttle
from backend.settings import BackendSettings
from backend.state import AppState
from core.schemas.auth import TokenPair
from core.timeutil import ensure_utc, utcnow

log = logging.getLogger("autostore.backend.auth")

INVALID_CREDENTIALS = "The e-mail address or password is not correct."
# Generous for a person mistyping, tight for a script guessing one account's password from one address.
LOGIN_POLICY = throttle.ThrottlePolicy(max_failures=10, window_s=15 * 60, lockout_s=15 * 60)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def login(state: AppState, email: str, password: str, client_host: str) -> TokenPair:
    """Check the password (outside any write lock: Argon2 is slow on purpose) and start a token family."""
    email = normalise_email(email)
    throttle_key = "login:" + sha256_hex(f"{email}|{client_host}")
    now = utcnow()
    with state.db.read() as s:
        wait_s = throttle.locked_for_s(s, throttle_key, now)
        user = s.scalar(select(User).where(func.lower(User.email) == email))
    if wait_s:
        raise _login_locked(wait_s)
    # verify_password burns a dummy hash when the user is unknown, so both failures cost the same.
    password_ok = verify_password(password, user.password_hash if user else None)
    with state.db.write() as s:
        if user is None or not password_ok or not user.is_active:
            outcome = throttle.record_failure(s, throttle_key, LOGIN_POLICY, now)
            s.commit()
            if outcome.locked_for_s:
                log.warning("login locked after repeated failures (client %s)", client_host)
                raise _login_locked(outcome.locked_for_s)
            raise unauthorized(INVALID_CREDENTIALS, code="invalid_credentials")
        throttle.reset(s, throttle_key)
        pair = issue_token_pair(s, state.settings, user=user)
        s.commit()
    log.info("user %s signed in", user.id)
    return pair


def issue_token_pair(
    session: Session,
    settings: BackendSettings,
    *,
    user: User | None = None,
    device: Device | None = None,
    family_id: str | None = None,
) -> TokenPair:
    """A new access token and a new refresh token (a new family unless `family_id` continues one)."""
    now = utcnow()
    if user is not None:
        subject, role = f"user:{user.id}", user.role
        lifetime = timedelta(days=settings.refresh_token_ttl_days)
    elif device is not None:
        subject, role = f"device:{device.id}", device.kind
        lifetime = timedelta(days=settings.device_refresh_token_ttl_days)
    else:
        raise ValueError("a token pair needs a user or a device")
    raw_refresh = new_refresh_token()
    session.add(
        RefreshToken(
            token_hash=sha256_hex(raw_refresh),
            family_id=family_id or str(uuid.uuid4()),
            user_id=user.id if user is not None else None,
            device_id=device.id if device is not None else None,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    access, expires_in = issue_access_token(settings.secret_key, subject, role, settings.access_token_ttl_s)
    return TokenPair(access_token=access, expires_in=expires_in, refresh_token=raw_refresh)


def refresh(state: AppState, raw_refresh: str, retry_key: str | None = None) -> TokenPair:
    """Rotate a refresh token. A rotated token presented again is answered with a fresh pair when it repeats
    a rotation whose answer was lost (same retry key, successor unused); any other reuse revokes its whole
    family (committed) and fails."""
    now = utcnow()
    key_hash = sha256_hex(retry_key) if retry_key is not None else None
    with state.db.write() as s:
        token = s.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(raw_refresh)).with_for_update()
        )
        if token is None:
            raise unauthorized("This sign-in is not valid. Sign in again.", code="refresh_token_invalid")
        if token.rotated_at is not None:
            repeated = _repeat_lost_rotation(s, state.settings, token, key_hash, now)
            if repeated is not None:
                s.commit()
                log.info(
                    "refresh repeated with its retry key after a lost answer (user %s, device %s)",
                    token.user_id,
                    token.device_id,
                )
                return repeated
            revoke_family(s, token.family_id, now)
            s.commit()
            log.warning(
                "rotated refresh token presented again; family revoked (user %s, device %s)",
                token.user_id,
                token.device_id,
            )
            raise unauthorized(
                "This sign-in was used from two places, so it has been ended for safety. Sign in again.",
                code="refresh_token_reused",
            )
        if token.revoked_at is not None:
            raise unauthorized("This sign-in has been ended. Sign in again.", code="refresh_token_revoked")
        if ensure_utc(token.expires_at) <= now:
            raise unauthorized("This sign-in has expired. Sign in again.", code="refresh_token_expired")
        user, device = _token_holder(s, token)
        token.rotated_at = now
        token.retry_key_hash = key_hash
        pair = issue_token_pair(s, state.settings, user=user, device=device, family_id=token.family_id)
        s.commit()
    return pair


def _repeat_lost_rotation(
    session: Session, settings: BackendSettings, token: RefreshToken, key_hash: str | None, now: datetime
) -> TokenPair | None:
    """A fresh pair if presenting the rotated `token` with this retry key repeats its rotation, else None.

    A repeat needs the key of that rotation, a family that was not revoked, and a successor nobody has used:
    no token of the family was rotated after `token` (a retired successor carries `token`'s own rotation
    time), and the live successor is still valid. The successor is retired (rotated and revoked at once, so
    presenting it later counts as reuse), `token` is marked rotated again now, and a new pair is issued."""
    if key_hash is None or token.retry_key_hash is None or token.revoked_at is not None:
        return None
    if not hmac.compare_digest(key_hash, token.retry_key_hash) or token.rotated_at is None:
        return None
    rotated_since = session.scalar(
        select(func.count())
        .select_from(RefreshToken)
        .where(RefreshToken.family_id == token.family_id, RefreshToken.rotated_at > token.rotated_at)
    )
    if rotated_since:
        return None
    successors = session.scalars(
        select(RefreshToken)
        .where(
            RefreshToken.family_id == token.family_id,
            RefreshToken.rotated_at.is_(None),
            RefreshToken.revoked_at.is_(None),
        )
        .with_for_update()
    ).all()
    if not successors or any(ensure_utc(successor.expires_at) <= now for successor in successors):
        return None
    user, device = _token_holder(session, token)
    for successor in successors:
        successor.rotated_at = now
        successor.revoked_at = now
    token.rotated_at = now
    return issue_token_pair(session, settings, user=user, device=device, family_id=token.family_id)


def logout(state: AppState, raw_refresh: str) -> None:
    """End the sign-in the token belongs to (its whole family). Unknown tokens are ignored (idempotent)."""
    with state.db.write() as s:
        family_id = s.scalar(
            select(RefreshToken.family_id).where(RefreshToken.token_hash == sha256_hex(raw_refresh))
        )
        if family_id is not None:
            revoke_family(s, family_id, utcnow())
            s.commit()


def revoke_family(session: Session, family_id: str, now: datetime) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def revoke_device_tokens(session: Session, device_id: str, now: datetime) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.device_id == device_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def _token_holder(session: Session, token: RefreshToken) -> tuple[User | None, Device | None]:
    if token.user_id is not None:
        user = session.get(User, token.user_id)
        if user is None or not user.is_active:
            raise unauthorized("This account is not active.", code="token_invalid")
        return user, None
    device = session.get(Device, token.device_id) if token.device_id is not None else None
    if device is None or device.revoked_at is not None:
        raise unauthorized("This device has been revoked. Activate it again.", code="device_revoked")
    return None, device


def _login_locked(wait_s: int) -> ApiError:
    minutes = max(1, -(-wait_s // 60))
    return ApiError(
        429,
        "login_locked",
        f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
        headers={"Retry-After": str(wait_s)},
    )
