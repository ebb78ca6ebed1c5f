"""Backend fixtures: a fresh database per test (SQLite, and PostgreSQL where AUTOSTORE_TEST_PG_URL is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from backend.app import create_app
from backend.settings import BackendSettings
from backend.state import AppState
from tests.backend.world import World, build_world

TEST_SECRET = "test-secret-key-that-is-long-enough"
PG_URL = os.environ.get("AUTOSTORE_TEST_PG_URL", "")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    if not PG_URL:
        pytest.skip("AUTOSTORE_TEST_PG_URL not set (.ci/run starts PostgreSQL and sets it)")
    name = f"autostore_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def make_settings(url: str, tmp_path: Path, **overrides: object) -> BackendSettings:
    return BackendSettings(
        database_url=url,
        secret_key=TEST_SECRET,
        data_dir=tmp_path,
        sse_poll_s=0.2,
        **overrides,  # type: ignore[arg-type]
    )


@pytest.fixture(params=["sqlite"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """SQLite by default; tests that must also run on PostgreSQL use `any_db_url`."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def app(db_url: str, tmp_path: Path) -> FastAPI:
    return create_app(make_settings(db_url, tmp_path))


@pytest.fixture
def state(app: FastAPI) -> AppState:
    st: AppState = app.state.autostore
    return st


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def world(state: AppState) -> World:
    return build_world(state.db)
