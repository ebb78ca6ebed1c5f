"""Routes: the event log as Server-Sent Events, a latest-id probe, and a poll for clients that can't stream.

A stream reads the events table (so it is right across several backend processes on PostgreSQL) and, in
between, waits on this process's notifier so an event committed here goes out at once; events committed
by another process arrive within `sse_poll_s`. Blocking reads and waits run in a thread of the stream's
own (one-token) limiter, so a hundred idle streams never starve the thread pool the plain routes share.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.api.deps import Caller, CurrentPrincipal, State, oauth2_scheme
from backend.db.models import Event
from backend.errors import ApiError, unauthorized
from backend.security import decode_access_token
from backend.services.event_stream import EventCursor, EventScope, latest_id, scope_for, to_wire
from backend.state import AppState
from core.schemas.events import EventOut, EventPage, LatestEventId
from core.timeutil import utcnow

router = APIRouter(tags=["events"])
RECONNECT_MS = 2000


def _scope(state: AppState, caller: CurrentPrincipal) -> EventScope:
    with state.db.read() as s:
        return scope_for(s, caller.role, caller.brand_id, caller.store_ids)


def _parse_last_id(raw: str | None) -> int | None:
    if raw is None or raw.strip() == "":
        return None
    try:
        return max(0, int(raw.strip()))
    except ValueError:
        raise ApiError(
            422,
            "validation_error",
            "Last-Event-ID must be an event id (a whole number).",
            [{"field": "Last-Event-ID", "message": "not a whole number"}],
        ) from None


def _newest_id(session: Session) -> int:
    return int(session.scalar(select(func.max(Event.id))) or 0)


def _format(event: EventOut) -> str:
    return f"id: {event.id}\nevent: {event.type}\ndata: {event.model_dump_json()}\n\n"


def _read_batch(state: AppState, cursor: EventCursor) -> tuple[list[EventOut], bool]:
    with state.db.read() as s:
        events, more = cursor.fetch(s)
        return [to_wire(e) for e in events], more


async def _event_stream(state: AppState, cursor: EventCursor, expires_at: datetime) -> AsyncIterator[str]:
    """Events as SSE text until the client goes (the response cancels us) or the access token expires
    (the client then reconnects with a fresh token and its Last-Event-ID, losing nothing)."""
    settings, notifier = state.settings, state.notifier
    limiter = anyio.CapacityLimiter(1)
    yield f"retry: {RECONNECT_MS}\n: connected\n\n"
    last_write = time.monotonic()
    while True:
        # Read the generation before the table: a commit during the read then ends the wait at once.
        generation = notifier.generation
        events, more = await anyio.to_thread.run_sync(_read_batch, state, cursor, limiter=limiter)
        for event in events:
            yield _format(event)
        now = time.monotonic()
        if events:
            last_write = now
        if more:
            continue
        if utcnow() >= expires_at:
            yield ": access token expired; reconnect with a fresh one\n\n"
            return
        if now - last_write >= settings.sse_keepalive_s:
            yield ": keep-alive\n\n"
            last_write = now
        timeout = min(settings.sse_poll_s, settings.sse_keepalive_s - (now - last_write))
        await anyio.to_thread.run_sync(notifier.wait, generation, max(timeout, 0.0), limiter=limiter)


@router.get(
    "/events",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "An endless SSE stream"}},
)
def stream_events(
    state: State,
    caller: Caller,
    token: Annotated[str | None, Depends(oauth2_scheme)],
    last_event_id: Annotated[str | None, Query(description="Resume after this id (as Last-Event-ID)")] = None,
    last_event_id_header: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> StreamingResponse:
    """Events in the caller's scope as `id`/`event`/`data` SSE messages, with keep-alive comments.

    With `Last-Event-ID` (header, or `?last_event_id=`) everything after that id is replayed in id order
    first; without it the stream starts with the next new event."""
    claims = decode_access_token(state.settings.secret_key, token or "")
    if claims is None:  # `caller` has just accepted this token; it can only have expired in between
        raise unauthorized("Your session has expired. Sign in again.", code="token_invalid")
    scope = _scope(state, caller)
    resume = _parse_last_id(last_event_id_header) if last_event_id is None else _parse_last_id(last_event_id)
    with state.db.read() as s:
        newest = _newest_id(s)
    # A Last-Event-ID above everything in the table comes from another database (a reset): start afresh.
    start = newest if resume is None else min(resume, newest)
    cursor = EventCursor(scope, start, serialized_writes=state.db.is_sqlite)
    return StreamingResponse(
        _event_stream(state, cursor, claims.expires_at),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.get("/events/latest-id")
def get_latest_event_id(state: State, caller: Caller) -> LatestEventId:
    """The newest event id the caller may see (0 when none)."""
    scope = _scope(state, caller)
    with state.db.read() as s:
        return LatestEventId(last_id=latest_id(s, scope))


@router.get("/events/poll")
def poll_events(
    state: State,
    caller: Caller,
    after: Annotated[
        int, Query(ge=0, description="The `last_id` of the previous page (0: from the start)")
    ] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> EventPage:
    """Events after `after`, in id order, for clients that cannot hold a stream open."""
    scope = _scope(state, caller)
    with state.db.read() as s:
        cursor = EventCursor(
            scope, min(after, _newest_id(s)), serialized_writes=state.db.is_sqlite, stateless=True
        )
        events, more = cursor.fetch(s, limit)
        return EventPage(events=[to_wire(e) for e in events], last_id=cursor.last_id, more=more)
