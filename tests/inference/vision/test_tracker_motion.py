"""The tracker (ids, dwell, a fall's change of shape, weak detections) and the motion gate."""

from __future__ import annotations

import numpy as np

from inference.vision.config import MotionConfig
from inference.vision.motion import MotionGate
from inference.vision.tracker import Detection, IouTracker, iou
from tests.inference.vision import synthetic


def det(x0: float, y0: float, x1: float, y1: float, score: float = 0.9) -> Detection:
    return Detection((x0, y0, x1, y1), score)


def test_iou() -> None:
    assert iou((0, 0, 10, 10), (0, 0, 10, 10)) == 1.0
    assert iou((0, 0, 10, 10), (20, 20, 30, 30)) == 0.0
    assert abs(iou((0, 0, 10, 10), (5, 0, 15, 10)) - 1 / 3) < 1e-9


def test_two_walkers_keep_their_ids_and_dwell_times() -> None:
    tracker = IouTracker(max_age_s=1.0, min_hits=2)
    for step in range(10):
        t = step * 0.2
        seen = tracker.update(
            [det(10 + step * 3, 50, 40 + step * 3, 140), det(200 - step * 3, 40, 230 - step * 3, 130)], t
        )
    assert sorted(tr.id for tr in seen) == [1, 2]
    assert all(abs(tr.dwell_s - 1.8) < 1e-9 for tr in seen)
    left = min(seen, key=lambda tr: tr.box[0])
    assert left.id == 1


def test_a_track_needs_min_hits_and_dies_after_max_age() -> None:
    tracker = IouTracker(max_age_s=1.0, min_hits=2)
    assert tracker.update([det(0, 0, 20, 60)], 0.0) == []  # one sighting: not yet a track
    assert [tr.id for tr in tracker.update([det(1, 0, 21, 60)], 0.2)] == [1]
    tracker.update([], 0.8)
    assert [tr.id for tr in tracker.tracks] == [1]  # unseen for 0.6 s: still alive
    tracker.update([], 1.5)
    assert tracker.tracks == []


def test_a_person_who_falls_keeps_their_track_although_the_boxes_barely_overlap() -> None:
    tracker = IouTracker(max_age_s=1.0, min_hits=1)
    tracker.update([det(100, 40, 130, 140)], 0.0)  # upright, 30 x 100
    seen = tracker.update([det(80, 110, 180, 140)], 0.2)  # lying, 100 x 30
    assert iou((100, 40, 130, 140), (80, 110, 180, 140)) < 0.25
    assert [tr.id for tr in seen] == [1]


def test_weak_detections_continue_a_track_but_never_start_one() -> None:
    tracker = IouTracker(max_age_s=1.0, min_hits=1)
    tracker.update([det(100, 40, 130, 140)], 0.0)
    seen = tracker.update([], 0.2, weak=[det(101, 41, 131, 141, 0.12), det(250, 40, 280, 140, 0.12)])
    assert [tr.id for tr in seen] == [1]
    assert len(tracker.tracks) == 1


def test_motion_gate_ignores_noise_and_holds_after_motion() -> None:
    gate = MotionGate(MotionConfig(hold_s=1.0))
    rng = np.random.default_rng(0)
    base = synthetic.background()
    results = [gate.update(synthetic.noisy(base, rng), i * 0.2) for i in range(10)]
    assert not any(r.moving or r.gate_open for r in results)
    moved = base.copy()
    synthetic.person_box(moved, (100, 60, 130, 150))
    assert gate.update(moved, 2.0).moving
    after = [gate.update(synthetic.noisy(base, rng), 2.0 + i * 0.2) for i in range(1, 10)]
    assert [r.gate_open for r in after] == [True] * 5 + [False] * 4
    assert not any(r.moving for r in after)
