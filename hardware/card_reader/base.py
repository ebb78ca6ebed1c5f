"""The card reader interface: watch for cards, read payment cards (masked) and membership cards (UID).

A full card number never appears here: `CardRead` carries the masked PAN (first 6 + last 4), which is all
the payment adapter and the receipts need."""

from __future__ import annotations

import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from hardware.device import DeviceWorker, Health, HealthReporter, call_safely, utcnow

MASKED_PAN = re.compile(r"^[0-9]{6}\*{2,9}[0-9]{4}$")


class ReaderState(StrEnum):
    STOPPED = "stopped"
    CONNECTING = "connecting"
    NO_READER = "no_reader"  # no PC/SC service, or the configured reader is not plugged in
    WAITING = "waiting"  # ready, no card on the reader
    READING = "reading"
    CARD_PRESENT = "card_present"  # read done (or failed), waiting for the card to be taken away


class CardKind(StrEnum):
    PAYMENT = "payment"
    UID = "uid"
    UNKNOWN = "unknown"


class CardError(StrEnum):
    CARD_REMOVED = "card_removed"  # pulled away mid-read: ask the customer to tap again and hold still
    UNKNOWN_CARD = "unknown_card"  # neither a payment card nor a card with a UID
    COMMUNICATION = "communication"  # the card answered nonsense or stopped answering


class CardEventType(StrEnum):
    INSERTED = "inserted"
    READ = "read"
    FAILED = "failed"
    REMOVED = "removed"


@dataclass(frozen=True)
class CardRead:
    kind: CardKind
    masked_pan: str | None = None  # payment cards: 411111******1111
    expiry: str | None = None  # payment cards: MM/YY
    scheme: str | None = None  # visa, mastercard, ... from the AID
    aid: str | None = None  # the EMV application chosen, hex
    label: str | None = None  # the application label the card reports ("VISA CREDIT")
    uid: str | None = None  # UID cards: hex, upper case
    at: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        if self.masked_pan is not None and not MASKED_PAN.match(self.masked_pan):
            # Refuse anything that is not visibly masked: this object is logged and sent to the backend.
            raise ValueError("masked_pan must look like 411111******1111")

    @property
    def last4(self) -> str | None:
        return self.masked_pan[-4:] if self.masked_pan else None


@dataclass(frozen=True)
class CardEvent:
    type: CardEventType
    read: CardRead | None = None
    error: CardError | None = None
    message: str = ""
    at: datetime = field(default_factory=utcnow)


class CardReadFailed(Exception):
    """A read that could not finish; `error` says why in a way the kiosk can act on."""

    def __init__(self, error: CardError, message: str) -> None:
        super().__init__(message)
        self.error = error


CardEventCallback = Callable[[CardEvent], None]


class CardReader(ABC):
    """Base for the PC/SC driver and the simulator: a worker thread that emits `CardEvent`s."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._reporter: HealthReporter[ReaderState] = HealthReporter(ReaderState.STOPPED, "not started")
        self._worker = DeviceWorker(name, self._run)
        self._callbacks: list[CardEventCallback] = []

    @property
    def health(self) -> Health[ReaderState]:
        return self._reporter.current

    def on_health(self, listener: Callable[[Health[ReaderState]], None]) -> None:
        self._reporter.subscribe(listener)

    def wait_for(self, *states: ReaderState, timeout: float | None = None) -> bool:
        return self._reporter.wait_for(*states, timeout=timeout)

    def start(self, callback: CardEventCallback | None = None) -> None:
        if callback is not None:
            self._callbacks.append(callback)
        self._set_health(ReaderState.CONNECTING, f"connecting to {self.name}")
        self._worker.start()

    def stop(self) -> None:
        self._worker.stop()
        self._set_health(ReaderState.STOPPED, "stopped")

    def _emit(self, event: CardEvent) -> None:
        for callback in list(self._callbacks):
            call_safely(callback, event)

    def _set_health(self, state: ReaderState, message: str) -> None:
        self._reporter.set(state, message)

    @abstractmethod
    def _run(self, stop: threading.Event) -> None:
        """Watch the reader on the worker thread until `stop` is set."""
