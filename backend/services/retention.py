"""Retention: alert clips and snapshots are CCTV footage of people, kept only for the configured period.

`purge_expired_clips` deletes the media of alerts received longer ago than `alert_retention_days` and marks
them (`media_purged_at`); the alert rows, their review history and notes stay. It also sweeps files no
alert points to (an upload cut short by a crash between writing its files and storing its row), once they
are older than the retention period plus a day. Safe to run as often as a jobs runner likes: an alert
already purged is not touched again, and a file already gone is not an error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import or_, select

from backend.db.models import Alert
from backend.db.session import Database
from backend.services.alert_media import delete_media
from backend.settings import BackendSettings

log = logging.getLogger("autostore.backend.retention")
BATCH = 200


ORPHAN_GRACE = timedelta(days=1)  # an upload's files are written moments before its row: never race it


@dataclass(frozen=True)
class PurgeReport:
    alerts: int
    bytes_freed: int
    orphans: int = 0


def purge_expired_clips(db: Database, settings: BackendSettings, now: datetime) -> PurgeReport:
    """Delete the media of alerts received before `now - alert_retention_days`, in batches so a long
    backlog never holds the write lock for long."""
    cutoff = now - timedelta(days=settings.alert_retention_days)
    root = settings.effective_clips_dir
    purged = freed = 0
    while True:
        with db.write() as s:
            batch = list(
                s.scalars(
                    select(Alert)
                    .where(
                        Alert.received_at < cutoff,
                        Alert.media_purged_at.is_(None),
                        or_(Alert.clip_file.is_not(None), Alert.snapshot_file.is_not(None)),
                    )
                    .order_by(Alert.received_at)
                    .limit(BATCH)
                    .with_for_update(skip_locked=True)
                )
            )
            for alert in batch:
                freed += delete_media(root, alert.clip_file, alert.snapshot_file)
                alert.clip_file = None
                alert.snapshot_file = None
                alert.media_purged_at = now
            s.commit()
        purged += len(batch)
        if len(batch) < BATCH:
            break
    orphans, orphan_bytes = _sweep_orphans(db, root, (cutoff - ORPHAN_GRACE).timestamp())
    if purged or orphans:
        log.info(
            "retention: purged the media of %d alerts and %d unreferenced files (%d bytes)",
            purged,
            orphans,
            freed + orphan_bytes,
        )
    return PurgeReport(alerts=purged, bytes_freed=freed + orphan_bytes, orphans=orphans)


def _sweep_orphans(db: Database, root: Path, older_than: float) -> tuple[int, int]:
    """Delete files under `root` last modified before `older_than` (epoch seconds) that no alert names."""
    if not root.is_dir():
        return 0, 0
    candidates = {
        path.relative_to(root).as_posix(): path
        for path in root.rglob("*")
        if path.is_file() and path.stat().st_mtime < older_than
    }
    names = list(candidates)
    referenced: set[str] = set()
    with db.read() as s:
        for first in range(0, len(names), BATCH):
            chunk = names[first : first + BATCH]
            rows = s.execute(
                select(Alert.clip_file, Alert.snapshot_file).where(
                    or_(Alert.clip_file.in_(chunk), Alert.snapshot_file.in_(chunk))
                )
            )
            for clip, snapshot in rows:
                referenced.update(name for name in (clip, snapshot) if name)
    orphans = [name for name in names if name not in referenced]
    return len(orphans), delete_media(root, *orphans)
