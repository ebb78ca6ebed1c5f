"""The REST and SSE client of the backend (requests-based, Qt-free: the apps call it from workers)."""

from __future__ import annotations

from core.client.api import ApiClient, OrderSubmission
from core.client.errors import (
    ApiError,
    AuthError,
    ConflictError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from core.client.sse import SseClient, SseEvent

__all__ = [
    "ApiClient",
    "ApiError",
    "AuthError",
    "ConflictError",
    "ForbiddenError",
    "NetworkError",
    "NotFoundError",
    "OrderSubmission",
    "RateLimitedError",
    "ServerError",
    "SseClient",
    "SseEvent",
    "ValidationError",
]
