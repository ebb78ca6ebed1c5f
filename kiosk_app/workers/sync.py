"""Keeping the kiosk and the backend in step, on threads of their own.

- The outbox: `OutboxSync.run_forever` delivers recorded sales, each exactly once (the order id is the
  idempotency key), backing off while the backend is away; `wake()` after each sale. Each delivery also
  reports the backend's order number, which the receipt on screen then shows.
- The event stream: catalogue, price, stock and config changes arrive over SSE and are applied to the
  local store at once (by event id, so a replay after a reconnect changes nothing); the GUI reloads.

Every signal is emitted from a worker thread and queued to the GUI thread by Qt.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from core.client.api import OrderSubmission
    from core.client.sse import SseClient
    from core.localstore import LocalStore
    from core.outbox_sync import OutboxSync
    from core.schemas.events import EventOut
    from core.schemas.orders import OrderCreate
    from kiosk_app.kiosk_api import KioskApi
    from kiosk_app.options import Timings

log = logging.getLogger("autostore.kiosk.sync")


class SyncWorker(QObject):
    reported = Signal(object)  # SyncReport after each outbox pass
    delivered = Signal(str, str)  # order id, the backend's order number
    catalogue_changed = Signal()
    config_changed = Signal()
    stream_state = Signal(bool)  # the event stream connected (True) or lost (False)
    auth_required = Signal()  # the device's session is over: re-activation needed

    def __init__(self, local: LocalStore, api: KioskApi, timings: Timings, parent: QObject | None = None):
        super().__init__(parent)
        from core.outbox_sync import OutboxSync

        self.local = local
        self.api = api
        self.timings = timings
        self.outbox: OutboxSync = OutboxSync(
            local,
            _NumberReporter(api, self.delivered.emit),
            base_delay_s=timings.sync_base_delay_s,
            max_delay_s=timings.sync_max_delay_s,
        )
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sse: SseClient | None = None
        self._sse_lock = threading.Lock()
        self._stale: set[str] = set()  # "catalogue" / "config": a refresh that failed, to retry

    def start(self) -> None:
        self._stop.clear()
        for name, target in (("kiosk-outbox", self._run_outbox), ("kiosk-events", self._run_stream)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self.outbox.wake()
        self._cut_stream()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    def wake(self) -> None:
        """A sale was just recorded: deliver it now rather than at the next interval."""
        self.outbox.wake()

    def network_changed(self) -> None:
        """The demo network switch moved: drop the open stream so it reconnects (or waits) at once."""
        self._cut_stream()
        self.outbox.wake()

    def _cut_stream(self) -> None:
        with self._sse_lock:
            client = self._sse
        if client is not None:
            client.stop()

    # -- the outbox ---------------------------------------------------------------------------------------
    def _run_outbox(self) -> None:
        self.outbox.run_forever(self._stop, self.timings.sync_interval_s, self.reported.emit)

    # -- the event stream ---------------------------------------------------------------------------------
    def _run_stream(self) -> None:
        from core.client.errors import ApiError, AuthError
        from core.client.sse import SseClient

        while not self._stop.is_set():
            if self.api.dropped.is_set():
                self._stop.wait(0.2)
                continue
            client = SseClient(
                self.api,
                last_event_id=self.local.last_event_id,
                keepalive_s=self.timings.sse_keepalive_s,
                backoff_base_s=0.5,
                backoff_cap_s=10.0,
            )
            with self._sse_lock:
                self._sse = client
            try:
                self._consume(client)
            except AuthError:
                log.warning("event stream refused: the device's session is over")
                self.auth_required.emit()
                return
            except ApiError as exc:
                log.warning("event stream refused (%s); retrying later", exc.code)
                self._stop.wait(10.0)
            except Exception:
                log.exception("event stream failed; reconnecting")
                self._stop.wait(2.0)
            finally:
                client.stop()
                with self._sse_lock:
                    self._sse = None
                self.stream_state.emit(False)

    def _consume(self, client: SseClient) -> None:
        announced = False
        for raw in client:
            if self._stop.is_set() or self.api.dropped.is_set():
                return
            if not announced:
                announced = True
                self.stream_state.emit(True)
            self._refresh_stale()
            event = raw.to_event()
            if event is not None:
                self._apply(event)

    def _apply(self, event: EventOut) -> None:
        from core.localstore import EventEffect

        if event.type == "device.revoked" and event.data.get("device_id") == self.local.device_id:
            self.auth_required.emit()
        effect = self.local.apply_event(event)
        if effect == EventEffect.catalogue_stale:
            self._stale.add("catalogue")
        elif effect == EventEffect.config_stale:
            self._stale.add("config")
        elif effect == EventEffect.applied:
            if event.type == "config.changed":
                self.config_changed.emit()
            else:
                self.catalogue_changed.emit()

        self._refresh_stale()

    def _refresh_stale(self) -> None:
        """Fetch what the stream said changed; on failure keep the mark (the position already moved on)."""
        from core.client.errors import ApiError

        for what in sorted(self._stale):
            try:
                self.refresh_catalogue() if what == "catalogue" else self._refresh_config()
            except ApiError as exc:
                log.info("%s refresh failed (%s); retrying with the next event", what, exc.code)
                return
            self._stale.discard(what)

    def refresh_catalogue(self) -> None:
        store = self.local.store()
        if store is None:
            return
        self.local.replace_catalogue(self.api.catalogue(store.id))
        self.catalogue_changed.emit()

    def _refresh_config(self) -> None:
        device_id = self.local.device_id
        if device_id is None:
            return
        self.local.set_config(self.api.device_config(device_id).config)
        self.config_changed.emit()


class _NumberReporter:
    """The order sender for OutboxSync: the API, plus a callback with the backend's order number."""

    def __init__(self, api: KioskApi, on_delivered: Any) -> None:
        self.api = api
        self.on_delivered = on_delivered

    def submit_order(self, order: OrderCreate) -> OrderSubmission:
        submission = self.api.submit_order(order)
        self.on_delivered(str(order.id), submission.order.number)
        return submission
