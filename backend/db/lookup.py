"""Core statements run straight on the DBAPI connection, for the few that run on every kiosk request.

On SQLite, SQLAlchemy's execution machinery costs several times the statement itself: about 95 us per
`Connection.execute` of a prebuilt statement against 15 us for the same SQL on the sqlite3 cursor, and a
pooled `Connection` adds a BEGIN and a ROLLBACK around a one-row read. The order transaction runs about
ten statements and every catalogue read two lookups, so those compile their Core statement once per
dialect (SQLAlchemy still writes the SQL, quoting and casts included) and bind values through the same
type processors SQLAlchemy would apply (UUIDs, datetimes, JSON), then run it on the driver's cursor.

Rows come back as the driver gives them, without result processing: read only plain ints, strings and
NULL tests through here (a SQLite datetime comes back as a string). Statements must not use expanding
IN parameters; build one statement per list length instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Dialect, Engine
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

Row = tuple[Any, ...]
Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    slots: tuple[tuple[str, Processor | None], ...] | None  # positional drivers (SQLite): in order
    processors: dict[str, Processor]  # named drivers (psycopg)
    constants: dict[str, Any]  # binds the statement gave a value itself (the 1 in `seq + 1`)

    def bind(self, params: Mapping[str, Any]) -> Any:
        if self.constants:
            params = {**self.constants, **params}
        if self.slots is not None:
            return tuple(
                [params[name] if process is None else process(params[name]) for name, process in self.slots]
            )
        if not self.processors:
            return params
        bound = dict(params)
        for name, process in self.processors.items():
            bound[name] = process(bound[name])
        return bound


class RawStatement:
    """A Core statement compiled once per dialect, executed on the DBAPI cursor of a connection."""

    def __init__(self, statement: Executable, *, column_keys: Sequence[str] | None = None) -> None:
        """`column_keys`: for an INSERT, the columns given (every row must give each of them)."""
        self._statement = statement
        self._column_keys = list(column_keys) if column_keys is not None else None
        self._compiled: dict[str, _Compiled] = {}
        self._lock = threading.Lock()

    def _for(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is not None:
            return found
        assert isinstance(self._statement, ClauseElement)
        compiled = self._statement.compile(dialect=dialect, column_keys=self._column_keys)
        assert isinstance(compiled, SQLCompiler)
        if "POSTCOMPILE" in compiled.string or getattr(compiled, "escaped_bind_names", None):
            raise ValueError("RawStatement needs plain bind parameters (no expanding IN, no odd names)")
        processors: dict[str, Processor] = {}
        constants: dict[str, Any] = {}
        for bind, name in compiled.bind_names.items():
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                processors[name] = process
            if not bind.required:
                constants[name] = bind.effective_value
        slots = None
        if compiled.positional:
            slots = tuple((name, processors.get(name)) for name in compiled.positiontup or ())
        found = _Compiled(compiled.string, slots, processors, constants)
        with self._lock:
            self._compiled[dialect.name] = found
        return found

    def run(self, connection: Connection, params: Mapping[str, Any]) -> list[Row]:
        """Execute once inside the connection's transaction; the rows it returns (RETURNING, SELECT)."""
        compiled = self._for(connection.dialect)
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(compiled.sql, compiled.bind(params))
            return list(cursor.fetchall()) if cursor.description else []
        finally:
            cursor.close()

    def run_many(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        """Execute for each row (the driver's executemany); nothing is returned."""
        if not rows:
            return
        compiled = self._for(connection.dialect)
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(compiled.sql, [compiled.bind(row) for row in rows])
        finally:
            cursor.close()


class RawLookup(RawStatement):
    """A one-row SELECT outside any transaction: on a pooled connection of its own (`first`), or on a
    DBAPI connection the caller keeps (`first_on`, see Database.quick_read).

    On SQLite the connections are in autocommit mode, so the read starts and ends no transaction; on
    PostgreSQL it runs in the implicit transaction the pool rolls back on return.
    """

    def first(self, engine: Engine, **params: Any) -> Row | None:
        connection = engine.raw_connection()
        try:
            return self.first_on(connection, engine.dialect, **params)
        finally:
            connection.close()  # back to the pool

    def first_on(self, connection: Any, dialect: Dialect, **params: Any) -> Row | None:
        compiled = self._for(dialect)
        cursor = connection.cursor()
        try:
            cursor.execute(compiled.sql, compiled.bind(params))
            row = cursor.fetchone()
        finally:
            cursor.close()
        return tuple(row) if row is not None else None
