"""Fainting or a fall: a tracked person goes from upright to lying, quickly, and then stays still.

Each of the three tests rules out a common false alarm: someone bending or sitting keeps their height
ratio above `lying_ratio`; someone lying down on purpose takes longer than `transition_s`; someone who
trips and gets straight up never stays still for `still_s`.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from inference.vision.config_detectors import FallConfig
from inference.vision.detectors.base import Detector, Finding, FrameContext
from inference.vision.tracker import Track, centre


@dataclass
class _PersonState:
    upright: deque[tuple[float, float]] = field(default_factory=lambda: deque(maxlen=50))  # (t, height)
    down_since: float | None = None  # when the person was first seen lying after being upright
    still_since: float | None = None
    still_at: tuple[float, float] | None = None  # centre when stillness started


class FallDetector(Detector):
    name = "fall"
    classes = ("fall",)

    def __init__(self, config: FallConfig) -> None:
        self.config = config
        self._people: dict[int, _PersonState] = {}

    def wants_frame(self, ctx: FrameContext) -> bool:
        return any(state.down_since is not None for state in self._people.values())

    def process(self, ctx: FrameContext) -> list[Finding]:
        t = ctx.frame.t
        best = Finding("fall", 0.0)
        alive = set()
        for track in ctx.tracks:
            alive.add(track.id)
            if track.last_t != t:
                continue  # not measured in this frame: nothing new to judge
            score = self._judge(track, self._people.setdefault(track.id, _PersonState()), t)
            if score > best.score:
                best = Finding("fall", score, track.box, {"track": track.id})
        for gone in set(self._people) - alive:
            del self._people[gone]
        return [best]

    def _judge(self, track: Track, state: _PersonState, t: float) -> float:
        cfg = self.config
        ratio = track.height / max(track.width, 1.0)
        if ratio >= cfg.upright_ratio:
            state.upright.append((t, track.height))
            state.down_since = state.still_since = state.still_at = None
            return 0.0
        if ratio > cfg.lying_ratio:
            return 0.0  # in between: bending, sitting, or mid-fall
        if state.down_since is None:
            recent = [h for ut, h in state.upright if t - ut <= cfg.transition_s]
            if not recent or track.height > (1 - cfg.min_drop) * max(recent):
                return 0.0  # lying, but not just now from upright: not a fall we saw happen
            state.down_since = t
        return self._stillness(track, state, t)

    def _stillness(self, track: Track, state: _PersonState, t: float) -> float:
        cfg = self.config
        # The median of the last three centres: boxes of a person on the floor jitter (limbs, a partly
        # hidden body, foreground blobs), and one outlier must not restart the stillness clock.
        recent = [centre(box) for _, box in list(track.history)[-3:]]
        here = (float(np.median([c[0] for c in recent])), float(np.median([c[1] for c in recent])))
        size = max(track.width, track.height, 1.0)
        if state.still_at is None or _distance(here, state.still_at) > cfg.still_motion * size:
            state.still_at, state.still_since = here, t  # moving on the floor: stillness starts again
            return 0.0 if cfg.still_s > 0 else 1.0
        assert state.still_since is not None
        return 1.0 if t - state.still_since >= cfg.still_s else 0.0


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)
