"""`AppContext`: what every page shares after sign-in — the client, the worker pool, the account, the
chosen store, online state and the live event feed — and the one way pages call the backend (`run`).

`run` keeps the GUI thread free (the call happens on a TaskRunner worker), counts calls in flight for the
busy indicator, turns failures into sentences, and notices when the backend stops answering: the app then
goes read-only and `ConnectivityMonitor` brings it back by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from core.client.api import ApiClient
from core.client.errors import AuthError, NetworkError
from core.qt.tasks import TaskHandle, TaskRunner
from core.schemas.events import EventOut
from core.schemas.stores import StoreOut
from owner_app.account import Account, Permissions
from owner_app.errors import error_text
from owner_app.prefs import UiPrefs

log = logging.getLogger("autostore.owner")

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class AppContext(QObject):
    store_changed = Signal(object)  # StoreOut
    online_changed = Signal(bool)
    busy_changed = Signal(bool)
    event_received = Signal(object)  # EventOut, already filtered to what this account may see
    message = Signal(str, int)  # text for the status bar, timeout in ms (0: until replaced)
    session_ended = Signal(str)  # the server refused our sign-in: back to the sign-in page, with why

    def __init__(
        self,
        client: ApiClient,
        account: Account,
        tasks: TaskRunner,
        prefs: UiPrefs,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.account = account
        self.tasks = tasks
        self.prefs = prefs
        self._online = True
        self._in_flight = 0
        self.closed = False  # signed out or window closed: late answers are dropped, new calls refused
        remembered = account.store(prefs.last_store_id())
        self._store: StoreOut | None = remembered or (account.stores[0] if account.stores else None)

    # -- state --------------------------------------------------------------------------------------------
    @property
    def store(self) -> StoreOut | None:
        return self._store

    @property
    def store_id(self) -> int | None:
        return self._store.id if self._store else None

    @property
    def permissions(self) -> Permissions:
        return self.account.permissions

    @property
    def online(self) -> bool:
        return self._online

    @property
    def busy(self) -> bool:
        return self._in_flight > 0

    def set_store(self, store_id: int) -> None:
        store = self.account.store(store_id)
        if store is None or store == self._store:
            return
        self._store = store
        self.prefs.set_last_store_id(store_id)
        self.store_changed.emit(store)

    def set_online(self, online: bool) -> None:
        if online != self._online:
            self._online = online
            log.info("backend %s", "reachable again" if online else "unreachable: read-only")
            self.online_changed.emit(online)

    def publish_event(self, event: EventOut) -> None:
        self.event_received.emit(event)

    # -- calls --------------------------------------------------------------------------------------------
    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        busy: bool = True,
        **kwargs: Any,
    ) -> TaskHandle | None:
        """Call `fn(*args, **kwargs)` on a worker. `on_error` gets the exception; without one, the error's
        sentence goes to the status bar. Network failures also switch the app to offline. After `close()`
        nothing is started (None) and answers still on their way are dropped."""
        if self.closed:
            return None
        handle = self.tasks.submit(fn, *args, **kwargs)
        if busy:
            self._add_in_flight(1)

        def finished(result: object) -> None:
            if self.closed:
                return
            if busy:
                self._add_in_flight(-1)
            self.set_online(True)
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            if self.closed:
                return
            if busy:
                self._add_in_flight(-1)
            if isinstance(error, NetworkError):
                self.set_online(False)
            if isinstance(error, AuthError):
                self.session_ended.emit(error_text(error))
                return
            if on_error is not None:
                on_error(error)
            else:
                self.message.emit(error_text(error), 10000)

        handle.finished.connect(finished)
        handle.failed.connect(failed)
        return handle

    def close(self) -> None:
        self.closed = True

    def _add_in_flight(self, step: int) -> None:
        before = self.busy
        self._in_flight = max(0, self._in_flight + step)
        if self.busy != before:
            self.busy_changed.emit(self.busy)
