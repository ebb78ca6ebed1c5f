"""Keep secrets out of logs: bearer tokens, JWTs, refresh tokens, passwords and card numbers.

`redact()` cleans one string; `RedactingFilter` cleans every record of a logger or handler it is attached
to, including `%`-style arguments, as a second line of defence behind code that never logs them at all.
"""

from __future__ import annotations

import logging
import re

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1[redacted]"),
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), "[redacted-jwt]"),
    (
        re.compile(
            r"(?i)([\"']?(?:refresh_token|access_token|retry_key|token|password|activation_code)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
        ),
        r"\1[redacted]",
    ),
    # 13 to 19 digits, optionally grouped by spaces or dashes: a card number (PAN). Keep the last 4.
    (re.compile(r"\b(?:\d[ -]?){9,15}(\d{4})\b"), r"[card ****\1]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (arguments merged in) with secrets masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is logging's problem to report, not ours
            return True
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        return True


def install_redaction(logger: logging.Logger | None = None) -> RedactingFilter:
    """Attach a filter to every handler of `logger` (the root logger by default) and return it."""
    target = logger or logging.getLogger()
    redacting = RedactingFilter()
    for handler in target.handlers:
        handler.addFilter(redacting)
    target.addFilter(redacting)
    return redacting
