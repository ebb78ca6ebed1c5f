"""`autostore jobs --once`: the scheduled jobs run against the configured database."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from autostore.cli import main
from backend.db.models import Alert
from core.timeutil import utcnow
from tests.backend.auth_helpers import open_api
from tests.backend.conftest import TEST_SECRET
from tests.backend.test_alerts import alert_body, device, post_alert, stored_files


def test_jobs_once_purges_expired_clips(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    with open_api(url, tmp_path) as api:
        body = alert_body(api.world.store_a1)
        assert post_alert(api, device(api).headers, body).status_code == 201
        with api.state.db.write() as s:
            s.execute(
                update(Alert)
                .where(Alert.id == uuid.UUID(body["id"]))
                .values(received_at=utcnow() - timedelta(days=api.state.settings.alert_retention_days + 1))
            )
            s.commit()
        assert len(stored_files(api)) == 2
        monkeypatch.setenv("AUTOSTORE_DATABASE_URL", url)
        monkeypatch.setenv("AUTOSTORE_SECRET_KEY", TEST_SECRET)
        monkeypatch.setenv("AUTOSTORE_DATA_DIR", str(tmp_path))
        assert main(["jobs", "--once", "--no-forecast"]) == 0
        assert stored_files(api) == []
        with api.state.db.read() as s:
            alert = s.get(Alert, uuid.UUID(body["id"]))
            assert alert is not None and alert.media_purged_at is not None  # the alert itself is kept
