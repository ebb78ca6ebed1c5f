"""Passwords (Argon2), access JWTs (short-lived), refresh tokens and one-time codes (stored as hashes)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from core.timeutil import utcnow

_hasher = PasswordHasher()
# Dummy hash so that a login for an unknown e-mail costs as much as one for a known one.
_DUMMY_HASH = _hasher.hash("autostore-dummy-password")
# No 0/O, 1/I/L: a code read off a screen and typed on a keypad must not be ambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JWT_ALGORITHM = "HS256"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def keyed_hash(secret: str, value: str) -> str:
    """HMAC of a low-entropy secret (an 8-character code) so a stolen table cannot be brute-forced offline."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def new_activation_code(length: int = 8) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass(frozen=True)
class AccessClaims:
    subject: str  # "user:<id>" or "device:<uuid>"
    role: str
    expires_at: datetime
    token_id: str


def issue_access_token(secret: str, subject: str, role: str, ttl_s: int) -> tuple[str, int]:
    now = utcnow()
    claims: dict[str, Any] = {
        "sub": subject,
        "role": role,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl_s)).timestamp()),
        "jti": uuid.uuid4().hex,
        "typ": "access",
    }
    return jwt.encode(claims, secret, algorithm=JWT_ALGORITHM), ttl_s


def decode_access_token(secret: str, token: str) -> AccessClaims | None:
    """None for anything invalid or expired: callers answer 401 without saying which."""
    try:
        claims = jwt.decode(
            token, secret, algorithms=[JWT_ALGORITHM], options={"require": ["exp", "sub", "role"]}
        )
    except jwt.PyJWTError:
        return None
    if claims.get("typ") != "access":
        return None
    return AccessClaims(
        subject=str(claims["sub"]),
        role=str(claims["role"]),
        expires_at=datetime.fromtimestamp(int(claims["exp"]), tz=utcnow().tzinfo),
        token_id=str(claims.get("jti", "")),
    )
