"""Engines and sessions.

SQLite: WAL, foreign keys, and writes serialised. Read transactions start deferred; write transactions start
with BEGIN IMMEDIATE behind an in-process lock and a cross-process file lock, so concurrent writers queue
promptly instead of SQLite's sleep-and-retry busy handler (which gives second-long tail latencies).
PostgreSQL: one engine; correctness under concurrency comes from conditional updates in the transaction.
"""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


class Database:
    def __init__(self, url: str, *, sqlite_synchronous: str = "FULL", echo: bool = False) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self._thread_lock = threading.Lock()
        self._lock_path: Path | None = None
        if self.is_sqlite:
            self.read_engine = self._sqlite_engine(url, sqlite_synchronous, immediate=False, echo=echo)
            self.write_engine = self._sqlite_engine(url, sqlite_synchronous, immediate=True, echo=echo)
            db_file = self.url.database
            if db_file and db_file != ":memory:":
                self._lock_path = Path(db_file + ".writelock")
        else:
            engine = create_engine(url, echo=echo, pool_size=20, max_overflow=20, pool_pre_ping=True)
            self.read_engine = self.write_engine = engine
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)

    @staticmethod
    def _sqlite_engine(url: str, synchronous: str, *, immediate: bool, echo: bool) -> Engine:
        engine = create_engine(
            url, echo=echo, pool_size=20, max_overflow=20, connect_args={"check_same_thread": False}
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA synchronous={synchronous}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reads (it may write too on PostgreSQL, but use `write` for writes)."""
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction. Commit inside; leaving without a commit rolls back."""
        if not self.is_sqlite:
            with self._write() as session:
                yield session
            return
        with self._thread_lock, self._file_lock(), self._write() as session:
            yield session

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        if self._lock_path is None:
            yield
            return
        with open(self._lock_path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def dispose(self) -> None:
        self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            self.write_engine.dispose()
