"""`AlertDetail`: the chosen alert — snapshot, clip player, facts, review buttons with a note, history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.schemas.alerts import AlertOut, AlertStatus
from owner_app.alerts.player import ClipPlayer
from owner_app.alerts.words import status_word
from owner_app.ui.formatting import local_time
from owner_app.ui.labels import alert_type, severity
from owner_app.ui.widgets import Card, Pill, label

SNAPSHOT_HEIGHT = 200
STATUS_PILL_TONE = {
    AlertStatus.new: "bad",
    AlertStatus.acknowledged: "warn",
    AlertStatus.resolved: "ok",
    AlertStatus.false_alarm: "neutral",
}


class AlertDetail(Card):
    review = Signal(object, str)  # AlertStatus, note ("" for none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.alert: AlertOut | None = None
        self.status_pill = Pill()
        self.tools.addWidget(self.status_pill)
        self.facts = label("", "muted")
        self.facts.setWordWrap(True)
        self.player = ClipPlayer()
        self.snapshot = self.player.poster
        self.clip_note = label("", "muted")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("alertNote")
        self.note_edit.setMaxLength(2000)
        self.acknowledge_button = QPushButton()
        self.acknowledge_button.setObjectName("acknowledgeAlert")
        self.resolve_button = QPushButton()
        self.resolve_button.setObjectName("resolveAlert")
        self.resolve_button.setProperty("role", "primary")
        self.false_alarm_button = QPushButton()
        self.false_alarm_button.setObjectName("falseAlarm")
        self.false_alarm_button.setProperty("role", "danger")
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button, status in (
            (self.acknowledge_button, AlertStatus.acknowledged),
            (self.resolve_button, AlertStatus.resolved),
            (self.false_alarm_button, AlertStatus.false_alarm),
        ):
            buttons.addWidget(button)
            button.clicked.connect(lambda _c=False, s=status: self._review(s))
        self.history_title = label("", "fieldLabel")
        self.history = QListWidget()
        self.history.setObjectName("alertHistory")
        self.history.setMaximumHeight(110)
        self.empty = label("", "empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content = QWidget()
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(8)
        body.addWidget(self.facts)
        body.addWidget(self.player, 1)
        body.addWidget(self.clip_note)
        body.addWidget(self.note_edit)
        body.addLayout(buttons)
        body.addWidget(self.history_title)
        body.addWidget(self.history, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.content)
        self.body.addWidget(self.pages)
        self.read_only = False
        self.retranslate()
        self.show_alert(None)

    def show_alert(self, alert: AlertOut | None) -> None:
        """Show `alert` (None: nothing chosen). The same alert again keeps its media and the note typed."""
        same = alert is not None and self.alert is not None and alert.id == self.alert.id
        self.alert = alert
        self.pages.setCurrentIndex(0 if alert is None else 1)
        self.status_pill.setVisible(alert is not None)
        if not same:
            self.note_edit.clear()
            self.snapshot.clear()
            self.snapshot.setText(self.tr("No snapshot") if alert and not alert.snapshot_url else "")
            self.player.clear()
            self.clip_note.setText(
                self.tr("Loading clip…") if alert and alert.clip_url else self.tr("No clip")
            )
            self.clip_note.setVisible(True)
        if alert is None:
            self.title.setText(self.tr("Alert"))
            self.update_buttons()
            return
        self.title.setText(f"{alert_type(alert.type.value)} · {alert.camera_name or alert.camera_id}")
        self.status_pill.setText(status_word(alert.status))
        self.status_pill.set_tone(STATUS_PILL_TONE[alert.status])
        facts = [
            self.tr("Severity: %1").replace("%1", severity(alert.severity.value)),
            self.tr("Confidence: %1%").replace("%1", str(round(alert.score * 100))),
            self.tr("Started: %1").replace("%1", local_time(alert.started_at)),
        ]
        if alert.media_purged_at is not None:
            facts.append(self.tr("Media removed after the retention period"))
        self.facts.setText("  ·  ".join(facts))
        self.history.clear()
        for entry in reversed(alert.history):
            change = status_word(entry.to_status) if entry.to_status else self.tr("Note")
            line = f"{local_time(entry.at)}  {entry.actor_name}: {change}"
            self.history.addItem(line + (f" — {entry.note}" if entry.note else ""))
        self.update_buttons()

    def show_snapshot(self, jpeg: bytes) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(jpeg):
            self.snapshot.setPixmap(
                pixmap.scaled(
                    max(self.player.display.width(), 320),
                    max(self.player.display.height(), SNAPSHOT_HEIGHT),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.snapshot.setText(self.tr("No snapshot"))

    def show_clip(self, path: Path) -> None:
        self.player.load(path)
        self.clip_note.setVisible(False)

    def clip_failed(self) -> None:
        self.clip_note.setText(self.tr("The clip could not be loaded"))

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.update_buttons()

    def update_buttons(self) -> None:
        status = self.alert.status if self.alert else None
        # A false alarm stays one (it is feedback for retraining); a resolved alert may still be re-marked.
        open_ = not self.read_only and status is not None and status != AlertStatus.false_alarm
        self.acknowledge_button.setEnabled(open_ and status == AlertStatus.new)
        self.resolve_button.setEnabled(open_ and status != AlertStatus.resolved)
        self.false_alarm_button.setEnabled(open_)
        self.note_edit.setEnabled(not self.read_only and status is not None)

    def _review(self, status: AlertStatus) -> None:
        if self.alert is not None:
            self.review.emit(status, self.note_edit.text().strip())

    def review_done(self) -> None:
        self.note_edit.clear()

    def retranslate(self) -> None:
        self.acknowledge_button.setText(self.tr("Acknowledge"))
        self.resolve_button.setText(self.tr("Resolve"))
        self.false_alarm_button.setText(self.tr("False alarm"))
        self.note_edit.setPlaceholderText(self.tr("Note (optional), e.g. what was done"))
        self.history_title.setText(self.tr("History"))
        self.empty.setText(self.tr("Choose an alert to see its snapshot and clip"))
        self.show_alert(self.alert)
