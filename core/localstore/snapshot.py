"""The catalogue snapshot and the kiosk's facts (device, store, config, event-stream position).

The snapshot is what the kiosk sells from, online or not. It starts from the activation bundle, is replaced
whole by a fresh catalogue, and is kept current by events from the stream. Each event is applied in one
transaction with the stream position, and an event at or below that position is skipped, so replaying
the stream after a crash or a reconnect changes nothing.

Stock figures from the backend do not yet include sales still in the outbox, so those are subtracted
whenever a backend figure is written.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from core.localstore.db import LocalDatabase
from core.localstore.models import LocalCategory, LocalItem, MetaEntry
from core.localstore.outbox import pending_quantities
from core.schemas.catalogue import CatalogueItem, CategoryOut, StoreCatalogue
from core.schemas.devices import ActivateResponse, KioskConfig
from core.schemas.events import EventOut
from core.schemas.stores import StoreOut

_ITEM_FIELDS = tuple(CatalogueItem.model_fields)


class EventEffect(StrEnum):
    duplicate = "duplicate"  # already applied (at or below the stream position)
    ignored = "ignored"  # not about this kiosk's catalogue or config; the position still advances
    applied = "applied"
    catalogue_stale = "catalogue_stale"  # too little data to apply: fetch the catalogue (cheap, ETag)
    config_stale = "config_stale"  # this device's config changed: fetch it and call set_config


def _get_meta(session: Session, key: str) -> str | None:
    return session.scalar(select(MetaEntry.value).where(MetaEntry.key == key))


def _set_meta(session: Session, key: str, value: str) -> None:
    session.merge(MetaEntry(key=key, value=value))


def _item_out(row: LocalItem) -> CatalogueItem:
    return CatalogueItem.model_validate({name: getattr(row, name) for name in _ITEM_FIELDS})


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class SnapshotStore:
    db: LocalDatabase

    # -- facts --------------------------------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        with self.db.read() as s:
            return _get_meta(s, key)

    @property
    def device_id(self) -> str | None:
        return self._meta("device_id")

    @property
    def is_activated(self) -> bool:
        return self.device_id is not None

    def store(self) -> StoreOut | None:
        raw = self._meta("store")
        return StoreOut.model_validate_json(raw) if raw else None

    def config(self) -> KioskConfig:
        raw = self._meta("config")
        return KioskConfig.model_validate_json(raw) if raw else KioskConfig()

    def set_config(self, config: KioskConfig) -> None:
        with self.db.write() as s:
            _set_meta(s, "config", config.model_dump_json())
            s.commit()

    @property
    def last_event_id(self) -> int:
        return int(self._meta("last_event_id") or 0)

    @property
    def snapshot_at(self) -> datetime | None:
        raw = self._meta("snapshot_at")
        return datetime.fromisoformat(raw) if raw else None

    # -- writing the snapshot -----------------------------------------------------------------------------
    def apply_bootstrap(self, bundle: ActivateResponse) -> None:
        """Everything from activation in one go (the refresh token is not here: it lives in the keyring)."""
        with self.db.write() as s:
            _set_meta(s, "device_id", bundle.device_id)
            _set_meta(s, "store", bundle.store.model_dump_json())
            _set_meta(s, "config", bundle.config.model_dump_json())
            _set_meta(s, "last_event_id", str(bundle.last_event_id))
            self._replace_catalogue(s, bundle.catalogue)
            s.commit()

    def replace_catalogue(self, catalogue: StoreCatalogue) -> None:
        with self.db.write() as s:
            self._replace_catalogue(s, catalogue)
            s.commit()

    def _replace_catalogue(self, s: Session, catalogue: StoreCatalogue) -> None:
        s.execute(delete(LocalCategory))
        s.execute(delete(LocalItem))
        s.add_all(LocalCategory(**c.model_dump()) for c in catalogue.categories)
        pending = pending_quantities(s)
        for item in catalogue.items:
            values = item.model_dump()
            values["quantity"] = max(item.quantity - pending.get(item.product_id, 0), 0)
            s.add(LocalItem(**values))
        _set_meta(s, "snapshot_at", catalogue.generated_at.isoformat())

    def apply_event(self, event: EventOut) -> EventEffect:
        """Apply one streamed event, at most once (by event id), with the stream position in one commit."""
        with self.db.write() as s:
            if event.id <= int(_get_meta(s, "last_event_id") or 0):
                return EventEffect.duplicate
            store = _get_meta(s, "store")
            ours = (
                store is None
                or event.store_id is None
                or event.store_id == StoreOut.model_validate_json(store).id
            )
            effect = self._apply(s, event) if ours else EventEffect.ignored
            _set_meta(s, "last_event_id", str(event.id))
            s.commit()
            return effect

    def _apply(self, s: Session, event: EventOut) -> EventEffect:
        data = event.data
        if event.type == "stock.changed":
            listed = data.get("items")
            changes: list[Any] = listed if isinstance(listed, list) else [data]
            # The backend's figure already includes the order this event is about, even when our outbox
            # has not yet heard back about it: subtract only the other pending sales.
            pending = pending_quantities(s, exclude_order=data.get("order_id"))
            applied = False
            for change in changes:
                if "product_id" not in change or "quantity" not in change:
                    continue
                row = s.get(LocalItem, int(change["product_id"]))
                if row is not None:
                    row.quantity = max(int(change["quantity"]) - pending.get(row.product_id, 0), 0)
                    applied = True
            return EventEffect.applied if applied else EventEffect.ignored
        if event.type == "product.deleted":
            ids = [int(i) for i in data.get("product_ids", [data.get("product_id")]) if i is not None]
            s.execute(delete(LocalItem).where(LocalItem.product_id.in_(ids)))
            return EventEffect.applied if ids else EventEffect.ignored
        if event.type == "product.changed":
            # The event names the products, not their new values: the catalogue has them (ETag: cheap).
            return EventEffect.catalogue_stale
        if event.type == "config.changed":
            if data.get("device_id") not in (None, _get_meta(s, "device_id")):
                return EventEffect.ignored
            if isinstance(data.get("config"), dict):
                _set_meta(s, "config", KioskConfig.model_validate(data["config"]).model_dump_json())
                return EventEffect.applied
            return EventEffect.config_stale
        return EventEffect.ignored

    # -- reading the snapshot -----------------------------------------------------------------------------
    def categories(self) -> list[CategoryOut]:
        with self.db.read() as s:
            rows = s.scalars(select(LocalCategory).order_by(LocalCategory.sort_order, LocalCategory.id))
            return [CategoryOut.model_validate(r) for r in rows]

    def items(self, category_id: int | None = None) -> list[CatalogueItem]:
        query = select(LocalItem).order_by(LocalItem.category_id, LocalItem.name_ko, LocalItem.product_id)
        if category_id is not None:
            query = query.where(LocalItem.category_id == category_id)
        with self.db.read() as s:
            return [_item_out(r) for r in s.scalars(query)]

    def item(self, product_id: int) -> CatalogueItem | None:
        with self.db.read() as s:
            row = s.get(LocalItem, product_id)
            return _item_out(row) if row is not None else None

    def search(self, text: str, limit: int = 50) -> list[CatalogueItem]:
        """Products whose Korean or English name contains `text` (English case-insensitively)."""
        text = text.strip()
        if not text:
            return []
        pattern = f"%{_escape_like(text)}%"
        query = (
            select(LocalItem)
            .where(
                or_(
                    LocalItem.name_ko.like(pattern, escape="\\"), LocalItem.name_en.like(pattern, escape="\\")
                )
            )
            .order_by(LocalItem.name_ko, LocalItem.product_id)
            .limit(limit)
        )
        with self.db.read() as s:
            return [_item_out(r) for r in s.scalars(query)]

    def item_by_barcode(self, barcode: str) -> CatalogueItem | None:
        with self.db.read() as s:
            row = s.scalars(select(LocalItem).where(LocalItem.barcode == barcode.strip()).limit(1)).first()
            return _item_out(row) if row is not None else None
