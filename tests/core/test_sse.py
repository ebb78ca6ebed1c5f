"""SseClient against a fake event stream: parsing, keep-alives, resume with Last-Event-ID, 401 refresh,
and stop() from another thread while a read is blocked."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

import pytest

from core.client import ApiClient, SseClient
from core.client.errors import ForbiddenError
from core.client.sse import SseParser
from tests.core.conftest import FakeServer, Reply, Seen, error_body


def _frame(event_id: int, type_: str = "stock.changed") -> bytes:
    data = json.dumps({"id": event_id, "type": type_, "data": {"product_id": 1}})
    return f"id: {event_id}\nevent: {type_}\ndata: {data}\n\n".encode()


def test_parser_handles_comments_multiline_data_and_retry() -> None:
    parser = SseParser()
    lines = [": keep-alive", "retry: 1500", "id: 7", "event: alert.created", 'data: {"a":', "data: 1}", ""]
    events = [e for e in map(parser.feed, lines) if e is not None]
    assert len(events) == 1
    assert (events[0].id, events[0].event, events[0].data) == ("7", "alert.created", {"a": 1})
    assert events[0].numeric_id == 7 and parser.retry_ms == 1500
    assert parser.feed("data: plain words") is None and parser.feed("") is not None  # non-JSON kept as text
    assert parser.feed(":only a comment") is None and parser.feed("") is None  # an empty event is no event


def stream_of(
    *frames: bytes, then_wait: threading.Event | None = None
) -> Callable[[Callable[[bytes], None]], None]:
    def write_all(write: Callable[[bytes], None]) -> None:
        write(b": hello\n\n")
        for frame in frames:
            write(frame)
        if then_wait is not None:
            then_wait.wait(60)

    return write_all


def test_reconnects_after_a_drop_sending_last_event_id(fake_server: FakeServer) -> None:
    calls = {"n": 0}

    def events(seen: Seen) -> Reply:
        calls["n"] += 1
        if calls["n"] == 1:
            return Reply(
                200, headers={"Content-Type": "text/event-stream"}, stream=stream_of(_frame(1), _frame(2))
            )
        if calls["n"] == 2:
            return Reply(503, error_body("unavailable", "restarting"))
        return Reply(200, headers={"Content-Type": "text/event-stream"}, stream=stream_of(_frame(3)))

    fake_server.on_call("GET", "/events", events)
    client = SseClient(fake_server.url, backoff_base_s=0.01)
    received = []
    for event in client:
        received.append(event.numeric_id)
        if len(received) == 3:
            client.stop()
    assert received == [1, 2, 3]
    sent = [s.headers.get("Last-Event-ID") for s in fake_server.requests_to("/events")]
    assert sent == [None, "2", "2"]
    assert client.last_event_id == "3"


def test_starts_from_a_given_last_event_id(fake_server: FakeServer) -> None:
    fake_server.on("GET", "/events", Reply(200, stream=stream_of(_frame(42))))
    client = SseClient(fake_server.url, access_token="managed-elsewhere", last_event_id=41)
    assert next(iter(client)).numeric_id == 42
    client.stop()
    headers = fake_server.requests_to("/events")[0].headers
    assert headers["Last-Event-ID"] == "41" and headers["Authorization"] == "Bearer managed-elsewhere"


def test_stop_from_another_thread_ends_a_blocked_read_promptly(fake_server: FakeServer) -> None:
    release = threading.Event()
    fake_server.on("GET", "/events", Reply(200, stream=stream_of(_frame(1), then_wait=release)))
    client = SseClient(fake_server.url, keepalive_s=60)  # the read would block for 180 s
    received: list[int | None] = []
    done = threading.Event()

    def consume() -> None:
        for event in client:
            received.append(event.numeric_id)
        done.set()

    worker = threading.Thread(target=consume)
    worker.start()
    assert client.connected.wait(10)
    deadline = time.monotonic() + 10
    while not received and time.monotonic() < deadline:
        time.sleep(0.01)
    stopper = threading.Thread(target=client.stop)  # stop() itself must not block on the reader either
    stopper.start()
    finished = done.wait(10)
    release.set()
    stopper.join(5)
    worker.join(5)
    assert finished and received == [1]


def test_401_refreshes_the_token_and_reconnects(fake_server: FakeServer) -> None:
    def events(seen: Seen) -> Reply:
        if seen.headers.get("Authorization") != "Bearer fresh":
            return Reply(401, error_body("token_invalid", "expired"))
        return Reply(200, stream=stream_of(_frame(5)))

    fake_server.on_call("GET", "/events", events)
    fake_server.on(
        "POST",
        "/auth/refresh",
        Reply(200, {"access_token": "fresh", "expires_in": 30, "refresh_token": "r2"}),
    )
    api = ApiClient(fake_server.url)
    api.set_tokens("stale", "r1")
    client = SseClient(api)
    assert next(iter(client)).numeric_id == 5
    client.stop()
    assert len(fake_server.requests_to("/auth/refresh")) == 1


def test_a_forbidden_stream_is_not_retried(fake_server: FakeServer) -> None:
    fake_server.on("GET", "/events", Reply(403, error_body("forbidden", "Your role does not allow this.")))
    with pytest.raises(ForbiddenError):
        next(iter(SseClient(fake_server.url)))
    assert len(fake_server.requests_to("/events")) == 1
