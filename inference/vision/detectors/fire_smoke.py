"""Fire and smoke from classical cues, with no trained model.

Fire: flame-coloured pixels (red-orange-yellow, saturated, bright) in a region that flickers (its pixels
turn on and off from frame to frame) while the region as a whole stays put; growth adds confidence. An
orange jacket walking by moves as a whole; an orange sign does not flicker.

Smoke: grey, unsaturated pixels that changed against the background, in a region that keeps growing over
the last seconds and is diffuse (few sharp edges). A person in grey clothes has edges and does not grow.
Everything runs on the small motion-sized copy of the frame: a fraction of a millisecond.
"""

from __future__ import annotations

import itertools
from collections import deque
from dataclasses import dataclass

import cv2
import numpy as np

from inference.vision.config_detectors import FireSmokeConfig
from inference.vision.detectors.base import Detector, Finding, FrameContext
from inference.vision.tracker import Box

FLICKER_GREY_STD = 12.0  # grey levels: above camera noise, well below a flame's jumps
GROWTH_NOISE = 1.2  # area changes up to 20% are a flickering edge, not growth
CORE_MIN = 0.1  # share of the region that is yellow-white for full credit


@dataclass(frozen=True)
class _Sample:
    t: float
    fire: np.ndarray  # bool mask of flame-coloured pixels
    grey: np.ndarray  # brightness, for flicker
    core: np.ndarray  # bool mask of yellow-white, very bright pixels: the hot core of a flame
    fire_area: int
    smoke_area: int


def colour_masks(small_bgr: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(flame-coloured, yellow-white core, grey) as bool masks, from one HSV conversion.

    Flame: red to yellow (OpenCV hue 0-30, where red is the largest channel and green the next),
    saturated and bright. Core: yellow or white-hot and very bright. Grey: unsaturated, neither black nor
    blown out (smoke in front of a background).
    """
    hsv = cv2.cvtColor(small_bgr, cv2.COLOR_BGR2HSV)
    flame = cv2.inRange(hsv, (0, 100, 170), (30, 255, 255)) > 0
    yellow = cv2.inRange(hsv, (22, 0, 220), (35, 255, 255))
    core = cv2.bitwise_or(yellow, cv2.inRange(hsv, (0, 0, 240), (180, 79, 255))) > 0
    grey = cv2.inRange(hsv, (0, 0, 70), (180, 45, 235)) > 0
    return flame, core, grey


def _box_of(mask: np.ndarray, scale: tuple[float, float]) -> Box | None:
    points = cv2.findNonZero(mask.astype(np.uint8))
    if points is None:
        return None
    x, y, w, h = cv2.boundingRect(points)
    return (x * scale[0], y * scale[1], (x + w) * scale[0], (y + h) * scale[1])


class FireSmokeDetector(Detector):
    name = "fire_smoke"

    def __init__(self, config: FireSmokeConfig) -> None:
        self.config = config
        self.classes = tuple(k for k, on in (("fire", config.fire), ("smoke", config.smoke)) if on)
        self._history: deque[_Sample] = deque(maxlen=256)

    def process(self, ctx: FrameContext) -> list[Finding]:
        mask = ctx.motion.mask
        small = cv2.resize(ctx.image, (mask.shape[1], mask.shape[0]), interpolation=cv2.INTER_AREA)
        scale = (ctx.frame.width / mask.shape[1], ctx.frame.height / mask.shape[0])
        fire, core, grey_colour = colour_masks(small)
        smoke = grey_colour & (mask > 0)
        t = ctx.frame.t
        grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        self._history.append(
            _Sample(t, fire, grey, core, int(np.count_nonzero(fire)), int(np.count_nonzero(smoke)))
        )
        while self._history and t - self._history[0].t > self.config.history_s:
            self._history.popleft()
        findings = []
        if self.config.fire:
            findings.append(self._fire(scale))
        if self.config.smoke:
            findings.append(self._smoke(small, smoke, scale))
        return findings

    def _fire(self, scale: tuple[float, float]) -> Finding:
        samples = list(self._history)
        if (
            len(samples) < 4
            or sum(s.fire_area for s in samples) < self.config.min_area * samples[0].fire.size
        ):
            return Finding("fire", 0.0)  # no flame colour to speak of: the usual case, and cheap
        stack = np.stack([s.fire for s in samples])
        # A flame stays where it burns: its pixels are flame-coloured in much of the recent past. Orange
        # specks on something moving (a shirt's print, an overlay) pass over a pixel only briefly.
        persistent = (stack.mean(axis=0) >= 0.3).astype(np.uint8)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(
            cv2.dilate(persistent, np.ones((3, 3), np.uint8))
        )
        best = Finding("fire", 0.0)
        greys = np.stack([s.grey for s in samples]).astype(np.float32)
        for label in range(1, count):
            if stats[label, cv2.CC_STAT_AREA] < self.config.min_area * persistent.size:
                continue
            region = (labels == label) & (persistent > 0)
            finding = self._judge_flame(stack, greys, [s.core for s in samples], region, scale)
            if finding.score > best.score:
                best = finding
        return best

    def _judge_flame(
        self,
        stack: np.ndarray,
        greys: np.ndarray,
        cores: list[np.ndarray],
        region: np.ndarray,
        scale: tuple[float, float],
    ) -> Finding:
        area = int(region.sum())
        # Flicker: the brightness of a flame's pixels jumps from frame to frame; a lit orange sign's or a
        # wooden door's stays within the camera's noise.
        flicker = float((greys[:, region].std(axis=0) >= FLICKER_GREY_STD).mean())
        centres = [np.argwhere(mask & region).mean(axis=0) for mask in stack if (mask & region).any()]
        spread = float(np.ptp(np.array(centres), axis=0).max()) if len(centres) > 1 else 0.0
        drift = spread / max(area**0.5, 1.0)  # how far the region wandered, in region sizes
        details = {"flicker": round(flicker, 2), "drift": round(drift, 2), "area": area}
        if drift > 0.5:
            return Finding("fire", 0.0, details=details)  # it moves as a whole: an object, not a flame
        # Growth: mean area of the newest third against the oldest third, so single-frame noise cancels.
        areas = (stack & region).sum(axis=(1, 2))
        third = max(1, len(areas) // 3)
        growth = float(areas[-third:].mean()) / max(float(areas[:third].mean()), 1.0)
        core = float(cores[-1][region].mean())
        # Flicker alone is not enough (an orange print on someone shifting their weight flickers too): it
        # takes a second cue, a yellow-white core or a region that keeps growing.
        score = 0.45 * min(1.0, flicker / max(self.config.flicker_min, 1e-6))
        score += 0.3 * min(1.0, core / CORE_MIN)
        score += 0.25 * min(1.0, max(0.0, growth - GROWTH_NOISE) / 0.5)
        details.update(growth=round(growth, 2), core=round(core, 2))
        return Finding("fire", min(score, 1.0), _box_of(region, scale), details)

    def _smoke(self, small: np.ndarray, smoke: np.ndarray, scale: tuple[float, float]) -> Finding:
        samples = list(self._history)
        area = samples[-1].smoke_area
        if len(samples) < 4 or area < self.config.min_area * smoke.size:
            return Finding("smoke", 0.0)
        start = max(min(s.smoke_area for s in samples[: len(samples) // 2]), 1)
        growth = min(area / start, 99.0)
        # Steady growth, not a blob that popped up once: most steps must not shrink much.
        areas = [s.smoke_area for s in samples]
        steady = sum(b >= 0.9 * a for a, b in itertools.pairwise(areas)) / (len(areas) - 1)
        edges = cv2.Canny(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), 50, 150) > 0
        edge_density = float(edges[smoke].mean())
        growing = min(1.0, max(0.0, growth - 1.0) / max(self.config.smoke_growth - 1.0, 1e-6))
        diffuse = min(1.0, max(0.0, 1.0 - edge_density / 0.2))
        score = growing * diffuse * (1.0 if steady >= 0.7 else 0.5)
        details = {"growth": round(growth, 2), "edges": round(edge_density, 3), "steady": round(steady, 2)}
        return Finding("smoke", score, _box_of(smoke, scale), details)
