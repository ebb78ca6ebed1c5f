"""The kiosk's local store: catalogue snapshot, facts and the outbox of sales, in one SQLite file."""

from __future__ import annotations

from pathlib import Path

from core.localstore.db import LocalDatabase, LocalStoreError
from core.localstore.models import OutboxState
from core.localstore.outbox import OutboxItem, OutboxStore
from core.localstore.snapshot import EventEffect, SnapshotStore

LOCAL_DB_NAME = "kiosk.db"


class LocalStore(SnapshotStore, OutboxStore):
    """One object for the kiosk's workers: open it once, share it (thread-safe; writes are serialised)."""

    def __init__(self, path: Path | str) -> None:
        self.db = LocalDatabase(path)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> LocalStore:
        return cls(data_dir / LOCAL_DB_NAME)

    def close(self) -> None:
        self.db.dispose()


__all__ = ["EventEffect", "LocalStore", "LocalStoreError", "OutboxItem", "OutboxState"]
