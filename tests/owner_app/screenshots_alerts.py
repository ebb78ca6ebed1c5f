"""The Alerts page in the screenshots: demo alerts with a snapshot and a clip, cameras with their health
and one class not watched for lack of a model, and the newest alert chosen so the detail panel shows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.owner_app.screenshots_alerts [--out docs/screenshots]

shoots only the Alerts page (light Korean, dark English); tests/owner_app/screenshots.py shoots it with the
rest.
"""

from __future__ import annotations

import argparse
import functools
import io
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from backend.db.models import Device
from backend.seed import DEMO_EMAILS
from backend.services import cameras as camera_service
from backend.services.alert_media import MediaUpload
from backend.services.alerts import create_alert
from backend.settings import BackendSettings
from backend.state import AppState
from core.qt.i18n import Translations
from core.qt.theme import Mode
from core.schemas.alerts import AlertCreate, AlertSeverity, AlertType, CamerasReport
from core.settings import ClientSettings
from core.timeutil import utcnow
from owner_app.pages.alerts import AlertsPage
from owner_app.prefs import UiPrefs
from owner_app.ui.theme_state import ThemeState
from owner_app.window import OwnerWindow
from tests.owner_app.vision_feed import clip_mp4

CAMERAS = {
    "cameras": [
        {
            "id": "entrance",
            "name": "입구",
            "health": "ok",
            "fps": 15,
            "monitored": ["theft", "fall", "smoking"],
        },
        {
            "id": "aisle-2",
            "name": "2번 통로",
            "health": "degraded",
            "fps": 6,
            "message": "RTSP 지연",
            "monitored": ["theft", "loitering"],
            "not_monitored": [{"type": "fire", "reason": "화재 감지 모델이 설치되지 않았습니다"}],
        },
        {"id": "storage", "name": "창고", "health": "offline", "message": "RTSP timeout", "monitored": []},
    ]
}


def cctv_frame(camera: str) -> bytes:
    """A made-up CCTV still: a shop aisle in perspective with the camera's name and time burnt in."""
    image = QImage(640, 360, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, 360)
    gradient.setColorAt(0, QColor("#50565e"))
    gradient.setColorAt(1, QColor("#23272c"))
    painter.fillRect(image.rect(), gradient)
    for i, shade in enumerate(("#7a6a55", "#6b5d4a", "#5c5040")):
        painter.fillRect(QRectF(30 + i * 40, 60 + i * 30, 120 - i * 30, 280 - i * 60), QColor(shade))
        painter.fillRect(QRectF(490 - i * 10, 60 + i * 30, 120 - i * 30, 280 - i * 60), QColor(shade))
    painter.setBrush(QColor("#c9ccd1"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(QRectF(300, 150, 34, 34))
    painter.drawRoundedRect(QRectF(292, 186, 50, 110), 14, 14)
    painter.setPen(QColor("#ff5a4f"))
    painter.drawRect(QRectF(280, 140, 76, 170))
    painter.setPen(QColor("#f2f2f2"))
    painter.setFont(QFont("monospace", 14))
    painter.drawText(14, 26, f"CAM {camera}  {utcnow():%Y-%m-%d %H:%M:%S}")
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 85)
    return bytes(buffer.data().data())


def add_demo_alerts(state: AppState, settings: BackendSettings, store_id: int, vision_id: str) -> None:
    now = utcnow()
    with state.db.write() as s:
        device = s.scalars(select(Device).where(Device.id == vision_id)).one()
        camera_service.report_cameras(s, device, CamerasReport.model_validate(CAMERAS), now)
        s.commit()
    for minutes, kind, camera, severity in (
        (2, AlertType.fall, "entrance", AlertSeverity.critical),
        (95, AlertType.smoking, "entrance", AlertSeverity.low),
    ):
        body = AlertCreate(
            id=uuid.uuid4(),
            store_id=store_id,
            camera_id=camera,
            type=kind,
            score=0.87,
            severity=severity,
            started_at=now - timedelta(minutes=minutes),
            detector=kind.value,
        )
        snapshot = MediaUpload("image/jpeg", io.BytesIO(cctv_frame(camera)))
        clip = MediaUpload("video/mp4", io.BytesIO(clip_mp4()))
        create_alert(state.db, settings, body, device_id=vision_id, snapshot=snapshot, clip=clip)


def pose_alerts(page: QWidget) -> None:
    """Choose the newest alert, so the snapshot, the player and the review buttons are in the picture."""
    from tests.owner_app.screenshots import wait

    assert isinstance(page, AlertsPage)
    if page.model.rowCount():
        page.table.selectRow(0)
        wait(lambda: not page.detail.snapshot.pixmap().isNull(), 20)
        wait(lambda: not page.model.needs_thumbnail(), 20, settle_ms=800)


def signed_in_window(
    url: str, folder: Path, mode: Mode, lang: str, translations: Translations
) -> OwnerWindow:
    from tests.owner_app import screenshots as shots

    theme = ThemeState(mode)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, mode)
    translations.set_language(lang)
    window = OwnerWindow(
        ClientSettings(server_url=url, language=lang, theme=mode),
        UiPrefs(folder / f"prefs-{mode}.ini"),
        theme,
        translations,
        settings_path=folder / "settings.json",
    )
    window.resize(*shots.SIZE)
    window.show()
    window.sign_in(url, DEMO_EMAILS["owner"], shots.PASSWORD)
    shots.wait(functools.partial(shots.signed_in, window), 30)
    return window


def main() -> None:
    from tests.owner_app import screenshots as shots

    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out: Path = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    folder = Path(tempfile.mkdtemp(prefix="owner-shots-"))
    live, _store_id = shots.demo_backend(folder)
    translations = Translations(app, ("owner",))
    try:
        runs: tuple[tuple[Mode, str], ...] = (("light", "ko"), ("dark", "en"))
        for mode, lang in runs:
            window = signed_in_window(live.url, folder, mode, lang, translations)
            assert window.shell is not None
            page = window.shell.show_page("alerts")
            shots.wait(functools.partial(shots.idle, window), 30, settle_ms=600)
            pose_alerts(page)
            shots.shoot(window, out / f"owner_alerts_{mode}_{lang}.png")
            window.close()
            window.deleteLater()
            shots.wait(lambda: True)
    finally:
        live.stop()


if __name__ == "__main__":
    main()
