"""Starting the kiosk in two steps, so the first screen paints before any heavy library loads.

1. `peek_local_db` (GUI thread, stdlib sqlite3 only, a millisecond): is this kiosk activated, what is the
   store called, which language. That is enough to paint the right first screen.
2. `open_backend_side` (a worker): loads SQLAlchemy, requests and pydantic, opens the local store and the
   keyring, builds the API client. The controller goes live when it returns.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk_app.options import KEYRING_SERVICE, KioskOptions
from kiosk_app.staff_pin import StaffPinStore

if TYPE_CHECKING:
    from core.localstore import LocalStore
    from core.schemas.devices import ActivateResponse, KioskConfig
    from core.schemas.stores import StoreOut
    from core.tokens import TokenStore
    from kiosk_app.catalogue_view import CatalogueView
    from kiosk_app.kiosk_api import KioskApi

log = logging.getLogger("autostore.kiosk.boot")
LOCAL_DB_NAME = "kiosk.db"  # core.localstore.LOCAL_DB_NAME, repeated so the peek needs no SQLAlchemy


@dataclass(frozen=True)
class Peek:
    activated: bool
    store_name: str = ""
    language: str | None = None


def peek_local_db(data_dir: Path) -> Peek:
    """A read-only glance at the local store; any problem means "not known", never an error."""
    path = data_dir / LOCAL_DB_NAME
    if not path.is_file():
        return Peek(activated=False)
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.2) as conn:
            rows = dict(
                conn.execute("SELECT key, value FROM meta WHERE key IN ('device_id','store','config')")
            )
    except sqlite3.Error:
        return Peek(activated=False)
    try:
        store_name = str(json.loads(rows.get("store") or "{}").get("name", ""))
        language = json.loads(rows.get("config") or "{}").get("language")
    except (ValueError, AttributeError):
        store_name, language = "", None
    return Peek("device_id" in rows, store_name, language if language in ("ko", "en") else None)


@dataclass
class BackendSide:
    """What the worker opened: everything the kiosk needs to sell, sync and activate."""

    local: LocalStore
    api: KioskApi
    tokens: TokenStore | None  # None: no usable keyring (`token_problem` says why)
    token_problem: str
    pins: StaffPinStore
    store: StoreOut | None
    config: KioskConfig
    catalogue: CatalogueView
    pending: int
    has_session: bool  # a device refresh token is in the keyring
    device_id: str | None = None

    @property
    def activated(self) -> bool:
        """Live only with both halves: the local snapshot and a device session in the keyring."""
        return self.store is not None and self.has_session


def load_catalogue(local: LocalStore) -> CatalogueView:
    from kiosk_app.catalogue_view import CatalogueView

    return CatalogueView(local.categories(), local.items())


def _load_validated_settings(options: KioskOptions) -> None:
    from core.settings import load_client_settings

    settings, _warnings = load_client_settings()  # warnings are logged there
    options.apply_settings(settings)
    if Path(settings.data_dir) / "kiosk" != options.data_dir:
        log.warning("the settings name another data folder than the one in use (%s)", options.data_dir)


def open_backend_side(options: KioskOptions) -> BackendSide:
    from core.localstore import LocalStore
    from core.tokens import TokenStorageUnavailable, TokenStore
    from kiosk_app.kiosk_api import KioskApi

    if options.load_settings:
        _load_validated_settings(options)
    options.data_dir.mkdir(parents=True, exist_ok=True)
    local = LocalStore(options.data_dir / LOCAL_DB_NAME)
    tokens: TokenStore | None = TokenStore(KEYRING_SERVICE, options.keyring_account)
    problem = ""
    server_url = options.server_url
    try:
        assert tokens is not None
        tokens.ensure_available()
        server_url = tokens.server_url or server_url  # the backend this kiosk was activated against
    except TokenStorageUnavailable as exc:
        log.error("device token storage unavailable: %s", exc)
        tokens, problem = None, str(exc)
    except Exception as exc:  # a keyring backend that fails to load: the machine's setup, not a bug
        log.error("the OS keyring failed: %s: %s", type(exc).__name__, exc)
        tokens, problem = None, f"The OS keyring failed: {exc}"
    api = KioskApi(server_url, tokens, timeout=(3.05, options.request_timeout_s), max_retries=1)
    return BackendSide(
        local=local,
        api=api,
        tokens=tokens,
        token_problem=problem,
        pins=StaffPinStore.in_data_dir(options.data_dir),
        store=local.store(),
        config=local.config(),
        catalogue=load_catalogue(local),
        pending=local.pending_count(),
        has_session=local.is_activated and api.has_session(),
        device_id=local.device_id,
    )


def apply_bootstrap(
    local: LocalStore, bundle: ActivateResponse
) -> tuple[StoreOut | None, KioskConfig, CatalogueView, str | None]:
    """On the db worker: the bundle into the local store, then what the screens need from it."""
    local.apply_bootstrap(bundle)
    return local.store(), local.config(), load_catalogue(local), local.device_id
