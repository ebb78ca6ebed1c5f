"""The transport under `ApiClient`: one requests.Session, typed errors, retries and token refresh.

Retries: only for calls that are safe to repeat (GET/PUT/DELETE, and the two POSTs that carry a client UUID,
orders and payment authorisation), only on connection errors, timeouts and 502/503/504, with exponential
backoff and jitter so a fleet of kiosks coming back after an outage does not stampede the server.

Refresh: refresh tokens rotate and the backend treats a rotated token presented again as stolen (it ends
the whole sign-in). So exactly one refresh runs at a time, a caller whose stale token another thread has
already replaced just uses the new one, and the rotated token is persisted before anything else. The answer
to a refresh can still be lost after the backend rotated (a dropped connection, a power cut, kill -9), so
each refresh carries a random retry key that is persisted (in the keyring, with the token) *before* the
request is sent and forgotten only once the new pair is stored. A later refresh, in this process or after
a restart, sends the same token with the same key: the backend recognises the repeat of a rotation whose
answer was lost (its successor was never used) and answers with a fresh pair instead of ending the sign-in.
A refresh is still not retried within one call; the next call repeats it safely.
"""

from __future__ import annotations

import logging
import random
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import requests

from core.client.errors import AuthError, NetworkError, error_from_response, network_error, parse_retry_after
from core.schemas.auth import TokenPair
from core.tokens import TokenStore

log = logging.getLogger("autostore.client")

API_PREFIX = "/api/v1"
Timeout = float | tuple[float, float]
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# POSTs whose body carries a client-generated id, so a repeat is answered with the original result.
IDEMPOTENT_POST_PATHS = frozenset({"/orders", "/payments/authorize"})
RETRY_STATUSES = frozenset({502, 503, 504})
REFRESH_PATH = "/auth/refresh"


def backoff_delay(attempt: int, base_s: float, cap_s: float) -> float:
    """Exponential backoff with "equal jitter": between half and all of min(cap, base * 2**attempt)."""
    ceiling: float = min(cap_s, base_s * (2.0 ** min(attempt, 40)))  # bounded: 2.0**1024 overflows
    jitter: float = random.uniform(0, ceiling / 2)
    return ceiling / 2 + jitter


class HttpClient:
    """Talks to one backend; safe to share between threads (the refresh is serialised)."""

    def __init__(
        self,
        base_url: str,
        token_store: TokenStore | None = None,
        timeout: Timeout = (3.05, 10),
        *,
        max_retries: int = 3,
        backoff_base_s: float = 0.25,
        backoff_cap_s: float = 4.0,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token_store = token_store
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = "autostore-client/1.0"
        self._sleep = sleep
        self._access_token: str | None = None
        self._refresh_token: str | None = None  # used only without a token store (tests, scripts)
        self._refresh_retry_key: str | None = None  # likewise
        self._refresh_lock = threading.Lock()

    # -- tokens -------------------------------------------------------------------------------------------
    @property
    def access_token(self) -> str | None:
        return self._access_token

    def url(self, path: str) -> str:
        return f"{self.base_url}{API_PREFIX}{path}"

    def _stored_refresh_token(self) -> str | None:
        if self.token_store is not None:
            return self.token_store.refresh_token
        return self._refresh_token

    def _refresh_retry_key_for_attempt(self) -> str:
        """The retry key of a refresh whose answer was lost, else a new one, persisted before it is sent."""
        if self.token_store is not None:
            key = self.token_store.refresh_retry_key
            if key is None:
                key = secrets.token_urlsafe(32)
                self.token_store.set_refresh_retry_key(key)
            return key
        if self._refresh_retry_key is None:
            self._refresh_retry_key = secrets.token_urlsafe(32)
        return self._refresh_retry_key

    def has_session(self) -> bool:
        """Whether calls can authenticate: an access token, or a refresh token to get one."""
        return self._access_token is not None or self._stored_refresh_token() is not None

    def set_tokens(self, access_token: str | None, refresh_token: str | None) -> None:
        """Adopt a new pair (after login, activation or a refresh); the refresh token goes to the keyring
        first, then the retry key of the refresh that fetched it (if any) is forgotten: it belongs to the old
        token. In that order, so a crash in between never leaves the old token without its retry key."""
        if self.token_store is not None:
            self.token_store.set_refresh_token(refresh_token)
            self.token_store.set_refresh_retry_key(None)
        else:
            self._refresh_token = refresh_token
            self._refresh_retry_key = None
        self._access_token = access_token

    def forget_tokens(self) -> None:
        self.set_tokens(None, None)

    def refresh_access_token(self, stale: str | None) -> str:
        """A fresh access token. `stale` is the token the caller saw fail (None: it had none).

        If another thread already replaced `stale`, its result is returned without a second refresh.
        Raises AuthError when the session is over, NetworkError when the server cannot be reached.
        """
        with self._refresh_lock:
            current = self._access_token
            if current is not None and current != stale:
                return current
            refresh_token = self._stored_refresh_token()
            if not refresh_token:
                self._access_token = None
                raise AuthError(401, "not_signed_in", "Sign in first.", method="POST", path=REFRESH_PATH)
            retry_key = self._refresh_retry_key_for_attempt()
            try:
                response = self.session.post(
                    self.url(REFRESH_PATH),
                    json={"refresh_token": refresh_token, "retry_key": retry_key},
                    timeout=self.timeout,
                )
            except requests.RequestException as exc:
                # The server may have rotated the token and lost the answer. The token and its retry key stay
                # stored, so the next refresh repeats this one and the server answers it with a fresh pair.
                raise network_error(exc, "POST", REFRESH_PATH) from exc
            if response.status_code != 200:
                self._access_token = None
                error = error_from_response(response, "POST", REFRESH_PATH)
                if response.status_code in (400, 401, 403):
                    log.info("session refresh refused (%s); sign-in needed", error.code)
                    raise AuthError(
                        error.status or 401,
                        error.code,
                        error.message,
                        error.details,
                        method="POST",
                        path=REFRESH_PATH,
                    )
                raise error
            pair = TokenPair.model_validate_json(response.content)
            self.set_tokens(pair.access_token, pair.refresh_token)
            log.debug("access token refreshed")
            return pair.access_token

    # -- requests -----------------------------------------------------------------------------------------
    def is_idempotent(self, method: str, path: str) -> bool:
        return method in IDEMPOTENT_METHODS or (method == "POST" and path in IDEMPOTENT_POST_PATHS)

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
        idempotent: bool | None = None,
        timeout: Timeout | None = None,
        ok_statuses: Iterable[int] = (),
    ) -> requests.Response:
        """Send one call (with retries and one refresh); a response that is neither 2xx nor in
        `ok_statuses` becomes a typed ApiError."""
        method = method.upper()
        retryable = self.is_idempotent(method, path) if idempotent is None else idempotent
        allowed = frozenset(ok_statuses)
        attempt = 0
        refreshed = False
        while True:
            token = self._access_token if auth else None
            if auth and token is None and self._stored_refresh_token():
                token = self.refresh_access_token(stale=None)
                refreshed = True
            send_headers = dict(headers or {})
            if token:
                send_headers["Authorization"] = f"Bearer {token}"
            started = time.monotonic()
            try:
                response = self.session.request(
                    method,
                    self.url(path),
                    json=json,
                    data=data,
                    params=params,
                    headers=send_headers,
                    timeout=timeout or self.timeout,
                )
            except requests.RequestException as exc:
                if retryable and attempt < self.max_retries:
                    self._wait_before_retry(attempt, None, method, path, type(exc).__name__)
                    attempt += 1
                    continue
                raise network_error(exc, method, path) from exc
            status = response.status_code
            log.debug("%s %s -> %s (%.0f ms)", method, path, status, (time.monotonic() - started) * 1000)
            if status in RETRY_STATUSES and retryable and attempt < self.max_retries:
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                self._wait_before_retry(attempt, retry_after, method, path, str(status))
                attempt += 1
                continue
            if status == 401 and token and not refreshed and self._stored_refresh_token():
                self.refresh_access_token(stale=token)
                refreshed = True
                continue
            if status >= 400 and status not in allowed:
                raise error_from_response(response, method, path)
            return response

    def _wait_before_retry(
        self, attempt: int, retry_after: float | None, method: str, path: str, reason: str
    ) -> None:
        delay = backoff_delay(attempt, self.backoff_base_s, self.backoff_cap_s)
        if retry_after is not None:
            delay = min(max(delay, retry_after), self.backoff_cap_s * 4)
        log.info("%s %s failed (%s); retry %d in %.2f s", method, path, reason, attempt + 1, delay)
        self._sleep(delay)

    def close(self) -> None:
        self.session.close()


__all__ = ["HttpClient", "NetworkError", "backoff_delay"]
