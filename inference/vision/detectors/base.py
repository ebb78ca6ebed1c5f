"""The one interface every detector plugin implements, and what flows between them in one frame.

A detector looks at a `FrameContext` and returns `Finding`s: a score per class it evaluated in this frame
(0 counts too: it is a window in which the event did not hold). The person detector runs first and puts
its tracks in the context; fall and zone detectors read them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from inference.vision.frames import FrameRing, VideoFrame
from inference.vision.motion import MotionResult
from inference.vision.tracker import Box, Track


@dataclass(frozen=True)
class Finding:
    kind: str  # event class: fall, fire, smoke, loitering, intrusion, theft, damage, smoking
    score: float  # 0..1; an event needs K of N findings at or above its threshold
    box: Box | None = None  # where, in analysis pixels, for the snapshot overlay
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class FrameContext:
    frame: VideoFrame
    motion: MotionResult
    ring: FrameRing
    store_closed: bool = False
    tracks: list[Track] = field(default_factory=list)  # filled in by the person detector
    people_source: str = ""  # "yolox" or "blob": what the tracks come from

    @property
    def image(self) -> np.ndarray:
        return self.frame.image


@dataclass(frozen=True)
class DetectorStatus:
    """What a detector can watch for now; classes it cannot are reported as not monitored, with why."""

    monitored: tuple[str, ...]
    not_monitored: dict[str, str] = field(default_factory=dict)  # class -> reason


class Detector(ABC):
    name: str = ""
    classes: tuple[str, ...] = ()  # event classes it may report
    needs_motion: bool = True  # False: run on every analysed frame, even a still one

    def status(self) -> DetectorStatus:
        return DetectorStatus(monitored=self.classes)

    def wants_frame(self, ctx: FrameContext) -> bool:
        """Whether to run although the motion gate is closed (e.g. a person lying still)."""
        return not self.needs_motion

    @abstractmethod
    def process(self, ctx: FrameContext) -> list[Finding]: ...

    def close(self) -> None:  # noqa: B027 - optional hook, most detectors hold nothing to free
        """Free models and threads; the default has none."""
