"""Delivery of queued alerts to the backend, with retries and backoff, and the camera-health reports.

The sender tries the oldest alert first. An alert goes out as soon as it is queued, with its snapshot, so
the owner hears of it within a second; its clip follows in a second upload under the same alert id when
the seconds after the detection have been recorded. When the backend cannot be reached, the pass stops
and waits (exponential backoff, capped); nothing is dropped. An alert the backend refuses for good (a
validation error, a conflict) moves to `failed/` with the reason instead of blocking the queue forever.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol, cast

from core.client.errors import ApiError, AuthError, NetworkError
from core.client.http import HttpClient, backoff_delay
from inference.vision.disk_queue import CLIP, NO_CLIP, SNAPSHOT, DiskQueue, ItemState, QueuedAlert

log = logging.getLogger(__name__)
TRANSIENT_STATUSES = frozenset({408, 425, 429})


class DeliveryError(Exception):
    def __init__(self, message: str, transient: bool) -> None:
        super().__init__(message)
        self.transient = transient


class AlertPoster(Protocol):
    def post(self, alert: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        """Upload one alert with media; returns the stored alert; DeliveryError when it fails."""


class BackendAlertPoster:
    """POST /api/v1/alerts as multipart: `alert` (JSON), `snapshot` (image/jpeg), `clip` (video/mp4)."""

    def __init__(self, client: HttpClient, store_id: int) -> None:
        self.client = client
        self.store_id = store_id

    def post(self, alert: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        from urllib3 import encode_multipart_formdata

        fields: dict[str, Any] = {"alert": json.dumps({**alert, "store_id": self.store_id})}
        if SNAPSHOT in files:
            fields["snapshot"] = ("snapshot.jpg", files[SNAPSHOT], "image/jpeg")
        if CLIP in files:
            fields["clip"] = ("clip.mp4", files[CLIP], "video/mp4")
        body, content_type = encode_multipart_formdata(fields)
        try:
            response = self.client.request(
                "POST",
                "/alerts",
                data=cast(Any, body),  # requests sends bytes as they are; the hint only lists forms
                headers={"Content-Type": content_type},
                idempotent=True,  # the alert's own UUID makes a repeat harmless
                timeout=(3.05, 60),
            )
        except (NetworkError, AuthError) as exc:
            raise DeliveryError(str(exc), transient=True) from exc
        except ApiError as exc:
            transient = exc.status >= 500 or exc.status in TRANSIENT_STATUSES
            raise DeliveryError(str(exc), transient=transient) from exc
        stored: dict[str, Any] = response.json()
        return stored


class AlertSender:
    def __init__(
        self,
        queue: DiskQueue,
        poster: AlertPoster,
        backoff_base_s: float = 1.0,
        backoff_cap_s: float = 60.0,
        clip_wait_s: float = 300.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.queue = queue
        self.poster = poster
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.clip_wait_s = clip_wait_s  # a clip that has not come by then never will (worker crashed)
        self.clock = clock
        self.delivered = 0
        self.on_delivered: Callable[[str, float], None] | None = None  # alert id, send time (for the bench)
        # One delivery pass at a time: the worker's final flush may overlap the sender thread's pass, and
        # two passes over one item would post it twice and race on removing it.
        self._pass_lock = threading.Lock()

    def run(self, stop: threading.Event, poll_s: float = 0.25) -> None:
        """Deliver until `stop`; wakes at once on an enqueue in this process, else polls."""
        while not stop.is_set():
            self.queue.changed.clear()
            try:
                self.deliver_ready()
            except Exception:  # a damaged item must not end delivery of all the others
                log.exception("alert delivery pass failed")
            self.queue.changed.wait(poll_s)

    def deliver_ready(self) -> bool:
        """One pass over the queue; False when it stopped early because the backend is unreachable."""
        with self._pass_lock:
            return self._deliver_pass()

    def _deliver_pass(self) -> bool:
        for item in self.queue.pending():
            try:
                state = item.state()
            except (OSError, ValueError):
                state = ItemState()
            if self.clock() < state.next_attempt_at:
                return False  # in backoff: keep the order, try again later
            try:
                self._step(item, state)
            except DeliveryError as exc:
                if not exc.transient:
                    log.error("backend refused alert %s for good: %s", item.name, exc)
                    self.queue.fail(item, str(exc))
                    continue
                attempts = state.attempts + 1
                delay = backoff_delay(attempts - 1, self.backoff_base_s, self.backoff_cap_s)
                log.warning(
                    "alert %s not delivered (%s); retry %d in %.1f s", item.name, exc, attempts, delay
                )
                self.queue.save_state(
                    item,
                    replace(
                        state, attempts=attempts, next_attempt_at=self.clock() + delay, last_error=str(exc)
                    ),
                )
                return False
        return True

    def _step(self, item: QueuedAlert, state: ItemState) -> None:
        alert = item.alert()
        if not state.alert_sent:
            files = {name: data for name in (SNAPSHOT, CLIP) if (data := item.media(name)) is not None}
            self.poster.post(alert, files)
            state = replace(state, alert_sent=True, clip_sent=CLIP in files, attempts=0, last_error="")
            self.delivered += 1
            if self.on_delivered is not None:
                self.on_delivered(str(alert.get("id")), self.clock())
            self.queue.save_state(item, state)
        if not state.clip_sent and (clip := item.media(CLIP)) is not None:
            stored = self.poster.post(alert, {CLIP: clip})
            if not stored.get("clip_url"):
                log.warning(
                    "the backend kept no clip for alert %s (it takes media only on first upload)",
                    alert.get("id"),
                )
            state = replace(state, clip_sent=True)
            self.queue.save_state(item, state)
        if state.clip_sent or item.has(NO_CLIP):
            self.queue.done(item)
        elif self.clock() - state.created_at > self.clip_wait_s:
            log.warning("alert %s: its clip never came; delivered without one", alert.get("id"))
            self.queue.done(item)
