"""`--smoke MS` for both apps: show the real window, let it paint, quit after MS milliseconds.

Packaging and CI use it to prove an install (or a PyInstaller bundle) can start the GUI: the exit code is 0
only if the window was shown and painted at least once, so a bundle missing a Qt plugin or a resource fails.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)


class PaintCounter(QObject):
    """Counts paint events reaching a widget (installed as an event filter, so the widget is untouched)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def run_smoke_or_exec(app: QApplication, window: QWidget, smoke_ms: int | None) -> int:
    """Run the event loop; with `smoke_ms`, stop after that long and report whether the window painted."""
    if smoke_ms is None:
        return app.exec()
    counter = PaintCounter(window)

    def finish() -> None:
        painted = window.isVisible() and counter.paints > 0 and not window.grab().isNull()
        if painted:
            log.info("smoke check passed: window shown and painted %d time(s)", counter.paints)
        else:
            log.error("smoke check failed: visible=%s paints=%d", window.isVisible(), counter.paints)
        app.exit(0 if painted else 1)

    QTimer.singleShot(max(0, smoke_ms), finish)
    return app.exec()
