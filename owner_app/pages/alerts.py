"""Alerts: the CCTV alerts of the store as a live list (filters by type, camera and status, snapshot
thumbnails), the chosen alert's snapshot and clip with review buttons, and the cameras with their health
and what each one watches for. The desktop notification itself comes from owner_app/notifications.py."""

from __future__ import annotations

import tempfile
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QItemSelection, QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableView, QVBoxLayout, QWidget

from core.client.api import ApiClient
from core.schemas.alerts import AlertOut, AlertStatus, AlertUpdate, CameraOut
from core.schemas.common import Page as ResultPage
from core.schemas.events import EventOut, EventType
from owner_app import remote
from owner_app.alerts.cameras import CameraList
from owner_app.alerts.detail import AlertDetail
from owner_app.alerts.filters import AlertFilter, AlertFilterBar
from owner_app.alerts.model import STARTED, THUMB_SIZE, AlertListModel
from owner_app.context import AppContext
from owner_app.pages.base import Page
from owner_app.ui.theme_state import ThemeState
from owner_app.ui.widgets import label

LIST_LIMIT = 100


def matches(alert: AlertOut, wanted: AlertFilter) -> bool:
    return (
        (wanted.type is None or alert.type == wanted.type)
        and (wanted.camera is None or alert.camera_id == wanted.camera)
        and (wanted.status is None or alert.status == wanted.status)
    )


def fetch_thumbnails(client: ApiClient, alert_ids: list[UUID]) -> dict[UUID, bytes]:
    """One worker call for the lot, so a long list does not crowd out the other pages' calls."""
    return {alert_id: remote.snapshot(client, alert_id) for alert_id in alert_ids}


class AlertsPage(Page):
    key = "alerts"
    icon = "alert"
    order = 35

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("Pages", "Alerts")

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__(context, theme)
        self.clip_dir = tempfile.TemporaryDirectory(prefix="autostore-clips-")
        self.filters = AlertFilterBar()
        self.summary = label("", "muted")
        self.model = AlertListModel(theme.palette)
        self.table = QTableView()
        self.table.setObjectName("alertTable")
        self.table.setModel(self.model)
        self.table.setProperty("role", "plain")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setIconSize(QSize(*THUMB_SIZE))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB_SIZE[1] + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STARTED, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.cameras = CameraList(theme.palette)
        self.detail = AlertDetail()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(10)
        left_layout.addWidget(self.filters)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(self.cameras, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 480])  # the snapshot and the clip want room; the list wraps nothing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.addWidget(splitter)
        self.filters.changed.connect(lambda _f: self.reload_alerts())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail.review.connect(self.review)
        self.retranslate()

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.reload_alerts()
        self.reload_cameras()

    def reload_alerts(self) -> None:
        store_id = self.context.store_id
        if store_id is None:
            return
        wanted = self.filters.current()
        self.context.run(
            remote.store_alerts,
            self.context.client,
            store_id,
            wanted.status,
            0,
            LIST_LIMIT,
            types=(wanted.type,) if wanted.type else (),
            camera=wanted.camera,
            on_done=lambda result: self.show_alerts(store_id, wanted, result),
        )

    def reload_cameras(self) -> None:
        store_id = self.context.store_id
        if store_id is not None:
            self.context.run(
                remote.store_cameras,
                self.context.client,
                store_id,
                on_done=lambda cameras: self.show_cameras(store_id, cameras),
            )

    def show_alerts(self, store_id: int, wanted: AlertFilter, result: ResultPage[AlertOut]) -> None:
        if store_id != self.context.store_id or wanted != self.filters.current():
            return  # an answer for a store or a filter no longer shown
        chosen = self.detail.alert.id if self.detail.alert else None
        self.model.set_alerts(list(result.items))
        self._show_summary(result.total)
        row = self.model.row_of(chosen) if chosen else None
        if row is not None:
            self.table.selectRow(row)
        else:
            self.detail.show_alert(None)
        self._load_thumbnails()

    def show_cameras(self, store_id: int, cameras: list[CameraOut]) -> None:
        if store_id == self.context.store_id:
            self.cameras.show_cameras(cameras)
            self.filters.set_cameras(cameras)

    def _show_summary(self, total: int | None = None) -> None:
        shown = self.model.rowCount()
        new = sum(1 for a in self.model.alerts if a.status == AlertStatus.new)
        text = self.tr("%1 alerts · %2 new").replace("%1", str(total if total is not None else shown))
        self.summary.setText(text.replace("%2", str(new)))

    def _load_thumbnails(self) -> None:
        missing = self.model.needs_thumbnail()
        if missing:
            self.context.run(
                fetch_thumbnails,
                self.context.client,
                missing,
                busy=False,
                on_done=self._thumbnails_loaded,
                on_error=lambda _e: None,  # a thumbnail is a nicety: the detail panel says what is missing
            )

    def _thumbnails_loaded(self, thumbnails: dict[UUID, bytes]) -> None:
        for alert_id, jpeg in thumbnails.items():
            self.model.set_thumbnail(alert_id, jpeg)

    # -- live ---------------------------------------------------------------------------------------------
    def on_event(self, event: EventOut) -> None:
        if self.stale:
            return  # not loaded yet (or out of date): the next activation loads everything anyway
        if event.type == EventType.camera_changed:
            self.reload_cameras()
        elif event.type in (EventType.alert_created, EventType.alert_updated):
            alert_id = event.data.get("alert_id")
            if alert_id:
                self.context.run(
                    remote.alert, self.context.client, UUID(str(alert_id)), on_done=self.alert_changed
                )

    def alert_changed(self, alert: AlertOut) -> None:
        """A new or changed alert: into the list if the filter wants it, out of it if no longer."""
        if alert.store_id != self.context.store_id or self._is_stale(alert):
            return
        if matches(alert, self.filters.current()):
            self.model.upsert(alert)
        else:
            self.model.remove(alert.id)
        self._show_summary()
        if self.detail.alert is not None and self.detail.alert.id == alert.id:
            self.detail.show_alert(alert)
        self._load_thumbnails()

    def _is_stale(self, alert: AlertOut) -> bool:
        """An answer that left the server before a review we already show (fetches for live events can
        come back out of order): it must not put an old status back in the list."""
        row = self.model.row_of(alert.id)
        known = self.model.alerts[row] if row is not None else self.detail.alert
        if known is None or known.id != alert.id or known.status_changed_at is None:
            return False
        return alert.status_changed_at is None or alert.status_changed_at < known.status_changed_at

    # -- the chosen alert ---------------------------------------------------------------------------------
    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        alert = self.model.alert_at(rows[0].row()) if rows else None
        if alert is not None and self.detail.alert is not None and alert.id == self.detail.alert.id:
            return
        self.detail.show_alert(alert)
        if alert is None:
            return
        client = self.context.client
        self.context.run(remote.alert, client, alert.id, on_done=self._detail_loaded)  # with its history
        if alert.snapshot_url:
            self.context.run(
                remote.snapshot, client, alert.id, on_done=lambda jpeg: self._snapshot_loaded(alert.id, jpeg)
            )
        if alert.clip_url:
            target = Path(self.clip_dir.name) / f"{alert.id}.mp4"
            if target.exists():
                self.detail.show_clip(target)
            else:
                self.context.run(
                    remote.download_clip,
                    client,
                    alert.id,
                    target,
                    on_done=lambda path: self._clip_loaded(alert.id, path),
                    on_error=lambda _e: self._clip_failed(alert.id),
                )

    def _is_shown(self, alert_id: UUID) -> bool:
        return self.detail.alert is not None and self.detail.alert.id == alert_id

    def _detail_loaded(self, alert: AlertOut) -> None:
        if self._is_shown(alert.id):
            self.detail.show_alert(alert)

    def _snapshot_loaded(self, alert_id: UUID, jpeg: bytes) -> None:
        if self._is_shown(alert_id):
            self.detail.show_snapshot(jpeg)

    def _clip_loaded(self, alert_id: UUID, path: Path) -> None:
        if self._is_shown(alert_id):
            self.detail.show_clip(path)

    def _clip_failed(self, alert_id: UUID) -> None:
        if self._is_shown(alert_id):
            self.detail.clip_failed()

    def select_alert(self, alert_id: UUID) -> bool:
        row = self.model.row_of(alert_id)
        if row is not None:
            self.table.selectRow(row)
        return row is not None

    def review(self, status: AlertStatus, note: str) -> None:
        alert = self.detail.alert
        if alert is None or self.read_only:
            return
        body = AlertUpdate(status=status, note=note or None)
        self.context.run(remote.review_alert, self.context.client, alert.id, body, on_done=self._reviewed)

    def _reviewed(self, alert: AlertOut) -> None:
        if self._is_shown(alert.id):
            self.detail.review_done()
        self.alert_changed(alert)

    # -- page plumbing ------------------------------------------------------------------------------------
    def on_store(self, store: object) -> None:
        self.model.set_alerts([])
        self.detail.show_alert(None)
        self.cameras.show_cameras([])

    def set_read_only(self, read_only: bool) -> None:
        self.detail.set_read_only(read_only)

    def on_theme_changed(self) -> None:
        self.model.set_palette(self.theme.palette)
        self.cameras.set_palette(self.theme.palette)

    def retranslate(self) -> None:
        self.filters.retranslate()
        self.detail.retranslate()
        self.cameras.retranslate()
        self._show_summary()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
