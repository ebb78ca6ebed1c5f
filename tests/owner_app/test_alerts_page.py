"""The Alerts page against a real backend and a real vision worker: alerts arrive live with thumbnails and
a desktop notification, filters narrow the list, the clip loads into the player, reviews with notes reach
the backend, and the camera list shows health and what each camera does and does not watch for."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaPlayer
from pytestqt.qtbot import QtBot

from core.schemas.alerts import AlertStatus, AlertType, AlertUpdate
from owner_app import remote
from owner_app.alerts.filters import AlertFilter
from owner_app.notifications import Notice
from owner_app.pages.alerts import AlertsPage
from owner_app.window import OwnerWindow
from tests.owner_app.conftest import WAIT_MS, Live, wait_idle
from tests.owner_app.vision_feed import VisionWorker, clip_mp4

pytestmark = pytest.mark.slow

CAMERAS = [
    {"id": "entrance", "name": "Entrance", "health": "ok", "fps": 15, "monitored": ["theft", "fall"]},
    {
        "id": "aisle-2",
        "name": "Aisle 2",
        "health": "reconnecting",
        "message": "RTSP timeout",
        "monitored": ["loitering"],
        "not_monitored": [{"type": "fire", "reason": "No fire model is installed"}],
    },
]


def open_page(qtbot: QtBot, window: OwnerWindow) -> AlertsPage:
    assert window.shell is not None
    page = window.shell.show_page("alerts")
    assert isinstance(page, AlertsPage)
    wait_idle(qtbot, window)
    return page


def vision(live: Live) -> VisionWorker:
    return VisionWorker.activate(live.url, live.client("owner_a"), live.world.store_a1)


def listed(page: AlertsPage) -> list[tuple[str, str, AlertStatus]]:
    return [(a.camera_id, a.type.value, a.status) for a in page.model.alerts]


def test_an_alert_arrives_live_with_thumbnail_notification_and_clip(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live
) -> None:
    assert owner_window.notifier is not None
    page = open_page(qtbot, owner_window)
    assert page.model.rowCount() == 0 and page.detail.pages.currentIndex() == 0
    notices: list[Notice] = []
    owner_window.notifier.shown.connect(notices.append)
    worker = vision(live)

    sent = worker.post_alert("entrance", "theft")

    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)  # via SSE, no reload
    qtbot.waitUntil(lambda: any(n.kind == "alert" for n in notices), timeout=WAIT_MS)
    assert notices[-1].title == "New alert: Theft"
    assert page.model.alert_at(0).id == sent.id
    qtbot.waitUntil(lambda: sent.id in page.model.thumbnails, timeout=WAIT_MS)
    assert not page.model.thumbnails[sent.id].isNull()
    assert page.summary.text() == "1 alerts · 1 new"

    assert page.select_alert(sent.id)
    player = page.detail.player.player
    qtbot.waitUntil(lambda: not player.source().isEmpty(), timeout=WAIT_MS)
    clip = Path(player.source().toLocalFile())
    assert clip.read_bytes() == clip_mp4()  # downloaded whole, played from disk
    assert page.detail.player.play_button.isEnabled() and not page.detail.clip_note.isVisible()
    qtbot.waitUntil(lambda: not page.detail.snapshot.pixmap().isNull(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: player.mediaStatus() != QMediaPlayer.MediaStatus.LoadingMedia, timeout=WAIT_MS)
    assert player.mediaStatus() != QMediaPlayer.MediaStatus.NoMedia
    if player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia:  # decoders present: scrub for real
        qtbot.waitUntil(lambda: page.detail.player.slider.maximum() > 2000, timeout=WAIT_MS)
        page.detail.player.seek(1500)
        qtbot.waitUntil(lambda: player.position() >= 1400, timeout=WAIT_MS)


def test_filters_by_type_camera_and_status(qtbot: QtBot, owner_window: OwnerWindow, live: Live) -> None:
    worker = vision(live)
    worker.report_cameras(CAMERAS)
    for camera, kind in (("entrance", "theft"), ("entrance", "fall"), ("aisle-2", "loitering")):
        worker.post_alert(camera, kind, media=False)
    page = open_page(qtbot, owner_window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT_MS)
    assert page.filters.camera_box.findData("aisle-2") > 0  # choices follow the camera registry

    page.filters.set_filter(AlertFilter(type=AlertType.theft))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=WAIT_MS)
    assert listed(page) == [("entrance", "theft", AlertStatus.new)]

    page.filters.set_filter(AlertFilter(camera="entrance"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    assert {camera for camera, _, _ in listed(page)} == {"entrance"}

    # A live alert the filter does not want stays out; one it wants comes in.
    worker.post_alert("aisle-2", "loitering", media=False)
    worker.post_alert("entrance", "theft", media=False)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT_MS)
    wait_idle(qtbot, owner_window)
    assert {camera for camera, _, _ in listed(page)} == {"entrance"}

    page.filters.set_filter(AlertFilter(status=AlertStatus.acknowledged))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=WAIT_MS)
    page.filters.set_filter(AlertFilter())
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=WAIT_MS)


def test_acknowledge_resolve_and_false_alarm_reach_the_backend(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live
) -> None:
    worker = vision(live)
    first = worker.post_alert("entrance", "theft", media=False)
    second = worker.post_alert("aisle-2", "fall", media=False)
    page = open_page(qtbot, owner_window)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=WAIT_MS)
    detail = page.detail
    owner = live.client("owner_a")

    assert page.select_alert(first.id)
    assert detail.acknowledge_button.isEnabled()
    detail.note_edit.setText("Checked the tape")
    detail.acknowledge_button.click()
    qtbot.waitUntil(lambda: remote.alert(owner, first.id).status == AlertStatus.acknowledged, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: detail.history.count() == 1, timeout=WAIT_MS)
    assert "Checked the tape" in detail.history.item(0).text() and detail.note_edit.text() == ""
    assert not detail.acknowledge_button.isEnabled() and detail.resolve_button.isEnabled()
    detail.resolve_button.click()
    qtbot.waitUntil(lambda: remote.alert(owner, first.id).status == AlertStatus.resolved, timeout=WAIT_MS)

    assert page.select_alert(second.id)
    detail.note_edit.setText("A shadow, not a person")
    detail.false_alarm_button.click()
    qtbot.waitUntil(lambda: remote.alert(owner, second.id).status == AlertStatus.false_alarm, timeout=WAIT_MS)
    stored = remote.alert(owner, second.id)
    assert [(h.to_status, h.note) for h in stored.history] == [
        (AlertStatus.false_alarm, "A shadow, not a person")
    ]
    qtbot.waitUntil(
        lambda: detail.alert is not None and detail.alert.status == "false_alarm", timeout=WAIT_MS
    )
    assert not detail.false_alarm_button.isEnabled()  # kept as feedback for retraining
    # The list shows the reviewed statuses (a live event may refetch an alert meanwhile).
    qtbot.waitUntil(
        lambda: (
            sorted(status for _, _, status in listed(page)) == [AlertStatus.false_alarm, AlertStatus.resolved]
        ),
        timeout=WAIT_MS,
    )
    # A fetch answered before that review and delivered after it does not put the old status back.
    page.alert_changed(stored.model_copy(update={"status": AlertStatus.new, "status_changed_at": None}))
    assert sorted(status for _, _, status in listed(page)) == [AlertStatus.false_alarm, AlertStatus.resolved]

    # Someone else reviews an alert: the list follows live.
    third = worker.post_alert("entrance", "fall", media=False)
    qtbot.waitUntil(lambda: page.model.row_of(third.id) is not None, timeout=WAIT_MS)
    remote.review_alert(owner, third.id, AlertUpdate(status=AlertStatus.acknowledged))
    qtbot.waitUntil(
        lambda: page.model.alerts[page.model.row_of(third.id) or 0].status == AlertStatus.acknowledged,
        timeout=WAIT_MS,
    )


def test_cameras_show_health_and_what_is_not_watched(
    qtbot: QtBot, owner_window: OwnerWindow, live: Live
) -> None:
    page = open_page(qtbot, owner_window)
    assert page.cameras.table.rowCount() == 0
    vision(live).report_cameras(CAMERAS)
    qtbot.waitUntil(lambda: page.cameras.table.rowCount() == 2, timeout=WAIT_MS)  # camera.changed, live
    table = page.cameras.table

    def row(name: str) -> list[str]:
        r = next(i for i in range(table.rowCount()) if table.item(i, 0).text() == name)
        return [table.item(r, c).text() for c in range(table.columnCount())]

    assert row("Entrance")[1:3] == ["● OK", "Theft, Fall"]
    aisle = row("Aisle 2")
    assert aisle[1] == "● Reconnecting — RTSP timeout"
    assert aisle[3] == "Fire: No fire model is installed"
