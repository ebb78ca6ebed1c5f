"""The kiosk's devices on their own threads, reporting back through Qt signals (queued to the GUI thread).

Each driver already runs its I/O on a thread of its own and calls back there; these workers turn the
callbacks into signals, so the GUI thread never waits on a device. A bad device URL or a missing driver
leaves the kiosk selling (touch still wakes it, a card can still be tried again) and says why in the
health text that the maintenance screen shows.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from hardware.card_reader import CardReader, SimulatedCardReader
    from hardware.distance_sensor import DistanceSensor, PresenceDetector, SimulatedDistanceSensor

log = logging.getLogger("autostore.kiosk.devices")


class SensorWorker(QObject):
    """Distance readings through a PresenceDetector: `approached` after N near readings, `left` after the
    customer has gone (with hysteresis, so a customer swaying at the threshold does not flicker)."""

    approached = Signal()
    left = Signal()
    health_changed = Signal(str)

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.sensor: DistanceSensor | None = None
        self.detector: PresenceDetector | None = None
        self.health_text = "not started"

    @property
    def simulator(self) -> SimulatedDistanceSensor | None:
        from hardware.distance_sensor import SimulatedDistanceSensor

        return self.sensor if isinstance(self.sensor, SimulatedDistanceSensor) else None

    @property
    def latest_cm(self) -> float | None:
        reading = self.sensor.latest if self.sensor else None
        return reading.cm if reading else None

    def start(self, threshold_cm: float, consecutive: int) -> None:
        from hardware.distance_sensor import open_distance_sensor

        self.configure(threshold_cm, consecutive)
        try:
            self.sensor = open_distance_sensor(self.url)
        except ValueError as exc:
            self._health(f"error: {exc}")
            return
        self.sensor.on_health(lambda health: self._health(f"{health.state}: {health.message}"))
        self.sensor.start(self._on_reading)

    def configure(self, threshold_cm: float, consecutive: int) -> None:
        from hardware.distance_sensor import PresenceDetector

        self.detector = PresenceDetector(threshold_cm=threshold_cm, consecutive=consecutive)

    def _on_reading(self, reading: Any) -> None:  # on the sensor's thread
        detector = self.detector
        event = detector.feed(reading) if detector is not None else None
        if event is not None:
            (self.approached if event.value == "approach" else self.left).emit()

    def _health(self, text: str) -> None:
        self.health_text = text
        self.health_changed.emit(text)

    def stop(self) -> None:
        if self.sensor is not None:
            self.sensor.stop()


class CardWorker(QObject):
    """Card reader events (`CardEvent`: inserted, read, failed, removed) as a signal on the GUI thread."""

    card_event = Signal(object)
    health_changed = Signal(str)

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.reader: CardReader | None = None
        self.health_text = "not started"

    @property
    def simulator(self) -> SimulatedCardReader | None:
        from hardware.card_reader import SimulatedCardReader

        return self.reader if isinstance(self.reader, SimulatedCardReader) else None

    def start(self) -> None:
        from hardware.card_reader import open_card_reader

        try:
            self.reader = open_card_reader(self.url)
        except ValueError as exc:
            self._health(f"error: {exc}")
            return
        self.reader.on_health(lambda health: self._health(f"{health.state}: {health.message}"))
        self.reader.start(self.card_event.emit)

    def _health(self, text: str) -> None:
        self.health_text = text
        self.health_changed.emit(text)

    def stop(self) -> None:
        if self.reader is not None:
            self.reader.stop()
