"""The FastAPI app factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from backend.api.deps import FastLanes
from backend.db.migrate import upgrade_to_head
from backend.db.session import Database
from backend.errors import install_error_handlers
from backend.payments.sandbox import SandboxProvider
from backend.settings import BackendSettings
from backend.state import AppState

log = logging.getLogger("autostore.backend")
API_PREFIX = "/api/v1"


def create_app(settings: BackendSettings | None = None, *, migrate: bool = True) -> FastAPI:
    settings = settings or BackendSettings()
    db = Database(settings.effective_database_url, sqlite_synchronous=settings.sqlite_synchronous)
    if migrate:
        upgrade_to_head(db.write_engine)
    state = AppState(settings=settings, db=db, payments=SandboxProvider())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        log.info("backend ready (database: %s)", db.url.render_as_string(hide_password=True))
        yield
        db.dispose()

    app = FastAPI(
        title="AutoStore API",
        version="1.0",
        lifespan=lifespan,
        docs_url="/api/docs",
        openapi_url="/api/v1/openapi.json",
        redoc_url=None,
    )
    app.state.autostore = state
    install_error_handlers(app)

    from backend.api.routes import (
        auth,
        catalogue,
        devices,
        events,
        health,
        inventory,
        orders,
        payments,
        stats,
        stores,
    )

    for module in (health, auth, stores, devices, catalogue, inventory, orders, payments, stats, events):
        app.include_router(module.router, prefix=API_PREFIX)
    from backend.api.routes import alerts

    app.include_router(alerts.router, prefix=API_PREFIX)
    from backend.api.routes import forecasts

    app.include_router(forecasts.router, prefix=API_PREFIX)
    # Kiosks' catalogue reads and order creates skip FastAPI's routing (see backend.api.deps.FastLanes).
    app.add_middleware(FastLanes, lanes=(catalogue.LANE, orders.LANE), prefix=API_PREFIX)
    return app
