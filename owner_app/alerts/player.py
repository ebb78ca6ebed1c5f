"""`ClipPlayer`: an alert's clip from a local file, with play/pause and a slider to scrub; until it plays,
the screen shows the alert's snapshot as a poster.

The clip is downloaded first (on a worker) and played from disk, so seeking never waits on the network and
works the same whether or not the backend is reachable afterwards.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSlider,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from owner_app.ui.widgets import label


def clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class ClipPlayer(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.poster = QLabel()
        self.poster.setObjectName("alertSnapshot")
        self.poster.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.video = QVideoWidget()
        self.display = QStackedWidget()
        self.display.setMinimumHeight(200)
        self.display.addWidget(self.poster)
        self.display.addWidget(self.video)
        self.player = QMediaPlayer(self)
        self.player.setVideoOutput(self.video)
        self.play_button = QToolButton()
        self.play_button.setObjectName("clipPlay")
        self.play_button.setProperty("role", "tool")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("clipSlider")
        self.slider.setRange(0, 0)
        self.time_label = label("0:00 / 0:00", "muted")
        controls = QHBoxLayout()
        controls.setSpacing(8)
        controls.addWidget(self.play_button)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.time_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.display, 1)
        layout.addLayout(controls)
        self.play_button.clicked.connect(self.toggle)
        self.slider.sliderMoved.connect(self.seek)
        self.player.durationChanged.connect(self._duration)
        self.player.positionChanged.connect(self._position)
        self.player.playbackStateChanged.connect(lambda _state: self._update_button())
        self._update_button()

    def load(self, path: Path) -> None:
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.play_button.setEnabled(True)

    def clear(self) -> None:
        self.player.stop()
        self.display.setCurrentWidget(self.poster)
        self.player.setSource(QUrl())
        self.slider.setRange(0, 0)
        self.time_label.setText("0:00 / 0:00")
        self.play_button.setEnabled(False)

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        else:
            self.display.setCurrentWidget(self.video)
            self.player.play()

    def seek(self, position_ms: int) -> None:
        """Jump to a moment of the clip (the slider calls this while dragged)."""
        self.display.setCurrentWidget(self.video)
        self.player.setPosition(position_ms)

    def _duration(self, duration_ms: int) -> None:
        self.slider.setRange(0, duration_ms)
        self._show_time(self.player.position(), duration_ms)

    def _position(self, position_ms: int) -> None:
        if not self.slider.isSliderDown():
            self.slider.setValue(position_ms)
        self._show_time(position_ms, self.player.duration())

    def _show_time(self, position_ms: int, duration_ms: int) -> None:
        self.time_label.setText(f"{clock(position_ms)} / {clock(duration_ms)}")

    def _update_button(self) -> None:
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.play_button.setText("❚❚" if playing else "▶")
        self.play_button.setToolTip(self.tr("Pause") if playing else self.tr("Play"))
