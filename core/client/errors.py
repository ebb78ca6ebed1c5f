"""Typed errors for every way a backend call can fail, parsed from the backend's one error shape:
``{"error": {"code", "message", "details": [{"field", "message"}]}}``.

The apps branch on the class (NetworkError: show "offline"; AuthError: back to sign-in) and show `.message`,
which the backend words for people.
"""

from __future__ import annotations

from typing import Any

import requests

from core.schemas.common import ErrorDetail


class ApiError(Exception):
    """A failed call. `status` is the HTTP status (0 when no response came back)."""

    default_code = "error"

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: list[ErrorDetail] | None = None,
        *,
        method: str = "",
        path: str = "",
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.method = method
        self.path = path

    def __str__(self) -> str:
        where = f" ({self.method} {self.path})" if self.method else ""
        status = f"{self.status} " if self.status else ""
        return f"{status}{self.code}: {self.message}{where}"

    def field_errors(self) -> dict[str, str]:
        """Details keyed by field, for forms that mark the offending input."""
        return {d.field or "": d.message for d in self.details}


class NetworkError(ApiError):
    """The backend could not be reached or did not answer in time: the apps show "offline"."""

    default_code = "network_error"


class AuthError(ApiError):
    """401: not signed in, or the session is over (the refresh token was refused)."""

    default_code = "unauthorized"


class ForbiddenError(ApiError):
    default_code = "forbidden"


class NotFoundError(ApiError):
    default_code = "not_found"


class ConflictError(ApiError):
    """409: a version mismatch, a duplicate, or a state that forbids the change."""

    default_code = "conflict"


class ValidationError(ApiError):
    """422 (and 400): the request was refused as it stands; `details` names the fields."""

    default_code = "validation_error"


class RateLimitedError(ApiError):
    """429: `retry_after` is the server's advice in seconds, when it gave one."""

    default_code = "too_many_requests"

    def __init__(self, *args: Any, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: the backend failed; retrying later may help."""

    default_code = "server_error"


_BY_STATUS: dict[int, type[ApiError]] = {
    400: ValidationError,
    401: AuthError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitedError,
}


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare from our backend, and a guess is worse than our own backoff


def _parse_body(response: requests.Response) -> tuple[str | None, str | None, list[ErrorDetail]]:
    try:
        body = response.json()
    except ValueError:
        return None, None, []
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None, None, []
    details: list[ErrorDetail] = []
    for item in error.get("details") or []:
        if isinstance(item, dict) and "message" in item:
            field = item.get("field")
            details.append(
                ErrorDetail(field=str(field) if field is not None else None, message=str(item["message"]))
            )
    code = error.get("code")
    message = error.get("message")
    return (str(code) if code else None, str(message) if message else None, details)


def error_from_response(response: requests.Response, method: str = "", path: str = "") -> ApiError:
    """The typed error for a failed response, whatever its body (HTML from a proxy included)."""
    status = response.status_code
    cls = _BY_STATUS.get(status) or (ServerError if status >= 500 else ApiError)
    code, message, details = _parse_body(response)
    code = code or cls.default_code
    message = message or f"The server answered {status} {response.reason or ''}".strip() + "."
    if cls is RateLimitedError:
        return RateLimitedError(
            status,
            code,
            message,
            details,
            method=method,
            path=path,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
        )
    return cls(status, code, message, details, method=method, path=path)


def network_error(exc: requests.RequestException, method: str = "", path: str = "") -> NetworkError:
    if isinstance(exc, requests.Timeout):
        message = "The server did not answer in time."
        code = "timeout"
    else:
        message = "The server cannot be reached."
        code = "network_error"
    return NetworkError(0, code, message, method=method, path=path)
