"""`OutboxSync`: delivers the kiosk's recorded sales to the backend, each exactly once.

Each order carries its client UUID, so delivery is idempotent: 201 (created) and 200 (the backend already
had it: an earlier answer was lost) both mean delivered. While the backend is unreachable or failing
(network errors, 5xx, 429) items stay pending and the whole outbox backs off exponentially, with jitter and
a cap, so a fleet of kiosks does not hammer a recovering server. A refusal that retrying cannot fix (a 4xx
such as a validation error) marks that one item failed, with the reason kept for staff, and the others go on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from pydantic import ValidationError as SchemaError

from core.client.api import OrderSubmission
from core.client.errors import ApiError, AuthError, NetworkError, RateLimitedError, ServerError
from core.client.http import backoff_delay
from core.localstore.outbox import OutboxItem
from core.schemas.orders import OrderCreate
from core.timeutil import utcnow

log = logging.getLogger("autostore.outbox")


class OutboxLike(Protocol):
    def due_items(self, now: datetime | None = None, limit: int = 50) -> list[OutboxItem]: ...
    def mark_delivered(self, item_id: str) -> None: ...
    def mark_failed(self, item_id: str, reason: str) -> None: ...
    def schedule_retry(self, item_id: str, error: str, next_attempt_at: datetime) -> None: ...
    def defer_pending(self, until: datetime) -> None: ...
    def pending_count(self) -> int: ...


class OrderSender(Protocol):
    def submit_order(self, order: OrderCreate) -> OrderSubmission: ...


@dataclass
class SyncReport:
    delivered: int = 0
    replayed: int = 0  # of `delivered`: the backend already had them
    failed: int = 0
    retry_scheduled: int = 0
    pending: int = 0
    offline: bool = False  # the backend could not be reached, or is failing
    auth_required: bool = False  # the device's session is over: re-activation is needed
    failures: list[str] = field(default_factory=list)


def _reason(exc: ApiError) -> str:
    details = "; ".join(f"{d.field or '-'}: {d.message}" for d in exc.details)
    text = f"{exc.status} {exc.code}: {exc.message}"
    return f"{text} ({details})" if details else text


class OutboxSync:
    """Call `run_once()` from a worker, or `run_forever()` as the worker; `wake()` after a new sale."""

    def __init__(
        self,
        local_store: OutboxLike,
        api_client: OrderSender,
        *,
        base_delay_s: float = 2.0,
        max_delay_s: float = 300.0,
        batch_size: int = 50,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.local = local_store
        self.api = api_client
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.batch_size = batch_size
        self._clock = clock
        self._outage_count = 0  # consecutive runs that found the backend away: drives the backoff
        self._wake = threading.Event()
        self._run_lock = threading.Lock()
        self.last_report: SyncReport | None = None

    def pending_count(self) -> int:
        """Sales not yet delivered (for the "n sales waiting to sync" banner)."""
        return self.local.pending_count()

    def wake(self) -> None:
        self._wake.set()

    def _backoff(self, at_least_s: float = 0.0) -> datetime:
        delay = backoff_delay(self._outage_count, self.base_delay_s, self.max_delay_s)
        self._outage_count += 1
        return self._clock() + timedelta(seconds=min(max(delay, at_least_s), self.max_delay_s))

    def run_once(self) -> SyncReport:
        """Deliver the due items, oldest first, and report what happened. Never raises for a failed call."""
        with self._run_lock:  # one pass at a time, so no order is sent twice concurrently
            report = SyncReport()
            for item in self.local.due_items(self._clock(), limit=self.batch_size):
                if not self._deliver(item, report):
                    break
            report.pending = self.local.pending_count()
            self.last_report = report
            return report

    def _deliver(self, item: OutboxItem, report: SyncReport) -> bool:
        """Try one item; False when the backend is away and the pass should stop."""
        try:
            order = item.order()
        except SchemaError as exc:
            self.local.mark_failed(item.id, f"the stored sale could not be read: {exc}")
            report.failed += 1
            log.error("outbox item %s is unreadable; marked failed", item.id)
            return True
        try:
            submission = self.api.submit_order(order)
        except (NetworkError, ServerError, RateLimitedError) as exc:
            retry_after = exc.retry_after if isinstance(exc, RateLimitedError) else None
            until = self._backoff(retry_after or 0.0)
            self.local.schedule_retry(item.id, _reason(exc), until)
            self.local.defer_pending(until)
            report.offline = True
            report.retry_scheduled += 1
            log.info("backend unavailable (%s); outbox retries at %s", exc.code, until.isoformat())
            return False
        except AuthError as exc:
            # Not this sale's fault: it stays pending, untouched, until the kiosk has a session again.
            self.local.defer_pending(self._backoff())
            report.auth_required = True
            log.warning("outbox paused: the device's session is over (%s)", exc.code)
            return False
        except ApiError as exc:
            reason = _reason(exc)
            self.local.mark_failed(item.id, reason)
            report.failed += 1
            report.failures.append(f"{item.id}: {reason}")
            log.error("backend refused sale %s for good: %s", item.id, reason)
            return True
        except Exception as exc:  # a bug on our side: keep the sale, retry later, never kill the worker
            log.exception("unexpected error delivering sale %s", item.id)
            self.local.schedule_retry(item.id, f"unexpected error: {exc!r}", self._backoff())
            report.retry_scheduled += 1
            return True
        self.local.mark_delivered(item.id)
        self._outage_count = 0
        report.delivered += 1
        report.replayed += int(submission.replayed)
        return True

    def run_forever(
        self,
        stop_event: threading.Event,
        interval: float = 5.0,
        on_report: Callable[[SyncReport], None] | None = None,
    ) -> None:
        """Loop until `stop_event` is set: a pass every `interval` seconds, or at once after `wake()`."""
        while not stop_event.is_set():
            self._wake.clear()
            try:
                report = self.run_once()
                if on_report is not None:
                    on_report(report)
            except Exception:  # the local database failing: log it and try again next round
                log.exception("outbox sync pass failed")
            waited = 0.0
            while waited < interval and not stop_event.is_set() and not self._wake.is_set():
                step = min(0.25, interval - waited)
                self._wake.wait(step)
                waited += step
