"""Each detector on synthetic clips drawn here, through the whole camera pipeline (motion gate, tracker,
smoothing): what should raise an alert does, and its look-alikes do not."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from inference.vision.events import Incident
from tests.inference.vision import synthetic
from tests.inference.vision.support import pipeline, run

PEOPLE = {"type": "person", "backend": "blob", "min_height": 0.2}


def kinds(incidents: list[Incident]) -> list[str]:
    return [i.kind for i in incidents]


def test_a_box_that_topples_and_stays_down_is_a_fall(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"detectors": [PEOPLE, {"type": "fall", "still_s": 2.0}]})
    incidents = run(pipe, synthetic.frames(synthetic.toppling_box()))
    assert kinds(incidents) == ["fall"]
    fall = incidents[0]
    assert fall.severity == "critical"
    # Not before the box had lain still for still_s: it toppled at about 3.6 s into the clip.
    assert fall.t >= 3.6 + 2.0


def test_a_box_that_topples_and_gets_up_is_not_a_fall(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"detectors": [PEOPLE, {"type": "fall", "still_s": 2.0}]})
    assert run(pipe, synthetic.frames(synthetic.toppling_box(get_up=True))) == []


def test_a_fall_needs_the_person_to_stay_down_long_enough(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"detectors": [PEOPLE, {"type": "fall", "still_s": 10.0}]})
    assert run(pipe, synthetic.frames(synthetic.toppling_box(seconds_down=6.0))) == []


def test_flickering_flame_is_fire(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"detectors": [{"type": "fire_smoke"}]})
    incidents = run(pipe, synthetic.frames(synthetic.flickering_flame()))
    assert kinds(incidents) == ["fire"]
    box = incidents[0].box
    assert box is not None and box[0] <= 200 <= box[2]  # where the flame is
    assert incidents[0].details["flicker"] > 0.15


def test_orange_things_that_do_not_flicker_are_not_fire(tmp_path: Path) -> None:
    for clip in (synthetic.flickering_flame(static=True), synthetic.flickering_flame(moving=True)):
        pipe = pipeline(tmp_path, {"detectors": [{"type": "fire_smoke"}]})
        assert "fire" not in kinds(run(pipe, synthetic.frames(clip)))


def test_grey_diffuse_growth_is_smoke(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"detectors": [{"type": "fire_smoke"}]})
    incidents = run(pipe, synthetic.frames(synthetic.spreading_smoke()))
    assert kinds(incidents) == ["smoke"]
    assert incidents[0].details["growth"] >= 1.3


def test_a_grey_solid_object_moving_is_not_smoke(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"detectors": [{"type": "fire_smoke"}]})
    assert run(pipe, synthetic.frames(synthetic.spreading_smoke(solid=True))) == []


ZONE = {"name": "till", "polygon": [[0.6, 0.0], [1.0, 0.0], [1.0, 1.0], [0.6, 1.0]], "after_hours": True}
CLOSED_AT_NIGHT = {"timezone": "Asia/Seoul", "open": [{"start": "09:00", "end": "22:00"}]}
NIGHT = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)  # 02:00 in Seoul
DAY = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)  # 12:00 in Seoul


def test_a_person_sized_blob_in_a_zone_after_hours_is_an_intrusion(tmp_path: Path) -> None:
    camera = {"detectors": [PEOPLE, {"type": "zones"}], "zones": [ZONE]}
    pipe = pipeline(tmp_path, camera, store=CLOSED_AT_NIGHT)
    incidents = run(pipe, synthetic.frames(synthetic.lingering_blob(), start=NIGHT))
    assert kinds(incidents) == ["intrusion"]
    assert incidents[0].details["zone"] == "till"


def test_the_same_blob_during_opening_hours_is_no_intrusion(tmp_path: Path) -> None:
    camera = {"detectors": [PEOPLE, {"type": "zones"}], "zones": [ZONE]}
    pipe = pipeline(tmp_path, camera, store=CLOSED_AT_NIGHT)
    assert run(pipe, synthetic.frames(synthetic.lingering_blob(), start=DAY)) == []


def test_lingering_past_the_zones_dwell_threshold_is_loitering(tmp_path: Path) -> None:
    zone = {**ZONE, "after_hours": False, "loiter_s": 6.0}
    camera = {"detectors": [PEOPLE, {"type": "zones"}], "zones": [zone]}
    pipe = pipeline(tmp_path, camera)
    incidents = run(pipe, synthetic.frames(synthetic.lingering_blob(seconds=12.0), start=DAY))
    assert kinds(incidents) == ["loitering"]
    assert incidents[0].details["dwell_s"] >= 6.0
    assert incidents[0].severity == "low"


def test_walking_through_a_zone_is_not_loitering(tmp_path: Path) -> None:
    zone = {**ZONE, "after_hours": False, "loiter_s": 6.0}
    camera = {"detectors": [PEOPLE, {"type": "zones"}], "zones": [zone]}
    pipe = pipeline(tmp_path, camera)
    assert run(pipe, synthetic.frames(synthetic.lingering_blob(seconds=3.0), start=DAY)) == []


def test_a_quiet_camera_runs_no_detector(tmp_path: Path) -> None:
    pipe = pipeline(tmp_path, {"detectors": [PEOPLE, {"type": "fall"}, {"type": "fire_smoke"}]})
    quiet = [synthetic.background() for _ in range(50)]
    assert run(pipe, synthetic.frames(quiet)) == []
    assert pipe.stats.frames == 50
    assert pipe.stats.analysed == 0
