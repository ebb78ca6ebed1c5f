"""A Server-Sent Events client for `GET /api/v1/events`: parsed events, resume and prompt stop.

It reconnects with backoff and sends `Last-Event-ID`, so a client that was cut off misses nothing; a 401
refreshes the token through the ApiClient (sharing its one-refresh-at-a-time rule). The read timeout is
set well above the server's keep-alive interval, so a silent, dead connection is noticed and replaced.
`stop()` may be called from any thread: it shuts the socket down, which wakes a read blocked in another
thread at once (closing alone does not, on Linux).
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import requests
from pydantic import ValidationError as PydanticValidationError

from core.client.errors import ApiError, AuthError, error_from_response
from core.client.http import API_PREFIX, HttpClient, backoff_delay
from core.schemas.events import EventOut

log = logging.getLogger("autostore.client.sse")

EVENTS_PATH = "/events"
DEFAULT_KEEPALIVE_S = 15.0


@dataclass(frozen=True)
class SseEvent:
    id: str | None
    event: str
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def numeric_id(self) -> int | None:
        return int(self.id) if self.id is not None and self.id.isdigit() else None

    def to_event(self) -> EventOut | None:
        """The backend's event (its `data` is a whole EventOut); None for anything else on the stream."""
        try:
            return EventOut.model_validate(self.data)
        except PydanticValidationError:
            return None


class SseParser:
    """Incremental parser of the text/event-stream format (WHATWG HTML, "server-sent events")."""

    def __init__(self) -> None:
        self._data: list[str] = []
        self._event = ""
        self._id: str | None = None
        self.last_id: str | None = None
        self.retry_ms: int | None = None

    def feed(self, line: str) -> SseEvent | None:
        """One line without its end-of-line; returns an event when a blank line completes one."""
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment: the server's keep-alive
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id" and "\0" not in value:
            self._id = value
        elif name == "retry" and value.isdigit():
            self.retry_ms = int(value)
        return None

    def _dispatch(self) -> SseEvent | None:
        if self._id is not None:
            self.last_id = self._id
        if not self._data:
            self._event = ""
            return None
        text = "\n".join(self._data)
        self._data = []
        event_name, self._event = self._event or "message", ""
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = {"text": text}
        data = parsed if isinstance(parsed, dict) else {"value": parsed}
        return SseEvent(id=self.last_id, event=event_name, data=data)


def _shutdown_socket(response: requests.Response) -> None:
    """Wake a thread blocked reading `response` by shutting its socket down, then close it."""
    raw = response.raw
    sock: socket.socket | None = None
    connection = getattr(raw, "_connection", None) or getattr(raw, "connection", None)
    sock = getattr(connection, "sock", None)
    if sock is None:  # urllib3 released the connection object; the socket still hangs off the file
        fp = getattr(getattr(raw, "_fp", None), "fp", None)
        sock = getattr(getattr(fp, "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)
    response.close()


class SseClient:
    """Iterate to receive events until `stop()`; `last_event_id` says where a new client resumes.

    Give an ApiClient (its token and refresh are used), or a server URL and optionally an access token.
    """

    def __init__(
        self,
        api: HttpClient | str,
        *,
        access_token: str | None = None,
        last_event_id: int | str | None = None,
        params: dict[str, str] | None = None,
        keepalive_s: float = DEFAULT_KEEPALIVE_S,
        connect_timeout_s: float = 5.0,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 30.0,
    ) -> None:
        self._api = api if isinstance(api, HttpClient) else None
        self._fixed_token = access_token  # for a bare URL: a token the caller manages itself
        self._url = (
            api.url(EVENTS_PATH)
            if isinstance(api, HttpClient)
            else f"{api.rstrip('/')}{API_PREFIX}{EVENTS_PATH}"
        )
        self.last_event_id = str(last_event_id) if last_event_id is not None else None
        self.params = params or {}
        # Three keep-alives missed in a row: the connection is dead even if TCP has not noticed.
        self.timeout = (connect_timeout_s, keepalive_s * 3)
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.connected = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._response: requests.Response | None = None
        self._session = requests.Session()

    def stop(self) -> None:
        """End iteration promptly, from any thread."""
        self._stop.set()
        with self._lock:
            response = self._response
        if response is not None:
            _shutdown_socket(response)

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def __iter__(self) -> Iterator[SseEvent]:
        return self.events()

    def events(self) -> Iterator[SseEvent]:
        try:
            yield from self._events()
        finally:
            self._session.close()

    def _events(self) -> Iterator[SseEvent]:
        failures = 0
        retry_after = 0.0
        while not self._stop.is_set():
            try:
                response = self._connect()
            except AuthError:
                raise  # the session is over: the app must sign in (or re-activate) again
            except (requests.RequestException, ApiError) as exc:
                if (
                    isinstance(exc, ApiError)
                    and exc.status
                    and exc.status < 500
                    and exc.status not in (408, 429)
                ):
                    raise  # 403/404: reconnecting cannot help
                # The server's `retry:` is a floor; a long outage still backs off exponentially.
                delay = max(retry_after, backoff_delay(failures, self.backoff_base_s, self.backoff_cap_s))
                failures += 1
                log.info("event stream unavailable (%s); reconnecting in %.1f s", type(exc).__name__, delay)
                self._stop.wait(delay)
                continue
            failures = 0
            parser = SseParser()
            try:
                yield from self._read(response, parser)
            except Exception as exc:
                if self._stop.is_set():
                    pass  # stop() closed the response under the read: whatever it raised means "stopped"
                elif isinstance(exc, requests.RequestException | OSError | ValueError):
                    log.info("event stream dropped (%s); reconnecting", type(exc).__name__)
                else:
                    raise
            finally:
                self.connected.clear()
                with self._lock:
                    self._response = None
                response.close()
            retry_after = parser.retry_ms / 1000 if parser.retry_ms else retry_after
            if not self._stop.is_set():
                self._stop.wait(retry_after or self.backoff_base_s)

    def _read(self, response: requests.Response, parser: SseParser) -> Iterator[SseEvent]:
        for raw_line in response.iter_lines(chunk_size=None, decode_unicode=False):
            if self._stop.is_set():
                return
            event = parser.feed(raw_line.decode("utf-8", errors="replace").rstrip("\r"))
            if event is not None:
                if event.id is not None:
                    self.last_event_id = event.id
                yield event
                if self._stop.is_set():  # the consumer called stop() while handling the event
                    return

    def _headers(self, token: str | None) -> dict[str, str]:
        headers = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
        if self.last_event_id is not None:
            headers["Last-Event-ID"] = self.last_event_id
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _connect(self) -> requests.Response:
        refreshed = False
        while True:
            token = self._fixed_token
            if self._api is not None:
                token = self._api.access_token
                if token is None and self._api.has_session():
                    token = self._api.refresh_access_token(stale=None)
                    refreshed = True
            response = self._session.get(
                self._url, params=self.params, headers=self._headers(token), stream=True, timeout=self.timeout
            )
            if response.status_code == 401 and self._api is not None and token and not refreshed:
                response.close()
                self._api.refresh_access_token(stale=token)
                refreshed = True
                continue
            if response.status_code != 200:
                error = error_from_response(response, "GET", EVENTS_PATH)
                response.close()
                raise error
            with self._lock:
                self._response = response
            if self._stop.is_set():  # stop() ran before the response was registered
                response.close()
                raise requests.ConnectionError("stopped")
            self.connected.set()
            return response
