"""What the app holds between requests: settings, the database and the event notifier. No global singletons:
it hangs off `app.state` and reaches routes through `api.deps`."""

from __future__ import annotations

from dataclasses import dataclass, field

from backend.db.session import Database
from backend.events import EventNotifier
from backend.payments.base import PaymentProvider
from backend.services.catalogue import CatalogueCache
from backend.settings import BackendSettings


@dataclass
class AppState:
    settings: BackendSettings
    db: Database
    payments: PaymentProvider
    notifier: EventNotifier = field(default_factory=EventNotifier)
    catalogue_cache: CatalogueCache = field(default_factory=CatalogueCache)
