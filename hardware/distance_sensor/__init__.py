"""Distance sensor: `open_distance_sensor(url)` picks the serial driver or the simulator from config.

- `serial:///dev/ttyACM0?baud=9600`: the Arduino (options: baud, interval, timeout, settle)
- `serial://COM3?baud=9600`: the same on Windows
- `sim:`: the simulator (options: distance, noise, interval)
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from hardware.distance_sensor.base import DistanceReading, DistanceSensor, SensorState, SensorStats
from hardware.distance_sensor.presence import PresenceDetector, PresenceEvent
from hardware.distance_sensor.serial_sensor import SerialDistanceSensor
from hardware.distance_sensor.simulator import SimulatedDistanceSensor

__all__ = [
    "DistanceReading",
    "DistanceSensor",
    "PresenceDetector",
    "PresenceEvent",
    "SensorState",
    "SensorStats",
    "SerialDistanceSensor",
    "SimulatedDistanceSensor",
    "open_distance_sensor",
]


def open_distance_sensor(url: str) -> DistanceSensor:
    """Build (not start) the sensor a config URL names; ValueError says what is wrong with the URL."""
    parts = urlsplit(url.strip())
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    try:
        if parts.scheme == "sim":
            distance = options.pop("distance", None)
            sim = SimulatedDistanceSensor(
                distance_cm=float(distance) if distance else None,
                noise_cm=float(options.pop("noise", 0)),
                interval=float(options.pop("interval", 0.1)),
            )
            _reject_unknown(options)
            return sim
        if parts.scheme == "serial":
            port = parts.netloc + parts.path
            if re.fullmatch(r"/COM\d+", port, flags=re.IGNORECASE):
                port = port[1:]  # serial:///COM3 -> COM3
            if not port:
                raise ValueError("no serial port; e.g. serial:///dev/ttyACM0?baud=9600")
            sensor = SerialDistanceSensor(
                port,
                baud=int(options.pop("baud", 9600)),
                interval=float(options.pop("interval", 0.1)),
                reply_timeout=float(options.pop("timeout", 0.3)),
                settle=float(options.pop("settle", 2.0)),
            )
            _reject_unknown(options)
            return sensor
    except (TypeError, ValueError) as exc:
        raise ValueError(f"bad distance sensor URL {url!r}: {exc}") from exc
    raise ValueError(f"unknown distance sensor URL {url!r}; use serial:///dev/ttyACM0?baud=9600 or sim:")


def _reject_unknown(options: dict[str, str]) -> None:
    if options:
        raise ValueError(f"unknown option(s) {', '.join(sorted(options))}")
