"""Hysteresis (K of N), the cooldown that makes one incident one alert, and severities."""

from __future__ import annotations

from datetime import UTC, datetime

from inference.vision.config import EventsConfig
from inference.vision.detectors.base import Finding
from inference.vision.events import EventSmoother

AT = datetime(2026, 3, 2, tzinfo=UTC)


def feed(smoother: EventSmoother, scores: list[float], kind: str = "fire", start: float = 0.0) -> list[float]:
    """Times (0.2 s apart) at which an incident was raised."""
    raised = []
    for i, score in enumerate(scores):
        t = start + i * 0.2
        if smoother.update("fire_smoke", Finding(kind, score), t, AT) is not None:
            raised.append(round(t, 1))
    return raised


def test_a_score_must_hold_in_k_of_n_windows() -> None:
    smoother = EventSmoother("cam", EventsConfig(window=5, hits=3, cooldown_s=0))
    # Isolated spikes never make 3 of the last 5.
    assert feed(smoother, [0.9, 0, 0, 0.9, 0, 0, 0.9, 0, 0, 0.9]) == []
    # Three of five does, on the third hit.
    smoother = EventSmoother("cam", EventsConfig(window=5, hits=3, cooldown_s=0))
    assert feed(smoother, [0.9, 0, 0.9, 0, 0.9], start=10) == [10.8]


def test_an_incident_stays_one_alert_while_it_holds_and_ends_when_all_n_are_below() -> None:
    smoother = EventSmoother("cam", EventsConfig(window=3, hits=2, cooldown_s=0))
    assert feed(smoother, [0.9] * 20) == [0.2]
    assert smoother.is_active("fire")
    feed(smoother, [0.0, 0.9, 0.0], start=10)  # one hit in the window: still the same incident
    assert smoother.is_active("fire")
    feed(smoother, [0.0, 0.0, 0.0], start=20)
    assert not smoother.is_active("fire")
    assert feed(smoother, [0.9, 0.9], start=30) == [30.2]  # no cooldown: a new incident


def test_the_cooldown_merges_an_incident_that_flickers_back_on() -> None:
    smoother = EventSmoother("cam", EventsConfig(window=3, hits=2, cooldown_s=60))
    assert feed(smoother, [0.9, 0.9, 0, 0, 0]) == [0.2]
    assert not smoother.is_active("fire")
    assert feed(smoother, [0.9, 0.9], start=30) == []  # 30 s after: the same incident
    assert smoother.is_active("fire")
    feed(smoother, [0, 0, 0], start=31)
    assert feed(smoother, [0.9, 0.9], start=200) == [200.2]  # long after: a new one


def test_classes_are_smoothed_separately_with_their_own_thresholds() -> None:
    smoother = EventSmoother("cam", EventsConfig(window=2, hits=2, thresholds={"theft": 0.8}))
    assert feed(smoother, [0.7, 0.7], kind="theft") == []
    assert feed(smoother, [0.7, 0.7], kind="smoke", start=5) == [5.2]


def test_severity_follows_the_kind_of_event() -> None:
    smoother = EventSmoother("cam", EventsConfig(window=1, hits=1))
    severities = {}
    for kind in ("fire", "fall", "smoke", "intrusion", "loitering", "damage"):
        incident = smoother.update("d", Finding(kind, 1.0, (1, 2, 3, 4), {"zone": "z"}), 1.0, AT)
        assert incident is not None and incident.camera == "cam" and incident.box == (1, 2, 3, 4)
        severities[kind] = incident.severity
    assert severities == {
        "fire": "critical",
        "fall": "critical",
        "smoke": "high",
        "intrusion": "high",
        "loitering": "low",
        "damage": "medium",
    }
