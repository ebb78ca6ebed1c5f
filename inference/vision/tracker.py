"""A small IoU tracker with a centroid fallback: tracks with ids, dwell times and a short box history.

A person who falls changes box shape so much (tall and thin to short and wide) that the two boxes barely
overlap; matching by IoU alone would end the track at exactly the moment the fall detector needs it. So a
detection that overlaps no track may still continue the nearest one whose centre is close enough relative
to its size.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in analysis pixels


@dataclass(frozen=True)
class Detection:
    box: Box
    score: float


def iou(a: Box, b: Box) -> float:
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


def centre(box: Box) -> tuple[float, float]:
    return (box[0] + box[2]) / 2, (box[1] + box[3]) / 2


def foot(box: Box) -> tuple[float, float]:
    """Where the person stands: the bottom centre of the box (zones are drawn on the floor)."""
    return (box[0] + box[2]) / 2, box[3]


@dataclass
class Track:
    id: int
    box: Box
    first_t: float
    last_t: float
    score: float
    hits: int = 1
    history: deque[tuple[float, Box]] = field(default_factory=lambda: deque(maxlen=100))

    @property
    def dwell_s(self) -> float:
        return self.last_t - self.first_t

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]


class IouTracker:
    def __init__(
        self, iou_min: float = 0.25, centre_max: float = 0.75, max_age_s: float = 2.0, min_hits: int = 2
    ) -> None:
        self.iou_min = iou_min
        self.centre_max = centre_max  # centre distance / box size that may still continue a track
        self.max_age_s = max_age_s
        self.min_hits = min_hits
        self._tracks: list[Track] = []
        self._ids = itertools.count(1)

    @property
    def tracks(self) -> list[Track]:
        """Confirmed tracks still alive (seen in the last max_age_s)."""
        return [t for t in self._tracks if t.hits >= self.min_hits]

    def _affinity(self, track: Track, det: Detection) -> float:
        overlap = iou(track.box, det.box)
        if overlap >= self.iou_min:
            return 1.0 + overlap  # any real overlap beats any centroid match
        (tx, ty), (dx, dy) = centre(track.box), centre(det.box)
        size = max(track.width, track.height, det.box[2] - det.box[0], det.box[3] - det.box[1], 1.0)
        distance = ((tx - dx) ** 2 + (ty - dy) ** 2) ** 0.5 / size
        return 1.0 - distance / self.centre_max if distance < self.centre_max else 0.0

    def _match(
        self, tracks: list[Track], detections: list[Detection], t: float
    ) -> tuple[list[Track], list[Detection]]:
        """Greedy matching by affinity; returns (tracks matched, detections left over)."""
        pairs = sorted(
            (
                (self._affinity(track, det), ti, di)
                for ti, track in enumerate(tracks)
                for di, det in enumerate(detections)
            ),
            reverse=True,
        )
        used_tracks: set[int] = set()
        used_dets: set[int] = set()
        for affinity, ti, di in pairs:
            if affinity <= 0 or ti in used_tracks or di in used_dets:
                continue
            used_tracks.add(ti)
            used_dets.add(di)
            self.extend(tracks[ti], detections[di].box, t, detections[di].score)
        left = [det for di, det in enumerate(detections) if di not in used_dets]
        return [tracks[i] for i in sorted(used_tracks)], left

    def extend(self, track: Track, box: Box, t: float, score: float) -> None:
        """Continue `track` with a measurement (a detection, or foreground where the detector lost it)."""
        track.box, track.score, track.last_t = box, score, t
        track.hits += 1
        track.history.append((t, box))

    def update(self, detections: list[Detection], t: float, weak: Sequence[Detection] = ()) -> list[Track]:
        """Match this frame's detections; `weak` ones (low scores) may continue a track but never start one,
        as ByteTrack does, because a person lying down or half hidden scores low. Returns the confirmed
        tracks seen in this frame."""
        seen, fresh = self._match(self._tracks, detections, t)
        unmatched = [tr for tr in self._tracks if tr not in seen]
        seen_weak, _ = self._match(unmatched, list(weak), t)
        seen += seen_weak
        for det in fresh:
            track = Track(next(self._ids), det.box, t, t, det.score)
            track.history.append((t, det.box))
            self._tracks.append(track)
            seen.append(track)
        self.prune(t)
        return sorted((tr for tr in seen if tr.hits >= self.min_hits), key=lambda tr: tr.id)

    def prune(self, t: float) -> None:
        self._tracks = [tr for tr in self._tracks if t - tr.last_t <= self.max_age_s]

    def lost(self, t: float) -> list[Track]:
        """Confirmed tracks alive but not seen at time `t`."""
        return [tr for tr in self.tracks if tr.last_t < t]
