"""The disk queue and the sender: atomic items, delivery in order, a backend outage, refusals, restarts."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path
from typing import Any

from inference.vision.disk_queue import CLIP, SNAPSHOT, DiskQueue
from inference.vision.uplink import AlertSender, DeliveryError


class FakeBackend:
    """Stores alerts like the real one (a replay of an id returns the original); can be 'down'."""

    def __init__(self) -> None:
        self.down = False
        self.refuse: set[str] = set()
        self.alerts: dict[str, dict[str, Any]] = {}
        self.calls = 0

    def post(self, alert: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        self.calls += 1
        if self.down:
            raise DeliveryError("connection refused", transient=True)
        if alert["id"] in self.refuse:
            raise DeliveryError("422 validation_error", transient=False)
        stored = self.alerts.setdefault(alert["id"], {"alert": alert, "files": {}})
        for name, data in files.items():
            stored["files"].setdefault(name, data)
        return {"id": alert["id"], "clip_url": "/clip" if CLIP in stored["files"] else None}


class Clock:
    def __init__(self) -> None:
        self.now = time.time()  # items record their creation on the wall clock

    def __call__(self) -> float:
        return self.now


def alert(kind: str = "fall") -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "camera_id": "cam", "type": kind, "score": 0.9}


def test_an_item_is_complete_when_it_appears_and_survives_a_restart(tmp_path: Path) -> None:
    queue = DiskQueue(tmp_path)
    first = queue.enqueue(alert(), {SNAPSHOT: b"jpeg"})
    second = queue.enqueue(alert("fire"), {SNAPSHOT: b"jpeg2"}, clip_expected=False)
    again = DiskQueue(tmp_path)  # a new process after a crash sees the same items, in order
    assert [item.name for item in again.pending()] == [first.name, second.name]
    assert again.pending()[1].alert()["type"] == "fire"
    assert again.pending()[0].media(SNAPSHOT) == b"jpeg"
    assert again.pending()[0].clip_expected and not again.pending()[1].clip_expected
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing half-written left behind


def test_alerts_go_out_at_once_and_their_clips_follow(tmp_path: Path) -> None:
    queue, backend, clock = DiskQueue(tmp_path), FakeBackend(), Clock()
    sender = AlertSender(queue, backend, clock=clock)
    body = alert()
    queue.enqueue(body, {SNAPSHOT: b"jpeg"})
    assert sender.deliver_ready()
    assert set(backend.alerts[body["id"]]["files"]) == {SNAPSHOT}
    assert len(queue) == 1  # still waiting for its clip
    assert queue.attach(body["id"], CLIP, b"mp4")
    sender.deliver_ready()
    assert backend.alerts[body["id"]]["files"][CLIP] == b"mp4"
    assert len(queue) == 0


def test_nothing_is_lost_while_the_backend_is_down(tmp_path: Path) -> None:
    queue, backend, clock = DiskQueue(tmp_path), FakeBackend(), Clock()
    sender = AlertSender(queue, backend, backoff_base_s=1.0, backoff_cap_s=30.0, clock=clock)
    backend.down = True
    sent = [alert() for _ in range(3)]
    for body in sent:
        queue.enqueue(body, {SNAPSHOT: b"jpeg", CLIP: b"mp4"})
    delays = []
    for _ in range(6):  # the outage: each pass fails on the oldest, then waits longer
        assert not sender.deliver_ready()
        state = queue.pending()[0].state()
        delays.append(state.next_attempt_at - clock.now)
        calls = backend.calls
        assert not sender.deliver_ready()  # within the backoff: no call at all
        assert backend.calls == calls
        clock.now = state.next_attempt_at
    assert delays == sorted(delays) or delays[-1] >= 8  # grows (with jitter) up to the cap
    assert max(delays) <= 30.0
    assert len(queue) == 3 and queue.pending()[0].state().attempts == 6
    # The backend comes back; a worker restart in between changes nothing.
    backend.down = False
    sender = AlertSender(DiskQueue(tmp_path), backend, clock=clock)
    assert sender.deliver_ready()
    assert list(backend.alerts) == [body["id"] for body in sent]  # oldest first, each once
    assert len(DiskQueue(tmp_path)) == 0


def test_an_alert_refused_for_good_moves_aside_and_does_not_block_the_rest(tmp_path: Path) -> None:
    queue, backend = DiskQueue(tmp_path), FakeBackend()
    bad, good = alert(), alert()
    backend.refuse.add(bad["id"])
    queue.enqueue(bad, {SNAPSHOT: b"x"}, clip_expected=False)
    queue.enqueue(good, {SNAPSHOT: b"y"}, clip_expected=False)
    assert AlertSender(queue, backend).deliver_ready()
    assert list(backend.alerts) == [good["id"]]
    failed = queue.failed()
    assert len(failed) == 1 and "422" in (failed[0].path / "reason.txt").read_text()


def test_a_clip_that_never_comes_does_not_hold_the_alert_forever(tmp_path: Path) -> None:
    queue, backend, clock = DiskQueue(tmp_path), FakeBackend(), Clock()
    sender = AlertSender(queue, backend, clip_wait_s=60, clock=clock)
    body = alert()
    queue.enqueue(body, {SNAPSHOT: b"x"})
    sender.deliver_ready()
    assert len(queue) == 1
    clock.now += 61
    sender.deliver_ready()
    assert len(queue) == 0
    queue.enqueue(alert(), {SNAPSHOT: b"x"})
    queue.give_up_clip(queue.pending()[0].alert()["id"], "encoder failed")
    sender.deliver_ready()
    assert len(queue) == 0


def test_the_sender_thread_wakes_on_enqueue_and_stops(tmp_path: Path) -> None:
    queue, backend = DiskQueue(tmp_path), FakeBackend()
    sender = AlertSender(queue, backend)
    stop = threading.Event()
    thread = threading.Thread(target=sender.run, args=(stop, 5.0))
    thread.start()
    try:
        delivered = threading.Event()
        sender.on_delivered = lambda _id, _t: delivered.set()
        queue.enqueue(alert(), {SNAPSHOT: b"x"}, clip_expected=False)
        assert delivered.wait(3.0)  # long before the 5 s poll: the enqueue woke it
    finally:
        stop.set()
        queue.changed.set()
        thread.join(5)
    assert not thread.is_alive()


def test_a_damaged_state_file_does_not_stop_delivery(tmp_path: Path) -> None:
    queue, backend = DiskQueue(tmp_path), FakeBackend()
    item = queue.enqueue(alert(), {SNAPSHOT: b"x"}, clip_expected=False)
    (item.path / "state.json").write_text("{not json")
    assert AlertSender(queue, backend).deliver_ready()
    assert len(backend.alerts) == 1
