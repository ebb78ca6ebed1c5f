"""A distance sensor without hardware, driven from the demo dev panel, hot keys and tests."""

from __future__ import annotations

import random
import threading

from hardware.distance_sensor.base import DistanceReading, DistanceSensor, SensorState


class SimulatedDistanceSensor(DistanceSensor):
    """Emits the distance last set (plus optional Gaussian noise) every `interval` seconds.

    `None` means nobody in range, as the real firmware's -1. `unplug()`/`replug()` exercise the kiosk's
    handling of a lost sensor."""

    def __init__(
        self,
        distance_cm: float | None = None,
        noise_cm: float = 0.0,
        interval: float = 0.1,
        approach_cm: float = 45.0,
        seed: int | None = None,
    ) -> None:
        super().__init__("simulated distance sensor")
        self.interval, self.noise_cm, self.approach_cm = interval, noise_cm, approach_cm
        self._distance = distance_cm
        self._plugged = True
        self._random = random.Random(seed)
        self._wake = threading.Event()

    @property
    def distance_cm(self) -> float | None:
        return self._distance

    def set_distance(self, cm: float | None) -> None:
        if cm is not None and cm < 0:
            raise ValueError("a distance is never negative; use None for 'nobody in range'")
        self._distance = cm
        self._wake.set()  # emit the new value now, not up to one interval later

    def approach(self, cm: float | None = None) -> None:
        """A customer steps up to the kiosk."""
        self.set_distance(self.approach_cm if cm is None else cm)

    def leave(self) -> None:
        """The customer walks away: nothing in range any more."""
        self.set_distance(None)

    def unplug(self) -> None:
        self._plugged = False
        self._wake.set()

    def replug(self) -> None:
        self._plugged = True
        self._wake.set()

    def _run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self._plugged:
                self._set_health(SensorState.OK, "simulated sensor measuring")
                self._publish(DistanceReading(self._noisy(self._distance)))
            else:
                self._set_health(SensorState.DISCONNECTED, "simulated sensor unplugged")
            self._wake.wait(self.interval)
            self._wake.clear()

    def _noisy(self, cm: float | None) -> float | None:
        if cm is None or self.noise_cm <= 0:
            return cm
        return max(0.0, cm + self._random.gauss(0.0, self.noise_cm))
