"""Detector plugins, picked by each camera's config; `build_detectors` makes a camera's set in run order.

To add one: a config model with a new `type` in config_detectors.py, a `Detector` subclass here, and a
line in `_FACTORIES`.
"""

from __future__ import annotations

from collections.abc import Callable

from inference.models import ModelRegistry
from inference.vision.config import CameraConfig
from inference.vision.config_detectors import (
    ClipClassifierConfig,
    FallConfig,
    FireSmokeConfig,
    PersonConfig,
    ZonesConfig,
)
from inference.vision.detectors.base import Detector, DetectorStatus, Finding, FrameContext

Factory = Callable[[object, CameraConfig, ModelRegistry], Detector]


def _person(cfg: object, camera: CameraConfig, registry: ModelRegistry) -> Detector:
    from inference.vision.detectors.person import PersonDetector

    assert isinstance(cfg, PersonConfig)
    return PersonDetector(cfg, registry, idle_check_s=camera.motion.idle_check_s)


def _fall(cfg: object, camera: CameraConfig, registry: ModelRegistry) -> Detector:
    from inference.vision.detectors.fall import FallDetector

    assert isinstance(cfg, FallConfig)
    return FallDetector(cfg)


def _fire_smoke(cfg: object, camera: CameraConfig, registry: ModelRegistry) -> Detector:
    from inference.vision.detectors.fire_smoke import FireSmokeDetector

    assert isinstance(cfg, FireSmokeConfig)
    return FireSmokeDetector(cfg)


def _zones(cfg: object, camera: CameraConfig, registry: ModelRegistry) -> Detector:
    from inference.vision.detectors.zones import ZoneDetector

    assert isinstance(cfg, ZonesConfig)
    return ZoneDetector(cfg, camera.zones)


def _clip(cfg: object, camera: CameraConfig, registry: ModelRegistry) -> Detector:
    from inference.vision.detectors.clip import ClipClassifierDetector

    assert isinstance(cfg, ClipClassifierConfig)
    return ClipClassifierDetector(cfg, registry)


_FACTORIES: dict[str, Factory] = {
    "person": _person,
    "fall": _fall,
    "fire_smoke": _fire_smoke,
    "zones": _zones,
    "clip_classifier": _clip,
}
# People first: fall and zones read the tracks it leaves in the frame context.
_ORDER = ("person", "fall", "zones", "fire_smoke", "clip_classifier")
PERSON_BASED = ("fall", "zones")


def build_detectors(camera: CameraConfig, registry: ModelRegistry) -> list[Detector]:
    configs = sorted(camera.detectors, key=lambda d: _ORDER.index(d.type))
    return [_FACTORIES[cfg.type](cfg, camera, registry) for cfg in configs]


def coverage(detectors: list[Detector]) -> DetectorStatus:
    """What this camera watches for, and what it cannot, with why. A class two detectors report (fire from
    the classical detector and from the clip classifier) is monitored if either works. A missing person
    model blocks fall, loitering and intrusion too, since they read the person tracks."""
    monitored: list[str] = []
    reasons: dict[str, list[str]] = {}
    people_missing = ""
    for detector in detectors:
        status = detector.status()
        if detector.name == "person":
            people_missing = status.not_monitored.get("person", "")
            continue
        for kind in detector.classes:
            if kind in status.not_monitored:
                reasons.setdefault(kind, []).append(status.not_monitored[kind])
            elif people_missing and detector.name in PERSON_BASED:
                reasons.setdefault(kind, []).append(f"person detection unavailable: {people_missing}")
            elif kind not in monitored:
                monitored.append(kind)
    missing = {kind: "; ".join(why) for kind, why in reasons.items() if kind not in monitored}
    return DetectorStatus(tuple(monitored), missing)


__all__ = ["Detector", "DetectorStatus", "Finding", "FrameContext", "build_detectors", "coverage"]
