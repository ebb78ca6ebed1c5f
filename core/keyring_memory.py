"""An in-memory keyring backend for tests and throwaway demo sessions.

Select it explicitly with ``PYTHON_KEYRING_BACKEND=core.keyring_memory.MemoryKeyring``. Its priority is
low on purpose: keyring's auto-detection must never pick it for a real user, whose tokens would then vanish
at exit (and `core.tokens.TokenStore` refuses a low-priority backend nobody chose).
"""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

# Process-wide, so every MemoryKeyring instance (keyring makes its own) sees the same secrets.
_SECRETS: dict[tuple[str, str], str] = {}
_LOCK = threading.Lock()


class MemoryKeyring(KeyringBackend):
    """Secrets live in a dict of this process only; nothing touches the disk."""

    priority = 0.2  # keyring declares a classproperty; a constant is enough

    def get_password(self, service: str, username: str) -> str | None:
        with _LOCK:
            return _SECRETS.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        with _LOCK:
            _SECRETS[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        with _LOCK:
            if _SECRETS.pop((service, username), None) is None:
                raise PasswordDeleteError(f"no secret stored for {service}/{username}")

    @classmethod
    def clear(cls) -> None:
        """Forget every secret (tests call this between cases)."""
        with _LOCK:
            _SECRETS.clear()
