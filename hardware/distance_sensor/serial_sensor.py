"""The Arduino HC-SR04 sensor on a serial port (pyserial).

Protocol (resources/firmware/distance_sensor/distance_sensor.ino): we send `GET_DISTANCE\\n`, it answers one
line with centimetres as a float (`123.45\\r\\n`), or `-1` when the echo timed out (nothing in range).
Garbage lines are counted and skipped, silence becomes `no_reply`, a vanished port becomes `disconnected`
and is reopened with exponential backoff (a replugged Arduino may come back under the same path)."""

from __future__ import annotations

import logging
import math
import threading
import time
from typing import TYPE_CHECKING

from hardware.device import Backoff
from hardware.distance_sensor.base import DistanceReading, DistanceSensor, SensorState

if TYPE_CHECKING:
    import serial

logger = logging.getLogger(__name__)

REQUEST = b"GET_DISTANCE\n"
_TIMEOUT = "timeout"
_GARBAGE = "garbage"


class SerialDistanceSensor(DistanceSensor):
    def __init__(
        self,
        port: str,
        baud: int = 9600,
        interval: float = 0.1,
        reply_timeout: float = 0.3,
        settle: float = 2.0,
        no_reply_after: int = 3,
        bad_data_after: int = 5,
        max_cm: float = 600.0,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(f"distance sensor on {port}")
        self.port, self.baud, self.interval, self.reply_timeout = port, baud, interval, reply_timeout
        # An Uno resets when the port opens (DTR) and ignores us for about two seconds while it boots.
        self.settle = settle
        self.no_reply_after, self.bad_data_after, self.max_cm = no_reply_after, bad_data_after, max_cm
        self.backoff = backoff or Backoff(initial=0.5, maximum=5.0)

    def _run(self, stop: threading.Event) -> None:
        import serial  # lazily: the kiosk imports hardware at start-up and must cold-start fast

        opened_before = False
        while not stop.is_set():
            try:
                with serial.Serial(
                    self.port,
                    self.baud,
                    timeout=self.reply_timeout,
                    write_timeout=self.reply_timeout,
                    exclusive=True,
                ) as port:
                    if opened_before:
                        self.stats.reconnects += 1
                    opened_before = True
                    self._set_health(SensorState.CONNECTING, f"{self.port} open, waiting for the sensor")
                    if stop.wait(self.settle):
                        break
                    self._poll(port, stop)
            except (serial.SerialException, OSError) as exc:
                self._set_health(
                    SensorState.DISCONNECTED,
                    f"{self.port} is unavailable ({_reason(exc)}); check the sensor's USB cable. Retrying.",
                )
            except Exception as exc:  # a bug or an odd driver error must not end the sensor for good
                logger.exception("distance sensor loop failed")
                self._set_health(SensorState.DISCONNECTED, f"sensor error ({_reason(exc)}); retrying")
            if not stop.is_set():
                stop.wait(self.backoff.next_delay())

    def _poll(self, port: serial.Serial, stop: threading.Event) -> None:
        misses = garbage = 0
        while not stop.is_set():
            started = time.monotonic()
            port.reset_input_buffer()  # a late answer to the previous request must not pose as this one
            port.write(REQUEST)
            outcome = self._parse(port.readline())
            if outcome == _TIMEOUT:
                misses += 1
                self.stats.timeouts += 1
                if misses >= self.no_reply_after:
                    self._set_health(
                        SensorState.NO_REPLY,
                        f"the sensor on {self.port} does not answer (wrong firmware or baud rate?)",
                    )
            elif outcome == _GARBAGE:
                garbage += 1
                self.stats.garbage_lines += 1
                if garbage >= self.bad_data_after:
                    self._set_health(
                        SensorState.BAD_DATA,
                        f"the sensor on {self.port} sends unreadable data (check the baud rate, {self.baud})",
                    )
            else:
                assert isinstance(outcome, DistanceReading)
                misses = garbage = 0
                self.backoff.reset()
                self._set_health(SensorState.OK, f"measuring on {self.port}")
                self._publish(outcome)
            stop.wait(max(0.0, self.interval - (time.monotonic() - started)))

    def _parse(self, line: bytes) -> DistanceReading | str:
        if not line.endswith(b"\n"):
            return _TIMEOUT  # nothing, or half a line when the timeout struck
        try:
            value = float(line.decode("ascii").strip())
        except (UnicodeDecodeError, ValueError):
            logger.debug("skipping a garbage line from %s: %r", self.port, line[:40])
            return _GARBAGE
        if math.isnan(value):
            return _GARBAGE
        if value < 0 or value > self.max_cm:
            return DistanceReading(None)  # the firmware's -1 sentinel (or an echo from beyond its range)
        return DistanceReading(value)


def _reason(exc: BaseException) -> str:
    """pyserial wraps errno errors as '[Errno 2] could not open port ...'; keep it short for the UI."""
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
