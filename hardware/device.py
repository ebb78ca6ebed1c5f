"""What every driver shares: a health report (state + human message), exponential backoff and a stoppable
worker thread. Drivers run their I/O on their own thread so a slow or dead device never blocks the caller."""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Generic, TypeVar

logger = logging.getLogger(__name__)

StateT = TypeVar("StateT", bound=StrEnum)


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Health(Generic[StateT]):
    """A device's state and a message a person can act on ("start pcscd", "check the USB cable")."""

    state: StateT
    message: str
    since: datetime = field(default_factory=utcnow)


class HealthReporter(Generic[StateT]):
    """Holds the current health, tells listeners when it changes, and lets callers wait for a state."""

    def __init__(self, initial: StateT, message: str) -> None:
        self._health: Health[StateT] = Health(initial, message)
        self._changed = threading.Condition()
        self._listeners: list[Callable[[Health[StateT]], None]] = []

    @property
    def current(self) -> Health[StateT]:
        return self._health

    def subscribe(self, listener: Callable[[Health[StateT]], None]) -> None:
        self._listeners.append(listener)

    def set(self, state: StateT, message: str) -> None:
        with self._changed:
            if state == self._health.state and message == self._health.message:
                return
            self._health = Health(state, message)
            self._changed.notify_all()
        logger.info("%s: %s", state, message)
        for listener in list(self._listeners):
            call_safely(listener, self._health)

    def wait_for(self, *states: StateT, timeout: float | None = None) -> bool:
        """Block until the state is one of `states`; False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: self._health.state in states, timeout)


def call_safely(callback: Callable[..., object], *args: object) -> None:
    """Run a listener without letting its bug kill the device thread."""
    try:
        callback(*args)
    except Exception:
        logger.exception("device listener %r failed", callback)


class Backoff:
    """Exponential delays between reconnect attempts: initial, x factor each time, capped, with jitter so
    several kiosks on one power circuit do not retry in lock step."""

    def __init__(
        self, initial: float = 0.5, maximum: float = 30.0, factor: float = 2.0, jitter: float = 0.1
    ) -> None:
        if initial <= 0 or maximum < initial or factor < 1:
            raise ValueError("backoff needs 0 < initial <= maximum and factor >= 1")
        self.initial, self.maximum, self.factor, self.jitter = initial, maximum, factor, jitter
        self._next = initial
        self.attempts = 0

    def next_delay(self) -> float:
        delay = self._next
        self._next = min(self._next * self.factor, self.maximum)
        self.attempts += 1
        return delay * (1 + random.uniform(-self.jitter, self.jitter))

    def reset(self) -> None:
        self._next = self.initial
        self.attempts = 0


class DeviceWorker:
    """A daemon thread running `run(stop_event)` until stop() sets the event."""

    def __init__(self, name: str, run: Callable[[threading.Event], None]) -> None:
        self.name = name
        self._run = run
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            raise RuntimeError(f"{self.name} is already running")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._main, name=self.name, daemon=True)
        self._thread.start()

    def _main(self) -> None:
        try:
            self._run(self._stop)
        except Exception:
            logger.exception("%s crashed", self.name)

    def stop(self, timeout: float = 5.0) -> bool:
        """Ask the thread to end and wait; False when it is stuck in a blocking call past `timeout`."""
        self._stop.set()
        thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(timeout)
        return not thread.is_alive()
