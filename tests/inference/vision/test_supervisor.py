"""`processes: 2`: cameras split over child processes that write to the shared queue; a child that dies
is restarted by the parent."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from inference.vision.config import parse_config
from inference.vision.supervisor import Supervisor, camera_groups
from tests.inference.vision import synthetic

pytestmark = pytest.mark.slow


def test_cameras_are_split_round_robin() -> None:
    cameras = [{"name": f"c{i}", "source": i} for i in range(5)]
    config = parse_config({"queue_dir": "q", "processes": 2, "cameras": cameras})
    assert camera_groups(config) == [["c0", "c2", "c4"], ["c1", "c3"]]


def test_children_raise_alerts_into_the_shared_queue_and_a_dead_one_is_restarted(tmp_path: Path) -> None:
    source = synthetic.write_clip(tmp_path / "fall.mp4", synthetic.toppling_box())
    people = {"type": "person", "backend": "blob", "min_height": 0.2}
    camera = {"source": str(source), "loop": True, "detectors": [people, {"type": "fall", "still_s": 2}]}
    config = parse_config(
        {
            "queue_dir": str(tmp_path / "queue"),
            "processes": 2,
            "events": {"pre_s": 1, "post_s": 1, "cooldown_s": 3600},
            "cameras": [{"name": "a", **camera}, {"name": "b", **camera}],
        }
    )
    supervisor = Supervisor(config)
    stop = threading.Event()
    thread = threading.Thread(target=supervisor.run, args=(stop,), daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while len(supervisor.queue) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        alerts = sorted((i.alert()["camera_id"], i.alert()["type"]) for i in supervisor.queue.pending())
        assert alerts == [("a", "fall"), ("b", "fall")]
        victim = supervisor._children[0]
        assert victim is not None and victim.pid is not None
        os.kill(victim.pid, signal.SIGKILL)
        while supervisor.restarts < 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert supervisor.restarts == 1
        while (
            not (supervisor._children[0] and supervisor._children[0].is_alive())
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)
        assert supervisor._children[0] is not None and supervisor._children[0].is_alive()
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()
