"""Refresh tokens (and the device id and server they belong to) in the OS keyring, never in a plain file.

A headless machine often has no keyring at all, and keyring's auto-detection then either fails or quietly
picks a non-recommended backend such as keyrings.alt's plaintext file. Both end in `TokenStorageUnavailable`
with the fix spelled out: a token written in plaintext without anyone choosing that is a leak waiting to
happen. A backend chosen on purpose (``PYTHON_KEYRING_BACKEND`` or keyring's own config file) is trusted.
"""

from __future__ import annotations

import contextlib
import os
from typing import Literal

import keyring
import keyring.core
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

ServiceName = Literal["autostore-kiosk", "autostore-owner"]

INSTALL_HINT = (
    "Install and unlock an OS keyring: on Windows and macOS the built-in credential store works as is; on "
    "Linux run a Secret Service provider (apt install gnome-keyring, or KeePassXC with Secret Service "
    "enabled) inside a logged-in session, or KWallet on KDE. To choose a backend deliberately, set "
    "PYTHON_KEYRING_BACKEND (see `python -m keyring diagnose`)."
)

_REFRESH = "refresh_token"
_RETRY_KEY = "refresh_retry_key"
_DEVICE_ID = "device_id"
_SERVER_URL = "server_url"


class TokenStorageUnavailable(RuntimeError):
    """No secure place to keep the sign-in token; the message says what to install."""


def _explicitly_chosen() -> bool:
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    try:
        return keyring.core.load_config() is not None
    except Exception:  # a broken keyringrc is the user's choice gone wrong: not a choice we can trust
        return False


def check_backend(backend: KeyringBackend) -> None:
    """Raise `TokenStorageUnavailable` unless `backend` is secure or was chosen on purpose."""
    if isinstance(backend, fail.Keyring):
        raise TokenStorageUnavailable(f"No OS keyring is available to keep the sign-in token. {INSTALL_HINT}")
    if _explicitly_chosen():
        return
    effective = backend
    if isinstance(backend, chainer.ChainerBackend):
        chained = list(backend.backends)
        if not chained:
            raise TokenStorageUnavailable(f"No OS keyring is available. {INSTALL_HINT}")
        effective = chained[0]  # the chainer writes to its highest-priority backend
    if effective.priority < 1:  # keyring's own definition of "recommended"
        name = f"{type(effective).__module__}.{type(effective).__qualname__}"
        raise TokenStorageUnavailable(
            f"Only a non-recommended keyring backend ({name}) was found; AutoStore will not keep the "
            f"sign-in token in it without you choosing it. {INSTALL_HINT}"
        )


class TokenStore:
    """Secrets of one app (`service`) and one account (a user's e-mail, or 'device') in the OS keyring."""

    def __init__(
        self, service: ServiceName, account: str = "default", backend: KeyringBackend | None = None
    ) -> None:
        self.service = service
        self.account = account
        self._backend = backend

    @property
    def backend(self) -> KeyringBackend:
        backend = self._backend if self._backend is not None else keyring.get_keyring()
        check_backend(backend)
        return backend

    def _key(self, name: str) -> str:
        return f"{self.account}:{name}"

    def _get(self, name: str) -> str | None:
        try:
            return self.backend.get_password(self.service, self._key(name))
        except NoKeyringError as exc:
            raise TokenStorageUnavailable(f"No OS keyring is available. {INSTALL_HINT}") from exc
        except KeyringError as exc:  # locked, denied: say so instead of pretending nobody is signed in
            raise TokenStorageUnavailable(
                f"The OS keyring could not be read ({exc}). {INSTALL_HINT}"
            ) from exc

    def _set(self, name: str, value: str | None) -> None:
        try:
            if value is not None:
                self.backend.set_password(self.service, self._key(name), value)
                return
            with contextlib.suppress(PasswordDeleteError):  # already absent is fine
                self.backend.delete_password(self.service, self._key(name))
        except NoKeyringError as exc:
            raise TokenStorageUnavailable(f"No OS keyring is available. {INSTALL_HINT}") from exc
        except KeyringError as exc:
            raise TokenStorageUnavailable(
                f"The OS keyring refused the token ({exc}). {INSTALL_HINT}"
            ) from exc

    def ensure_available(self) -> None:
        """Fail early (at start-up, before asking for a password or a code) if tokens cannot be kept."""
        self._get(_REFRESH)

    @property
    def refresh_token(self) -> str | None:
        return self._get(_REFRESH)

    def set_refresh_token(self, token: str | None) -> None:
        """Store the (rotated) refresh token; None forgets it."""
        self._set(_REFRESH, token)

    @property
    def refresh_retry_key(self) -> str | None:
        """The retry key of a refresh whose answer has not arrived yet (None: no refresh pending)."""
        return self._get(_RETRY_KEY)

    def set_refresh_retry_key(self, key: str | None) -> None:
        """Keep the retry key before a refresh is sent; None forgets it once the new pair is stored."""
        self._set(_RETRY_KEY, key)

    @property
    def device_id(self) -> str | None:
        return self._get(_DEVICE_ID)

    def set_device_id(self, device_id: str | None) -> None:
        self._set(_DEVICE_ID, device_id)

    @property
    def server_url(self) -> str | None:
        return self._get(_SERVER_URL)

    def set_server_url(self, url: str | None) -> None:
        self._set(_SERVER_URL, url)

    def clear(self) -> None:
        """Sign out on this machine: forget every secret of this account."""
        for name in (_REFRESH, _RETRY_KEY, _DEVICE_ID, _SERVER_URL):
            self._set(name, None)
