"""The kiosk's SQLite file: WAL with synchronous=FULL, explicit transactions, one writer at a time.

synchronous=FULL makes every commit fsync the write-ahead log, so a sale that `record_sale` returned for
survives kill -9 and a power cut (NORMAL, WAL's usual partner, may lose the last commits on power loss).
pysqlite's own transaction handling is switched off and BEGIN is issued explicitly, so a transaction covers
its reads as well as its writes; writes take BEGIN IMMEDIATE behind a process lock so they never fail
half-way with "database is locked".
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from core.localstore.models import SCHEMA_VERSION, LocalBase


class LocalStoreError(RuntimeError):
    pass


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see the module docstring)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
    finally:
        cursor.close()


class LocalDatabase:
    """Engine and sessions for one local SQLite file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(
            f"sqlite:///{self.path}", connect_args={"check_same_thread": False, "timeout": 10}
        )
        event.listen(self.engine, "connect", _configure_connection)
        event.listen(self.engine, "begin", self._begin)
        self._write_lock = threading.RLock()
        self._local = threading.local()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._create_schema()

    def _begin(self, conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if getattr(self._local, "writing", False) else "BEGIN")

    def _create_schema(self) -> None:
        with self.engine.connect() as conn:
            found = conn.exec_driver_sql("PRAGMA user_version").scalar() or 0
            conn.rollback()
        if found > SCHEMA_VERSION:
            raise LocalStoreError(
                f"{self.path} was written by a newer AutoStore (schema {found}, this one knows "
                f"{SCHEMA_VERSION}). Update the app, or move the file aside to start afresh."
            )
        with self.write() as session:
            LocalBase.metadata.create_all(session.connection())
            session.execute(text(f"PRAGMA user_version={SCHEMA_VERSION}"))
            session.commit()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction; call `session.commit()` yourself (leaving without it rolls back)."""
        with self._write_lock:
            previous = getattr(self._local, "writing", False)
            self._local.writing = True
            try:
                with self._sessions() as session:
                    try:
                        yield session
                    finally:
                        session.rollback()
            finally:
                self._local.writing = previous

    def pragma(self, name: str) -> Any:
        with self.engine.connect() as conn:
            value = conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            conn.rollback()
            return value

    def dispose(self) -> None:
        self.engine.dispose()
