"""The idle timeout: after a quiet spell a "still there?" countdown, then back to the attract screen.

Any touch, click or key anywhere in the application counts as activity (an application-wide event filter,
so no screen has to remember to report it) and cancels a running countdown.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY_EVENTS = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress, QEvent.Type.Wheel}
)
TICK_MS = 1000


class IdleMonitor(QObject):
    countdown = Signal(int)  # seconds left; the overlay shows it
    countdown_cancelled = Signal()
    expired = Signal()

    def __init__(self, may_expire: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._may_expire = may_expire  # False while money is moving: wait, do not reset mid-payment
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._start_countdown)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._on_tick)
        self._timeout_ms = 60_000
        self._countdown_ms = 15_000
        self._left_ms = 0
        self.armed = False

    @property
    def counting_down(self) -> bool:
        return self._tick.isActive()

    def arm(self, timeout_ms: int, countdown_ms: int) -> None:
        self._timeout_ms, self._countdown_ms = max(1, timeout_ms), max(1, countdown_ms)
        self.armed = True
        self._restart()

    def disarm(self) -> None:
        self.armed = False
        self._idle.stop()
        self._stop_countdown()

    def activity(self) -> None:
        if self.armed:
            self._restart()

    def _restart(self) -> None:
        self._stop_countdown()
        self._idle.start(self._timeout_ms)

    def _start_countdown(self) -> None:
        if not self._may_expire():
            self._idle.start(self._timeout_ms)
            return
        self._left_ms = self._countdown_ms
        self._tick.start(min(TICK_MS, self._countdown_ms))
        self.countdown.emit(math.ceil(self._left_ms / 1000))

    def _on_tick(self) -> None:
        self._left_ms -= self._tick.interval()
        if self._left_ms > 0:
            self.countdown.emit(math.ceil(self._left_ms / 1000))
            return
        self._tick.stop()
        self.armed = False
        self.expired.emit()

    def _stop_countdown(self) -> None:
        if self._tick.isActive():
            self._tick.stop()
            self.countdown_cancelled.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS:
            self.activity()
        return False
