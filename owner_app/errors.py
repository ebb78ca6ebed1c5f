"""Every failure worded for the person at the screen, in their language.

The backend words its own messages for people (`ApiError.message`), so validation and conflict errors show
them as they come; transport failures get our sentence, since "ConnectionRefusedError" helps nobody.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from core.client.errors import (
    ApiError,
    AuthError,
    ConflictError,
    ForbiddenError,
    NetworkError,
    RateLimitedError,
    ServerError,
)
from core.tokens import TokenStorageUnavailable


def error_text(error: BaseException, *, signing_in: bool = False) -> str:
    """One or two sentences for a failed call."""
    if isinstance(error, NetworkError):
        if error.code == "timeout":
            return QCoreApplication.translate(
                "Errors", "The server did not answer in time. Try again in a moment."
            )
        return QCoreApplication.translate(
            "Errors", "Cannot reach the server. Check the address and that the backend is running."
        )
    if isinstance(error, AuthError):
        if signing_in:
            return QCoreApplication.translate("Errors", "Wrong e-mail or password.")
        return QCoreApplication.translate("Errors", "Your session has ended. Sign in again.")
    if isinstance(error, ForbiddenError):
        return QCoreApplication.translate("Errors", "Your role does not allow this.")
    if isinstance(error, RateLimitedError):
        return QCoreApplication.translate("Errors", "Too many attempts. Try again in a moment.")
    if isinstance(error, ServerError):
        return QCoreApplication.translate("Errors", "The server had a problem. Try again later.")
    if isinstance(error, ConflictError):
        return error.message
    if isinstance(error, ApiError):
        fields = "; ".join(f"{d.field}: {d.message}" if d.field else d.message for d in error.details[:3])
        return f"{error.message} ({fields})" if fields else error.message
    if isinstance(error, TokenStorageUnavailable):
        return str(error)
    if isinstance(error, OSError):
        return QCoreApplication.translate("Errors", "The file could not be read or written: %1").replace(
            "%1", str(error)
        )
    return QCoreApplication.translate("Errors", "Something went wrong (%1).").replace(
        "%1", type(error).__name__
    )
