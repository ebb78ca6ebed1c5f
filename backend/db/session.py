"""Engines and sessions.

SQLite: WAL, foreign keys, and writes serialised. Read transactions start deferred; write transactions start
with BEGIN IMMEDIATE behind an in-process lock and a cross-process file lock, so concurrent writers queue
promptly instead of SQLite's sleep-and-retry busy handler (which gives second-long tail latencies).
The busiest write path (orders) goes through `run_write`, where concurrent calls share one transaction
and so one fsync of the WAL (group commit, below).
PostgreSQL: one engine; correctness under concurrency comes from conditional updates in the transaction.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from backend.db.lookup import RawLookup, Row

T = TypeVar("T")
GROUP_COMMIT_MAX = 32  # jobs per shared transaction: bounds how long the first of them waits


class Database:
    def __init__(self, url: str, *, sqlite_synchronous: str = "FULL", echo: bool = False) -> None:
        self.url = make_url(url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self._thread_lock = threading.Lock()
        self._lock_path: Path | None = None
        self._lock_fd: int | None = None
        self._lock_pid = 0
        self._quick_lock = threading.Lock()
        self._quick_conn: Any = None  # SQLite: the DBAPI connection quick_read keeps, with its pid
        self._quick_pid = 0
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
        self._group_commit = _GroupCommit(self)

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

        begin = "BEGIN IMMEDIATE" if immediate else "BEGIN"

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            # On the DBAPI connection: through exec_driver_sql this cost ~80 us of SQLAlchemy per
            # transaction, more than the statement itself.
            conn.connection.dbapi_connection.execute(begin)

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

    def quick_read(self, lookup: RawLookup, **params: Any) -> Row | None:
        """The first row of a one-row indexed lookup, run outside any transaction.

        On a SQLite file, on one connection this process keeps for these reads alone (a lock makes its
        users take turns, a few microseconds each): the fast lanes call this from the event loop, which
        must never wait for the pool to free a connection, and the pool's checkout and reset cost about
        as much as the read. WAL readers do not wait for writers. Elsewhere, on a pooled connection.
        """
        if not self.is_sqlite or self._lock_path is None:
            return lookup.first(self.read_engine, **params)
        with self._quick_lock:
            if self._quick_conn is None or self._quick_pid != os.getpid():
                self._quick_conn = self._own_sqlite_connection()
                self._quick_pid = os.getpid()
            return lookup.first_on(self._quick_conn, self.read_engine.dialect, **params)

    def _own_sqlite_connection(self) -> Any:
        dialect = self.read_engine.dialect
        cargs, cparams = dialect.create_connect_args(self.url)
        conn = dialect.loaded_dbapi.connect(*cargs, **{**cparams, "check_same_thread": False})
        conn.isolation_level = None  # autocommit: each read sees the latest commit
        conn.execute("PRAGMA busy_timeout=10000")
        return conn

    def run_write(self, work: Callable[[Connection], T]) -> T:
        """Run `work` (Core statements on the connection it gets) in a write transaction, commit, and
        return its result; if it raises, none of its changes are kept and the exception comes back here.

        On SQLite, calls that arrive while another transaction commits wait for it and then run together
        in the next one, each in its own savepoint: one lock hand-over, BEGIN and fsync for the lot
        (group commit, below). It returns once the shared transaction is durable. On PostgreSQL, which
        runs concurrent transactions and groups their commits itself, each call is its own transaction.
        `work` runs on whichever thread leads, and must not open another write transaction itself.
        """
        if not self.is_sqlite:
            with self.write_engine.begin() as conn:
                return work(conn)
        return self._group_commit.run(work)

    @contextmanager
    def _sqlite_write_connection(self) -> Iterator[Connection]:
        """A connection in a BEGIN IMMEDIATE transaction behind both write locks; commit inside."""
        with self._thread_lock, self._file_lock(), self.write_engine.connect() as conn:
            yield conn

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        if self._lock_path is None:
            yield
            return
        handle = self._lock_file()
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

    def _lock_file(self) -> int:
        """The lock file, opened once per process (opening it per transaction cost ~0.1 ms). Called under
        the thread lock. A child process opens its own: flock excludes open files, not processes, so
        a descriptor inherited through fork would not exclude the parent."""
        assert self._lock_path is not None
        if self._lock_fd is None or self._lock_pid != os.getpid():
            self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._lock_pid = os.getpid()
        return self._lock_fd

    def dispose(self) -> None:
        if self._lock_fd is not None and self._lock_pid == os.getpid():
            os.close(self._lock_fd)
            self._lock_fd = None
        with self._quick_lock:
            if self._quick_conn is not None and self._quick_pid == os.getpid():
                self._quick_conn.close()
            self._quick_conn = None
        self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            self.write_engine.dispose()


class _Job(Generic[T]):
    def __init__(self, work: Callable[[Connection], T]) -> None:
        self.work = work
        self.result: T | None = None
        self.error: BaseException | None = None
        self.lead = False  # set by the previous leader: run the next shared transaction
        self.wake = threading.Event()


class _GroupCommit:
    """Leader/follower group commit: the first caller to find no transaction running becomes the leader,
    runs every queued job (up to GROUP_COMMIT_MAX) in one transaction and commits; jobs queued meanwhile
    wait, and the oldest of them leads the next transaction. Each caller then returns its own job's
    result, or raises its error, on its own thread."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._mutex = threading.Lock()
        self._queue: list[_Job[Any]] = []
        self._leading = False

    def run(self, work: Callable[[Connection], T]) -> T:
        job = _Job(work)
        with self._mutex:
            self._queue.append(job)
            job.lead = not self._leading
            self._leading = True
        if not job.lead:
            job.wake.wait()
        if job.lead:  # our job is in the queue still: run it and whatever queued with it
            self._lead()
        if job.error is not None:
            raise job.error
        return job.result  # type: ignore[return-value]

    def _lead(self) -> None:
        with self._mutex:
            batch, self._queue = self._queue[:GROUP_COMMIT_MAX], self._queue[GROUP_COMMIT_MAX:]
        try:
            self._run_batch(batch)
        finally:
            with self._mutex:
                if self._queue:
                    self._queue[0].lead = True
                    self._queue[0].wake.set()
                else:
                    self._leading = False
            for job in batch:
                if not job.lead:
                    job.wake.set()

    def _run_batch(self, batch: list[_Job[Any]]) -> None:
        try:
            with self._db._sqlite_write_connection() as conn:
                conn.begin()  # BEGIN IMMEDIATE (the engine's begin event)
                cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
                try:
                    for job in batch:
                        cursor.execute("SAVEPOINT group_job")
                        try:
                            job.result = job.work(conn)
                        except Exception as exc:  # this job's failure; the others go on
                            job.error = exc
                            cursor.execute("ROLLBACK TO SAVEPOINT group_job")
                        cursor.execute("RELEASE SAVEPOINT group_job")
                finally:
                    cursor.close()
                conn.commit()
        except BaseException as exc:  # the shared transaction failed: nothing of any job was kept
            for job in batch:
                if job.error is None:
                    job.error = exc
                    job.result = None
            if not isinstance(exc, Exception):
                raise
