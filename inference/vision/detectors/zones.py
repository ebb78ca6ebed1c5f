"""Loitering and after-hours intrusion: where tracked people stand, measured against the camera's zones.

A person is in a zone when the bottom centre of their box (their feet) is inside its polygon; the time
in a zone counts from when that track entered it, so a person walking through never builds up dwell.
"""

from __future__ import annotations

import cv2
import numpy as np

from inference.vision.config import Zone
from inference.vision.config_detectors import ZonesConfig
from inference.vision.detectors.base import Detector, Finding, FrameContext
from inference.vision.tracker import foot


class ZoneDetector(Detector):
    name = "zones"

    def __init__(self, config: ZonesConfig, zones: list[Zone]) -> None:
        self.config = config
        self.zones = zones
        self._entered: dict[tuple[str, int], float] = {}  # (zone, track id) -> when it entered
        self._polygons: dict[str, np.ndarray] = {}
        self._size: tuple[int, int] = (0, 0)
        kinds = []
        if any(z.loiter_s for z in zones):
            kinds.append("loitering")
        if any(z.after_hours for z in zones):
            kinds.append("intrusion")
        self.classes = tuple(kinds)

    def wants_frame(self, ctx: FrameContext) -> bool:
        return bool(self._entered)  # keep counting dwell while someone waits without moving

    def _polygon(self, zone: Zone, width: int, height: int) -> np.ndarray:
        if self._size != (width, height):
            self._polygons.clear()
            self._size = (width, height)
        if zone.name not in self._polygons:
            points = [(x * width, y * height) for x, y in zone.polygon]
            self._polygons[zone.name] = np.array(points, dtype=np.float32).reshape(-1, 1, 2)
        return self._polygons[zone.name]

    def process(self, ctx: FrameContext) -> list[Finding]:
        t = ctx.frame.t
        loiter = Finding("loitering", 0.0)
        intrusion = Finding("intrusion", 0.0)
        present: set[tuple[str, int]] = set()
        for zone in self.zones:
            polygon = self._polygon(zone, ctx.frame.width, ctx.frame.height)
            for track in ctx.tracks:
                if cv2.pointPolygonTest(polygon, foot(track.box), False) < 0:
                    continue
                key = (zone.name, track.id)
                present.add(key)
                dwell = t - self._entered.setdefault(key, t)
                details = {"zone": zone.name, "track": track.id, "dwell_s": round(dwell, 1)}
                if zone.loiter_s and dwell >= zone.loiter_s and loiter.score == 0:
                    loiter = Finding("loitering", 1.0, track.box, details)
                if (
                    zone.after_hours
                    and ctx.store_closed
                    and dwell >= self.config.intrusion_s
                    and intrusion.score == 0
                ):
                    intrusion = Finding("intrusion", 1.0, track.box, details)
        self._entered = {key: since for key, since in self._entered.items() if key in present}
        findings = []
        if "loitering" in self.classes:
            findings.append(loiter)
        if "intrusion" in self.classes and ctx.store_closed:
            findings.append(intrusion)  # while open, intrusion is not evaluated at all
        return findings
