"""Backend calls the shared ApiClient does not offer (yet): CCTV alerts, their media and the cameras.

Kept here, on top of the client's public `request`, so the owner app needs no change to core; when core's
client gains alert endpoints this module should call them instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from uuid import UUID

from core.client.api import ApiClient
from core.client.bodies import model, model_list, page, params
from core.schemas.alerts import AlertOut, AlertStatus, AlertType, AlertUpdate, CameraOut
from core.schemas.common import Page


def store_alerts(
    client: ApiClient,
    store_id: int,
    status: AlertStatus | None = None,
    offset: int = 0,
    limit: int = 50,
    *,
    types: Sequence[AlertType] = (),
    camera: str | None = None,
    since: datetime | None = None,
) -> Page[AlertOut]:
    """A store's alerts, newest first, narrowed by type (any of several), camera, status and start time."""
    query: dict[str, str | list[str]] = dict(
        params(status=status, camera=camera, since=since, offset=offset, limit=limit)
    )
    if types:
        query["type"] = [t.value for t in types]
    return page(client.request("GET", f"/stores/{store_id}/alerts", params=query), AlertOut)


def alert(client: ApiClient, alert_id: UUID) -> AlertOut:
    """One alert with its review history."""
    return model(client.request("GET", f"/alerts/{alert_id}"), AlertOut)


def review_alert(client: ApiClient, alert_id: UUID, body: AlertUpdate) -> AlertOut:
    """Acknowledge, resolve or mark as a false alarm, with an optional note."""
    payload = body.model_dump(mode="json", exclude_none=True)
    return model(client.request("PATCH", f"/alerts/{alert_id}", json=payload), AlertOut)


def snapshot(client: ApiClient, alert_id: UUID) -> bytes:
    """The JPEG taken when the alert was raised."""
    return client.request("GET", f"/alerts/{alert_id}/snapshot").content


def download_clip(client: ApiClient, alert_id: UUID, target: Path) -> Path:
    """The alert's MP4 written to `target` (the player reads a local file, so scrubbing needs no network)."""
    response = client.request("GET", f"/alerts/{alert_id}/clip", timeout=(3.05, 60))
    target.write_bytes(response.content)
    return target


def store_cameras(client: ApiClient, store_id: int) -> list[CameraOut]:
    """The store's cameras with health and which alert types each one can and cannot raise."""
    return model_list(client.request("GET", f"/stores/{store_id}/cameras"), CameraOut)
