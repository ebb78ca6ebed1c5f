"""One-row lookups on a raw pooled DBAPI connection, for the few reads that run on every request.

On SQLite, SQLAlchemy's Connection costs several times the query itself (the BEGIN our engine event
issues, the result machinery, the ROLLBACK when it goes back to the pool): about 250 us against 30 us
for an indexed lookup by key. The lookups every kiosk request makes (the calling device, a store's
catalogue revision) compile their statement once per dialect and run it straight on the pool's
connection: on SQLite in autocommit mode (no transaction at all), on PostgreSQL in the implicit
transaction the pool rolls back on return. Values come back as the driver gives them, without
SQLAlchemy's type processing, so use this only for columns read as plain ints, strings or NULL tests.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, Select


class RawLookup:
    """A Core SELECT, compiled once per dialect, returning its first row as a tuple (or None)."""

    def __init__(self, statement: Select[*tuple[Any, ...]]) -> None:
        self._statement = statement
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None]] = {}
        self._lock = threading.Lock()

    def _sql(self, engine: Engine) -> tuple[str, tuple[str, ...] | None]:
        key = engine.dialect.name
        found = self._compiled.get(key)
        if found is None:
            compiled = self._statement.compile(dialect=engine.dialect)
            order = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
            found = (compiled.string, order)
            with self._lock:
                self._compiled[key] = found
        return found

    def first(self, engine: Engine, **params: Any) -> tuple[Any, ...] | None:
        sql, order = self._sql(engine)
        bound: Any = tuple(params[name] for name in order) if order is not None else params
        connection = engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(sql, bound)
                row = cursor.fetchone()
            finally:
                cursor.close()
        finally:
            connection.close()  # back to the pool
        return tuple(row) if row is not None else None
