"""The SSE event stream over a real server: live delivery, resume with Last-Event-ID, scope, keep-alive."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from fastapi import FastAPI
from fastapi.testclient import TestClient

from backend.app import create_app
from backend.db.migrate import upgrade_to_head
from backend.db.session import Database
from backend.events import emit
from backend.services.event_stream import (
    FRONTIER_IDS,
    GAP_GRACE_S,
    POLL_GAP_GRACE_S,
    EventCursor,
    EventScope,
)
from backend.state import AppState
from core.schemas.events import EventOut, EventPage
from core.timeutil import utcnow
from tests.backend.conftest import make_settings
from tests.backend.test_stats import kiosk_headers
from tests.backend.world import World, build_world
from tests.support.live_backend import LiveBackend

READ_TIMEOUT_S = 15.0


class SseReader:
    """Reads an SSE response in a thread, handing complete messages (and comments) over a queue."""

    def __init__(self, url: str, headers: dict[str, str], **params: Any) -> None:
        self.response = requests.get(
            f"{url}/api/v1/events", headers=headers, params=params, stream=True, timeout=30
        )
        assert self.response.status_code == 200, self.response.text
        assert self.response.headers["content-type"].startswith("text/event-stream")
        self.messages: queue.Queue[dict[str, str] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._pump, daemon=True)
        self._thread.start()
        assert self.next_comment() == "connected"  # the stream's cursor is now fixed

    def _pump(self) -> None:
        message: dict[str, str] = {}
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line == "":
                    if message:
                        self.messages.put(message)
                    message = {}
                elif line.startswith(":"):
                    self.messages.put({"comment": line[1:].strip()})
                else:
                    name, _, value = line.partition(":")
                    message[name] = value.removeprefix(" ")
        except (requests.RequestException, OSError, AttributeError):
            pass  # closed by the test
        self.messages.put(None)

    def _next(self) -> dict[str, str]:
        message = self.messages.get(timeout=READ_TIMEOUT_S)
        assert message is not None, "the stream ended"
        return message

    def next_comment(self) -> str:
        while True:
            message = self._next()
            if "comment" in message:
                return message["comment"]

    def next_event(self) -> EventOut:
        while True:
            message = self._next()
            if "data" in message:
                event = EventOut.model_validate_json(message["data"])
                assert message["id"] == str(event.id) and message["event"] == event.type
                return event

    def events(self, count: int) -> list[EventOut]:
        return [self.next_event() for _ in range(count)]

    def close(self) -> None:
        self.response.close()
        self._thread.join(timeout=10)


def emit_events(state: AppState, *specs: tuple[str, int | None, int | None]) -> list[int]:
    """Commit one event per (type, store_id, brand_id), as a route would, and wake the streams."""
    with state.db.write() as s:
        events = [
            emit(s, type_, store_id=store_id, brand_id=brand_id, data={"seq": i})
            for i, (type_, store_id, brand_id) in enumerate(specs)
        ]
        s.commit()
    state.notifier.notify()
    return [e.id for e in events]


@pytest.fixture
def live(any_db_url: str, tmp_path: Path) -> Iterator[tuple[FastAPI, LiveBackend, World]]:
    app = create_app(make_settings(any_db_url, tmp_path, sse_keepalive_s=0.3))
    world = build_world(app.state.autostore.db)
    server = LiveBackend(app)
    server.start()
    thread = server._thread
    try:
        yield app, server, world
    finally:
        server.stop()
    # uvicorn waits for open responses before it exits: a stream left running would keep it alive.
    assert thread is not None and not thread.is_alive()


def test_live_events_then_resume_with_last_event_id(live: tuple[FastAPI, LiveBackend, World]) -> None:
    app, server, world = live
    state: AppState = app.state.autostore
    owner = world.headers(TestClient(app), "owner_a")
    a1, a2, b1 = world.store_a1, world.store_a2, world.store_b1

    stream = SseReader(server.url, owner)
    first = emit_events(state, ("order.created", a1, world.brand_a), ("stock.changed", a2, world.brand_a))
    received = stream.events(2)
    assert [e.id for e in received] == first
    assert [e.type for e in received] == ["order.created", "stock.changed"]
    assert received[0].data == {"seq": 0} and received[0].store_id == a1
    stream.close()

    # While the client is away: two of ours, one brand-wide of ours, one of another brand.
    missed = emit_events(
        state,
        ("order.created", a1, world.brand_a),
        ("stock.changed", b1, world.brand_b),
        ("config.changed", None, world.brand_a),
        ("stock.low", a2, world.brand_a),
    )
    expected = [missed[0], missed[2], missed[3]]

    stream = SseReader(server.url, {**owner, "Last-Event-ID": str(first[-1])})
    assert [e.id for e in stream.events(3)] == expected
    later = emit_events(state, ("alert.created", a1, world.brand_a))
    assert stream.next_event().id == later[0]  # and then it carries on live
    stream.close()

    # The query parameter does the same for clients that cannot set headers.
    stream = SseReader(server.url, owner, last_event_id=first[-1])
    assert [e.id for e in stream.events(4)] == [*expected, later[0]]
    stream.close()


def test_each_principal_sees_only_its_scope(live: tuple[FastAPI, LiveBackend, World]) -> None:
    app, server, world = live
    state: AppState = app.state.autostore
    client = TestClient(app)
    readers = {
        "owner_b": SseReader(server.url, world.headers(client, "owner_b")),
        "support_a2": SseReader(server.url, world.headers(client, "support_a2")),
        "staff_a1": SseReader(server.url, world.headers(client, "staff_a1")),
        "kiosk_a1": SseReader(server.url, kiosk_headers(state, world.store_a1)),
    }
    ids = emit_events(
        state,
        ("order.created", world.store_a1, world.brand_a),
        ("order.created", world.store_a2, world.brand_a),
        ("product.changed", None, world.brand_a),
        ("order.created", world.store_b1, world.brand_b),
        ("product.changed", None, world.brand_b),
    )
    a1_event, a2_event, brand_a, b1_event, brand_b = ids
    expected = {
        "owner_b": [b1_event, brand_b],
        "support_a2": [a2_event, brand_a],
        "staff_a1": [a1_event, brand_a],
        "kiosk_a1": [a1_event, brand_a],
    }
    # A last event each can see proves nothing else came in between (the stream is in id order).
    b1_call, a2_call, a1_call = emit_events(
        state,
        ("call.requested", world.store_b1, world.brand_b),
        ("call.requested", world.store_a2, world.brand_a),
        ("call.requested", world.store_a1, world.brand_a),
    )
    sentinels = {"owner_b": b1_call, "support_a2": a2_call, "staff_a1": a1_call, "kiosk_a1": a1_call}
    for who, reader in readers.items():
        assert [e.id for e in reader.events(3)] == [*expected[who], sentinels[who]], who
        reader.close()


def test_keep_alive_comments_while_idle(live: tuple[FastAPI, LiveBackend, World]) -> None:
    app, server, world = live
    stream = SseReader(server.url, world.headers(TestClient(app), "staff_a1"))
    assert stream.next_comment() == "keep-alive"
    assert stream.next_comment() == "keep-alive"
    stream.close()


def test_stream_refuses_bad_requests(live: tuple[FastAPI, LiveBackend, World]) -> None:
    app, server, world = live
    assert requests.get(f"{server.url}/api/v1/events", timeout=10).status_code == 401
    owner = world.headers(TestClient(app), "owner_a")
    resp = requests.get(f"{server.url}/api/v1/events", headers={**owner, "Last-Event-ID": "x1"}, timeout=10)
    assert resp.status_code == 422


def test_latest_id_and_poll(client: TestClient, state: AppState, world: World) -> None:
    owner_b = world.headers(client, "owner_b")
    assert client.get("/api/v1/events/latest-id", headers=owner_b).json() == {"last_id": 0}
    ids = emit_events(
        state,
        ("order.created", world.store_b1, world.brand_b),
        ("order.created", world.store_a1, world.brand_a),
        ("stock.low", world.store_b1, world.brand_b),
        ("order.created", world.store_a1, world.brand_a),
    )
    assert client.get("/api/v1/events/latest-id", headers=owner_b).json() == {"last_id": ids[2]}

    page = EventPage.model_validate(
        client.get("/api/v1/events/poll", params={"after": 0, "limit": 2}, headers=owner_b).json()
    )
    assert [e.id for e in page.events] == [ids[0]] and page.last_id == ids[1] and page.more
    page = EventPage.model_validate(
        client.get("/api/v1/events/poll", params={"after": page.last_id}, headers=owner_b).json()
    )
    assert [e.id for e in page.events] == [ids[2]] and page.last_id == ids[3] and not page.more
    page = EventPage.model_validate(
        client.get("/api/v1/events/poll", params={"after": page.last_id}, headers=owner_b).json()
    )
    assert page.events == [] and page.last_id == ids[3]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _commit_event(db: Database, store_id: int, brand_id: int, **fields: Any) -> int:
    with db.write() as s:
        event = emit(s, "order.created", store_id=store_id, brand_id=brand_id, data={})
        for name, value in fields.items():
            setattr(event, name, value)
        s.commit()
        return event.id


def _fetch_ids(db: Database, cursor: EventCursor) -> list[int]:
    with db.read() as s:
        events, _more = cursor.fetch(s)
        return [e.id for e in events]


@pytest.mark.postgres
def test_cursor_waits_for_a_lower_id_committed_late(pg_url: str) -> None:
    """PostgreSQL hands out ids before commit: id N+1 can be visible while N is not yet. The cursor must
    not step past N, or a stream (and a client resuming from N+1) would never see it."""
    db = Database(pg_url)
    upgrade_to_head(db.write_engine)
    world = build_world(db)
    a1, brand = world.store_a1, world.brand_a
    clock = FakeClock()
    cursor = EventCursor(
        EventScope(frozenset({a1}), frozenset({brand})), 0, serialized_writes=False, clock=clock
    )

    with db.write() as slow:
        late = emit(slow, "order.created", store_id=a1, brand_id=brand, data={})
        slow.flush()  # the id is taken, the row not yet visible
        quick = _commit_event(db, a1, brand)
        assert quick > late.id
        assert _fetch_ids(db, cursor) == []  # held back behind the open transaction
        clock.now += 1
        assert _fetch_ids(db, cursor) == []
        slow.commit()
    assert _fetch_ids(db, cursor) == [late.id, quick]

    # A rolled-back transaction burns its id for good: after the grace period the cursor moves on.
    with db.write() as doomed:
        emit(doomed, "order.created", store_id=a1, brand_id=brand, data={})
        doomed.flush()
        doomed.rollback()
    after_gap = _commit_event(db, a1, brand)
    assert _fetch_ids(db, cursor) == []
    clock.now += GAP_GRACE_S
    assert _fetch_ids(db, cursor) == [after_gap]

    # A stateless poll judges by the age of the event above the gap instead.
    with db.write() as doomed:
        emit(doomed, "order.created", store_id=a1, brand_id=brand, data={})
        doomed.flush()
        doomed.rollback()
    old = _commit_event(db, a1, brand, created_at=utcnow() - timedelta(seconds=POLL_GAP_GRACE_S + 5))
    scope = EventScope(frozenset({a1}), frozenset({brand}))
    poll = EventCursor(scope, after_gap, serialized_writes=False, stateless=True)
    assert _fetch_ids(db, poll) == [old]
    db.dispose()


def test_catching_up_reads_only_the_callers_events(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'c.db'}")
    upgrade_to_head(db.write_engine)
    world = build_world(db)
    first_b = _commit_event(db, world.store_b1, world.brand_b)
    with db.write() as s:  # a busy brand A: more than the frontier window of ids
        for _ in range(FRONTIER_IDS + 200):
            emit(s, "stock.changed", store_id=world.store_a1, brand_id=world.brand_a, data={})
        s.commit()
    last_b = _commit_event(db, world.store_b1, world.brand_b)
    cursor = EventCursor(EventScope(frozenset({world.store_b1}), frozenset({world.brand_b})), 0, True)
    seen: list[int] = []
    for _ in range(5):
        seen += _fetch_ids(db, cursor)
    assert seen == [first_b, last_b]
    assert cursor.last_id == last_b
    db.dispose()


def test_kiosk_does_not_hear_cctv_alerts(client: TestClient, state: AppState, world: World) -> None:
    """A kiosk is a customer-facing screen: alert and camera events of its store never reach it."""
    kiosk = kiosk_headers(state, world.store_a1)
    ids = emit_events(
        state,
        ("alert.created", world.store_a1, world.brand_a),
        ("stock.low", world.store_a1, world.brand_a),
        ("camera.changed", world.store_a1, world.brand_a),
    )
    page = EventPage.model_validate(
        client.get("/api/v1/events/poll", params={"after": 0}, headers=kiosk).json()
    )
    seen = [(e.id, e.type) for e in page.events if e.id in ids]
    assert seen == [(ids[1], "stock.low")]
    owner = world.headers(client, "owner_a")
    page = EventPage.model_validate(
        client.get("/api/v1/events/poll", params={"after": 0}, headers=owner).json()
    )
    assert {e.id for e in page.events} >= set(ids)
