"""Backend calls the shared ApiClient does not offer (yet): the alert list of a store.

Kept here, on top of the client's public `request`, so the owner app needs no change to core; when core's
client gains an alerts endpoint this module should call it instead.
"""

from __future__ import annotations

from core.client.api import ApiClient
from core.client.bodies import page, params
from core.schemas.alerts import AlertOut, AlertStatus
from core.schemas.common import Page


def store_alerts(
    client: ApiClient, store_id: int, status: AlertStatus | None = None, offset: int = 0, limit: int = 50
) -> Page[AlertOut]:
    """A store's alerts, newest first."""
    query = params(status=status, offset=offset, limit=limit)
    return page(client.request("GET", f"/stores/{store_id}/alerts", params=query), AlertOut)
