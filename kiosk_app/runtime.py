"""Everything behind the screens: the local store, the API, the device and sync workers, and the two task
runners that keep the GUI thread free.

Local database work runs on ONE worker (`db`: SQLite writes are serialised anyway, and one queue keeps
them in order); network calls run in parallel on `net`. Results come back as signals on the GUI thread.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from core.qt.tasks import TaskHandle, TaskRunner
from kiosk_app.boot import BackendSide, apply_bootstrap, load_catalogue, open_backend_side
from kiosk_app.options import KioskOptions
from kiosk_app.workers.camera import CameraWorker
from kiosk_app.workers.devices import CardWorker, SensorWorker
from kiosk_app.workers.network import NetworkState

if TYPE_CHECKING:
    from core.outbox_sync import SyncReport
    from core.schemas.devices import KioskConfig
    from kiosk_app.workers.sync import SyncWorker

log = logging.getLogger("autostore.kiosk.runtime")


FREEZE_HEAP_AFTER_MS = 2000
DELIVER_AFTER_SALE_MS = 150  # the receipt screen is switched to and painted first
CAMERA_WARM_UP_AFTER_MS = 1000  # after the first frame and the deferred screens, before the heap freeze


class KioskRuntime(QObject):
    booted = Signal(bool)  # at start-up. True: activated and live; False: activation needed
    store_changed = Signal()  # the store (name, config) is known: after booting or an activation
    boot_failed = Signal(str)
    catalogue_loaded = Signal(object)  # CatalogueView
    config_changed = Signal()
    delivered = Signal(str, str)  # order id, the backend's order number
    auth_required = Signal()

    def __init__(self, options: KioskOptions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.db = TaskRunner(max_threads=1, name="kiosk-db", parent=self)
        self.net = TaskRunner(name="kiosk-net", parent=self)
        self.network = NetworkState(self)
        self.side: BackendSide | None = None
        self.sync: SyncWorker | None = None
        self.closed = False  # after shutdown, late signals from worker threads are ignored
        self.boot_error = ""
        self.sensor = SensorWorker(options.sensor_url, self)
        self.card = CardWorker(options.card_reader_url, self)
        timings = options.timings
        self.camera = CameraWorker(
            options.camera_url,
            options.analyser,
            frames=timings.camera_burst_frames,
            interval_s=timings.camera_burst_interval_s,
            parent=self,
        )
        self._heartbeat = QTimer(self)
        self._heartbeat.timeout.connect(self.send_heartbeat)
        self.network.changed.connect(self._pace_heartbeat)

    # -- facts for the screens ----------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.side is not None

    @property
    def live(self) -> bool:
        return self.sync is not None

    @property
    def config(self) -> KioskConfig:
        assert self.side is not None, "not booted yet"
        return self.side.config

    @property
    def store_name(self) -> str:
        store = self.side.store if self.side else None
        return store.name if store else ""

    # -- start-up -----------------------------------------------------------------------------------------
    def boot(self) -> None:
        handle = self.db.submit(open_backend_side, self.options)
        handle.finished.connect(self._on_booted)
        handle.failed.connect(self._on_boot_failed)

    def _on_boot_failed(self, error: Exception) -> None:
        log.error("the kiosk could not open its local store: %s", error)
        self.boot_error = str(error)
        self.boot_failed.emit(self.boot_error)

    def _on_booted(self, side: BackendSide) -> None:
        self.side = side
        options = self.options  # the validated settings may name other devices than the quick read
        self.sensor.url, self.card.url = options.sensor_url, options.card_reader_url
        self.camera.url = options.camera_url
        self.network.set_pending(side.pending)
        self.card.start()
        self.sensor.start(side.config.wake_distance_cm, side.config.wake_consecutive_readings)
        self.catalogue_loaded.emit(side.catalogue)
        QTimer.singleShot(CAMERA_WARM_UP_AFTER_MS, self.camera.warm_up)
        if side.activated:
            self._go_live()
        self.store_changed.emit()
        self.booted.emit(side.activated)

    def _go_live(self) -> None:
        from kiosk_app.workers.sync import SyncWorker

        assert self.side is not None
        self.sync = SyncWorker(self.side.local, self.side.api, self.options.timings, self)
        self.sync.reported.connect(self._on_sync_report)
        self.sync.delivered.connect(self.delivered)
        self.sync.catalogue_changed.connect(self.reload_catalogue)
        self.sync.config_changed.connect(self.reload_config)
        self.sync.stream_state.connect(lambda up: self._answered() if up else None)
        self.sync.auth_required.connect(self._on_auth_required)
        self.sync.start()
        self.network.set_auth_required(False)
        self._pace_heartbeat()
        QTimer.singleShot(0, self.send_heartbeat)
        # Once start-up's objects (Qt wrappers, pydantic and SQLAlchemy machinery, the screens built after
        # the first frame) are in place, take them out of the collector's sight: a full collection over
        # them stopped the GUI thread for 100-200 ms mid-checkout (bench/kiosk_bench.py).
        QTimer.singleShot(FREEZE_HEAP_AFTER_MS, gc.freeze)

    # -- activation ---------------------------------------------------------------------------------------
    def activate(self, code: str, on_done: Callable[[], None], on_error: Callable[[Exception], None]) -> None:
        """Trade the owner's code for a device identity, fill the local store from the bundle, go live."""
        side = self.side
        assert side is not None, "not booted yet"
        self.stop_sync()
        call = self.net.submit(side.api.activate, code, "Kiosk", self.options.app_version)

        def store_bundle(bundle: Any) -> None:
            self._answered()
            stored = self.db.submit(apply_bootstrap, side.local, bundle)
            stored.finished.connect(lambda facts: self._on_activated(facts, on_done))
            stored.failed.connect(on_error)

        def refused(error: Exception) -> None:
            self.network.report_failure(error)
            on_error(error)

        call.finished.connect(store_bundle)
        call.failed.connect(refused)

    def _on_activated(self, facts: tuple[Any, Any, Any, str | None], on_done: Callable[[], None]) -> None:
        assert self.side is not None
        self.side.store, self.side.config, self.side.catalogue, self.side.device_id = facts
        self.side.has_session = True
        self.sensor.configure(self.side.config.wake_distance_cm, self.side.config.wake_consecutive_readings)
        self.catalogue_loaded.emit(self.side.catalogue)
        self._go_live()
        self.store_changed.emit()
        on_done()

    def forget_device(self) -> TaskHandle:
        """Re-activation: end this device identity here (the sales waiting in the outbox are kept)."""
        self.stop_sync()
        side = self.side
        assert side is not None
        side.has_session = False
        return self.db.submit(side.api.forget_tokens)

    # -- work for the screens -----------------------------------------------------------------------------
    def reload_catalogue(self) -> None:
        if self.side is None or self.closed:
            return
        handle = self.db.submit(load_catalogue, self.side.local)
        handle.finished.connect(self._on_catalogue)

    def _on_catalogue(self, catalogue: Any) -> None:
        assert self.side is not None
        self.side.catalogue = catalogue
        self.catalogue_loaded.emit(catalogue)

    def reload_config(self) -> None:
        if self.side is None or self.closed:
            return
        handle = self.db.submit(self.side.local.config)
        handle.finished.connect(self._on_config)

    def _on_config(self, config: KioskConfig) -> None:
        assert self.side is not None
        self.side.config = config
        self.sensor.configure(config.wake_distance_cm, config.wake_consecutive_readings)
        self.config_changed.emit()

    def record_sale(self, order: Any) -> TaskHandle:
        assert self.side is not None
        return self.db.submit(self.side.local.record_sale, order)

    def authorize(self, request: Any) -> TaskHandle:
        assert self.side is not None
        handle = self.net.submit(self.side.api.authorize_payment, request)
        handle.finished.connect(lambda _: self._answered())
        handle.failed.connect(self.network.report_failure)
        return handle

    def sale_recorded(self) -> None:
        """A sale is safe in the local outbox: deliver it once the receipt is on the screen. The delivery's
        HTTP and JSON work shares the interpreter lock with the GUI thread, which is drawing the receipt."""
        self.network.set_pending(self.network.pending + 1)
        if self.sync is not None:
            QTimer.singleShot(DELIVER_AFTER_SALE_MS, self._wake_outbox)

    def _wake_outbox(self) -> None:
        if self.sync is not None and not self.closed:
            self.sync.wake()

    def sync_now(self) -> None:
        if self.sync is not None:
            self.sync.wake()
        self.send_heartbeat()

    def pins_verify(self, pin: str) -> TaskHandle:
        assert self.side is not None
        return self.db.submit(self.side.pins.verify, pin)

    def pins_set(self, pin: str) -> TaskHandle:
        assert self.side is not None
        return self.db.submit(self.side.pins.set_pin, pin)

    def set_network_dropped(self, dropped: bool) -> None:
        """The demo's network switch (hot key N)."""
        if self.side is None:
            return
        if dropped:
            self.side.api.drop_network()
            self.network.set_online(False)
        else:
            self.side.api.restore_network()
            self.send_heartbeat()
        if self.sync is not None:
            self.sync.network_changed()

    # -- heartbeats and sync reports ----------------------------------------------------------------------
    def send_heartbeat(self) -> None:
        if self.side is None or not self.live or self.closed:
            return
        from core.schemas.devices import Heartbeat

        health = {"sensor": self.sensor.health_text, "card_reader": self.card.health_text}
        beat = Heartbeat(
            app_version=self.options.app_version, outbox_pending=self.network.pending, health=health
        )
        handle = self.net.submit(self.side.api.heartbeat, beat)
        handle.finished.connect(lambda _: self._answered())
        handle.failed.connect(self._on_heartbeat_failed)

    def _answered(self) -> None:
        """The backend answered. Not news while the demo's network is "down": that answer was on its
        way before the drop, and flipping back to online would make the drop look flaky."""
        if self.side is None or not self.side.api.dropped.is_set():
            self.network.report_success()

    def _on_heartbeat_failed(self, error: Exception) -> None:
        from core.client.errors import AuthError

        if isinstance(error, AuthError):
            self._on_auth_required()
        self.network.report_failure(error)

    def _pace_heartbeat(self) -> None:
        if not self.live:
            self._heartbeat.stop()
            return
        timings = self.options.timings
        interval = timings.heartbeat_offline_ms if self.network.offline else timings.heartbeat_ms
        if not self._heartbeat.isActive() or self._heartbeat.interval() != interval:
            self._heartbeat.start(interval)

    def _on_sync_report(self, report: SyncReport) -> None:
        self.network.set_pending(report.pending)
        if report.offline:
            self.network.set_online(False)
        elif report.delivered:
            self._answered()
        if report.auth_required:
            self._on_auth_required()

    def _on_auth_required(self) -> None:
        self.network.set_auth_required(True)
        self.auth_required.emit()

    # -- shutting down ------------------------------------------------------------------------------------
    def stop_sync(self) -> None:
        self._heartbeat.stop()
        if self.sync is not None:
            self.sync.stop(timeout=1.0)  # a delivery cut short is replayed later: the order id dedups
            self.sync.deleteLater()
            self.sync = None

    def shutdown(self) -> None:
        if self.closed:
            return
        self.closed = True
        self.stop_sync()
        self.sensor.stop()
        self.card.stop()
        self.camera.stop()
        self.net.shutdown(timeout=3.0)
        self.db.shutdown(timeout=10.0)  # lets a sale being recorded finish its commit
        if self.side is not None:
            self.side.local.close()
