"""Turn distance readings into 'a customer approached' / 'the customer left' events.

Ultrasonic sensors glitch (a passing trolley, a reflection), so an approach needs `consecutive` readings
within the threshold, and leaving needs `leave_consecutive` readings beyond threshold + `hysteresis_cm`:
a customer swaying around the threshold does not flicker the kiosk between attract and welcome."""

from __future__ import annotations

from enum import StrEnum

from hardware.distance_sensor.base import DistanceReading


class PresenceEvent(StrEnum):
    APPROACH = "approach"
    LEAVE = "leave"


class PresenceDetector:
    def __init__(
        self,
        threshold_cm: float = 80.0,
        consecutive: int = 3,
        hysteresis_cm: float = 20.0,
        leave_consecutive: int | None = None,
    ) -> None:
        if threshold_cm <= 0 or consecutive < 1 or hysteresis_cm < 0:
            raise ValueError("threshold_cm > 0, consecutive >= 1 and hysteresis_cm >= 0 are required")
        self.threshold_cm, self.consecutive, self.hysteresis_cm = threshold_cm, consecutive, hysteresis_cm
        # Leaving is confirmed a little more slowly by default: losing a customer mid-purchase is worse.
        self.leave_consecutive = leave_consecutive if leave_consecutive is not None else consecutive * 2
        self.present = False
        self._streak = 0

    def reset(self) -> None:
        """Forget everything, e.g. after the sensor reconnects."""
        self.present = False
        self._streak = 0

    def feed(self, reading: DistanceReading) -> PresenceEvent | None:
        """Take one reading; return an event when presence changes."""
        if not self.present:
            near = reading.cm is not None and reading.cm <= self.threshold_cm
            self._streak = self._streak + 1 if near else 0
            if self._streak >= self.consecutive:
                self.present, self._streak = True, 0
                return PresenceEvent.APPROACH
            return None
        gone = reading.cm is None or reading.cm > self.threshold_cm + self.hysteresis_cm
        self._streak = self._streak + 1 if gone else 0
        if self._streak >= self.leave_consecutive:
            self.present, self._streak = False, 0
            return PresenceEvent.LEAVE
        return None
