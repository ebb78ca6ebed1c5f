"""The staff PIN (Qt-free): set on the kiosk when it is activated, asked for maintenance and age checks.

Only a salted PBKDF2 hash is kept, in a file readable by the kiosk's user alone. A short PIN falls to an
offline guesser whatever the hash, so the real guard is the lockout: after `max_failures` wrong PINs the
keypad refuses every PIN for `lockout_s`. Verifying costs tens of milliseconds on purpose, so callers run
it on a worker, never on the GUI thread.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PIN_FILE_NAME = "staff-pin.json"
MIN_DIGITS, MAX_DIGITS = 4, 8
_ITERATIONS = 120_000


@dataclass(frozen=True)
class PinCheck:
    ok: bool
    attempts_left: int = 0
    locked_for_s: int = 0  # > 0: refused without checking, the keypad is locked


def valid_pin(pin: str) -> bool:
    return pin.isdigit() and MIN_DIGITS <= len(pin) <= MAX_DIGITS


def _hash(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)


class StaffPinStore:
    def __init__(
        self,
        path: Path,
        *,
        max_failures: int = 5,
        lockout_s: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self.max_failures = max_failures
        self.lockout_s = lockout_s
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0
        self._lock = threading.Lock()

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> StaffPinStore:
        return cls(data_dir / PIN_FILE_NAME)

    @property
    def is_set(self) -> bool:
        return self.path.is_file()

    def set_pin(self, pin: str) -> None:
        if not valid_pin(pin):
            raise ValueError(f"a staff PIN is {MIN_DIGITS} to {MAX_DIGITS} digits")
        salt = secrets.token_bytes(16)
        record = {"salt": salt.hex(), "iterations": _ITERATIONS, "hash": _hash(pin, salt, _ITERATIONS).hex()}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(record, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        with self._lock:
            self._failures, self._locked_until = 0, 0.0

    def verify(self, pin: str) -> PinCheck:
        with self._lock:
            remaining = self._locked_until - self._clock()
            if remaining > 0:
                return PinCheck(False, 0, max(1, int(remaining + 0.999)))
        ok = self._matches(pin)
        with self._lock:
            if ok:
                self._failures = 0
                return PinCheck(True, self.max_failures)
            self._failures += 1
            if self._failures >= self.max_failures:
                self._failures = 0
                self._locked_until = self._clock() + self.lockout_s
                return PinCheck(False, 0, max(1, int(self.lockout_s)))
            return PinCheck(False, self.max_failures - self._failures)

    def _matches(self, pin: str) -> bool:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            salt = bytes.fromhex(record["salt"])
            expected = bytes.fromhex(record["hash"])
            iterations = int(record["iterations"])
        except (OSError, ValueError, KeyError, TypeError):
            return False  # no PIN, or an unreadable file: nothing matches (maintenance re-sets it)
        return hmac.compare_digest(_hash(pin, salt, iterations), expected)
