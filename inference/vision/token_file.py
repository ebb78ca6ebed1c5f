"""The vision worker's device credentials in a file readable by its owner only (mode 0600).

A worker often runs as a service on a headless box with no OS keyring, so its refresh token lives in a
file named in the config instead. The file is refused, with the fix spelled out, if anyone else can read
it; the rotated refresh token is written back atomically with the same mode.
"""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path
from typing import Any

from core.tokens import TokenStore


class TokenFileError(RuntimeError):
    """The token file is missing, unreadable or too open; the message says what to do."""


class FileTokenStore(TokenStore):
    """A `TokenStore` (what `core.client` expects) kept in one JSON file instead of the OS keyring."""

    def __init__(self, path: Path) -> None:
        super().__init__("autostore-kiosk", account="vision")  # service/account are unused here
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, Any]:
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            return {}
        if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise TokenFileError(
                f"{self.path} can be read by other users (mode {stat.filemode(mode)}); "
                f"run `chmod 600 {self.path}` (it holds the device's sign-in token)"
            )
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TokenFileError(f"cannot read the token file {self.path}: {exc}") from None
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)  # O_CREAT's mode does not apply to a tmp file left over from a crash
        os.replace(tmp, self.path)

    def _get(self, name: str) -> str | None:
        with self._lock:
            value = self._read().get(name)
        return None if value is None else str(value)

    def _set(self, name: str, value: str | None) -> None:
        with self._lock:
            data = self._read()
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
            self._write(data)

    def ensure_available(self) -> None:
        self._read()

    @property
    def store_id(self) -> int | None:
        value = self._get("store_id")
        return int(value) if value is not None else None

    def set_store_id(self, store_id: int | None) -> None:
        self._set("store_id", None if store_id is None else str(store_id))

    def clear(self) -> None:
        with self._lock:
            self._write({})
