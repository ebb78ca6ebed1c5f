"""From per-frame findings to incidents: hysteresis (K of the last N evaluations) and a cooldown.

A detector's score flickers from frame to frame; an owner wants one alert per incident. So an event class
turns on when K of its last N evaluations are at or above its threshold, turns off only when none of the
last N are, and a rising edge less than `cooldown_s` after the class was last on is the same incident.
"""

from __future__ import annotations

import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from inference.vision.config import EventsConfig
from inference.vision.detectors.base import Finding
from inference.vision.tracker import Box

SEVERITY = {
    "fire": "critical",
    "fall": "critical",
    "smoke": "high",
    "intrusion": "high",
    "theft": "high",
    "damage": "medium",
    "smoking": "medium",
    "loitering": "low",
}
DEFAULT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Incident:
    camera: str
    kind: str
    score: float
    severity: str
    t: float  # source time of the detection (when K of N was reached)
    started_t: float  # source time of the first hit in the window
    at: datetime  # wall clock of the detection
    detector: str
    box: Box | None = None
    details: dict[str, Any] = field(default_factory=dict)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))


@dataclass
class _ClassState:
    window: deque[tuple[float, float]]  # (t, score) of the last N evaluations
    active: bool = False
    last_on_t: float | None = None  # last evaluation while the class was on


class EventSmoother:
    def __init__(self, camera: str, config: EventsConfig) -> None:
        self.camera = camera
        self.config = config
        self._states: dict[str, _ClassState] = {}

    def threshold(self, kind: str) -> float:
        return self.config.thresholds.get(kind, DEFAULT_THRESHOLD)

    def is_active(self, kind: str) -> bool:
        state = self._states.get(kind)
        return state is not None and state.active

    def update(self, detector: str, finding: Finding, t: float, at: datetime) -> Incident | None:
        """Feed one evaluation; returns an Incident on the rising edge of a new incident."""
        state = self._states.setdefault(finding.kind, _ClassState(deque(maxlen=self.config.window)))
        state.window.append((t, finding.score))
        threshold = self.threshold(finding.kind)
        hits = [(ht, score) for ht, score in state.window if score >= threshold]
        if state.active:
            if hits:
                state.last_on_t = t
            else:
                state.active = False  # all of the last N below: the incident is over
            return None
        if len(hits) < self.config.hits:
            return None
        state.active = True
        in_cooldown = state.last_on_t is not None and t - state.last_on_t < self.config.cooldown_s
        state.last_on_t = t
        if in_cooldown:
            return None  # the same incident flickering back on
        return Incident(
            camera=self.camera,
            kind=finding.kind,
            score=max(score for _, score in hits),
            severity=SEVERITY.get(finding.kind, "medium"),
            t=t,
            started_t=hits[0][0],
            at=at,
            detector=detector,
            box=finding.box,
            details=dict(finding.details),
        )
