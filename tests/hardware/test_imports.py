"""The kiosk imports hardware/ at start-up: that must not drag in OpenCV, pyscard, pyserial or numpy (slow),
nor Qt, the backend or an app (the dependency rule)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
import hardware.camera, hardware.card_reader, hardware.distance_sensor
from hardware.camera import open_camera
from hardware.card_reader import open_card_reader
from hardware.distance_sensor import open_distance_sensor
open_camera("file:///clip.avi"); open_card_reader("pcsc:"); open_distance_sensor("serial:///dev/ttyACM0")
print(json.dumps(sorted(sys.modules)))
"""
HEAVY_OR_FORBIDDEN = ("cv2", "smartcard", "serial", "numpy", "PySide6", "backend", "kiosk_app", "owner_app")


def test_importing_and_configuring_drivers_loads_nothing_heavy() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True, timeout=120, check=True
    )
    loaded = json.loads(result.stdout)
    offenders = [m for m in loaded if m.split(".")[0] in HEAVY_OR_FORBIDDEN]
    assert offenders == []
