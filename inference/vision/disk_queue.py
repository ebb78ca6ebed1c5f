"""Alerts waiting for the backend: one folder per alert under `pending/`, so a crash or an outage loses none.

Every write is atomic (write under `tmp/`, fsync, rename): a folder in `pending/` always holds a complete
`alert.json`, and a media file appears whole or not at all. The clip is usually added a few seconds after
the alert itself (the alert goes out at once with its snapshot; the clip needs the seconds after the
detection), so an item records what has been delivered in `state.json`. Several processes may add items;
one sender delivers them, and only the sender writes `state.json`. Items the backend refuses for good
move to `failed/` with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ALERT = "alert.json"
STATE = "state.json"
SNAPSHOT = "snapshot.jpg"
CLIP = "clip.mp4"
NO_CLIP = "clip.none"  # marker: no clip will come (not wanted, or the recording failed)


@dataclass
class ItemState:
    alert_sent: bool = False
    clip_sent: bool = False
    attempts: int = 0
    next_attempt_at: float = 0.0  # wall-clock seconds
    last_error: str = ""
    created_at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class QueuedAlert:
    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    def alert(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.path / ALERT).read_text(encoding="utf-8"))
        return data

    def state(self) -> ItemState:
        try:
            return ItemState(**json.loads((self.path / STATE).read_text(encoding="utf-8")))
        except FileNotFoundError:
            return ItemState()

    def media(self, name: str) -> bytes | None:
        try:
            return (self.path / name).read_bytes()
        except FileNotFoundError:
            return None

    def has(self, name: str) -> bool:
        return (self.path / name).is_file()

    @property
    def clip_expected(self) -> bool:
        return not self.has(CLIP) and not self.has(NO_CLIP)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    with tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


class DiskQueue:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pending_dir = root / "pending"
        self.failed_dir = root / "failed"
        self.tmp_dir = root / "tmp"
        for folder in (self.pending_dir, self.failed_dir, self.tmp_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.changed = threading.Event()  # set on every enqueue in this process: the sender wakes at once
        self._clear_leftovers()

    def _clear_leftovers(self) -> None:
        """Half-written items from a crash never reached pending/: drop them."""
        for leftover in self.tmp_dir.iterdir():
            if leftover.is_dir() and time.time() - leftover.stat().st_mtime > 60:
                shutil.rmtree(leftover, ignore_errors=True)

    def enqueue(
        self, alert: dict[str, Any], files: dict[str, bytes], clip_expected: bool = True
    ) -> QueuedAlert:
        name = f"{time.time_ns():020d}-{alert.get('id') or uuid.uuid4()}"
        staging = self.tmp_dir / name
        staging.mkdir()
        _write_atomic(staging / ALERT, json.dumps(alert, default=str).encode())
        for file_name, data in files.items():
            _write_atomic(staging / file_name, data)
        if not clip_expected and CLIP not in files:
            _write_atomic(staging / NO_CLIP, b"")
        _write_atomic(staging / STATE, json.dumps(asdict(ItemState())).encode())
        os.rename(staging, self.pending_dir / name)
        self.changed.set()
        return QueuedAlert(self.pending_dir / name)

    def find(self, alert_id: str) -> QueuedAlert | None:
        for path in self.pending_dir.glob(f"*-{alert_id}"):
            return QueuedAlert(path)
        return None

    def attach(self, alert_id: str, file_name: str, data: bytes) -> bool:
        """Add a media file to a waiting alert; False when the alert is no longer queued."""
        item = self.find(alert_id)
        if item is None:
            return False
        _write_atomic(item.path / file_name, data)
        self.changed.set()
        return True

    def give_up_clip(self, alert_id: str, reason: str) -> None:
        if self.attach(alert_id, NO_CLIP, reason.encode()):
            self.changed.set()

    def save_state(self, item: QueuedAlert, state: ItemState) -> None:
        _write_atomic(item.path / STATE, json.dumps(asdict(state)).encode())

    def pending(self) -> list[QueuedAlert]:
        """Oldest first."""
        return [QueuedAlert(p) for p in sorted(self.pending_dir.iterdir()) if (p / ALERT).is_file()]

    def done(self, item: QueuedAlert) -> None:
        """Delivered: rename out of pending/ first, so a crash mid-delete cannot resend a half item."""
        doomed = self.tmp_dir / f"done-{item.name}"
        os.rename(item.path, doomed)
        shutil.rmtree(doomed, ignore_errors=True)

    def fail(self, item: QueuedAlert, reason: str) -> None:
        _write_atomic(item.path / "reason.txt", reason.encode())
        os.rename(item.path, self.failed_dir / item.name)

    def failed(self) -> list[QueuedAlert]:
        return [QueuedAlert(p) for p in sorted(self.failed_dir.iterdir())]

    def __len__(self) -> int:
        return len(self.pending())
