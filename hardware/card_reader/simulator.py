"""A card reader without hardware: `tap(card)` and `pull()` from the demo dev panel, hot keys and tests.

The test cards follow the sandbox payment provider's rules (backend/payments/sandbox.py) by last 4 digits:
1111 approves, 0002 declines, 9995 has insufficient funds, 0119 makes the issuer time out. Events are
delivered on the simulator's own thread, as the real reader does."""

from __future__ import annotations

import dataclasses
import queue
import threading

from hardware.card_reader.base import (
    CardError,
    CardEvent,
    CardEventType,
    CardKind,
    CardRead,
    CardReader,
    ReaderState,
)
from hardware.device import utcnow


def _payment(masked_pan: str, scheme: str = "visa", expiry: str = "12/30") -> CardRead:
    aid = {"visa": "A0000000031010", "mastercard": "A0000000041010"}[scheme]
    return CardRead(CardKind.PAYMENT, masked_pan, expiry, scheme, aid=aid, label=f"{scheme.upper()} TEST")


TEST_CARDS: dict[str, CardRead] = {
    "approve": _payment("411111******1111"),
    "approve_mastercard": _payment("555555******4444", "mastercard"),
    "decline": _payment("400000******0002"),
    "insufficient_funds": _payment("400000******9995"),
    "issuer_timeout": _payment("400000******0119"),
    "expired": _payment("411111******1111", expiry="01/20"),
    "member": CardRead(CardKind.UID, uid="04A1B2C3"),
}


class SimulatedCardReader(CardReader):
    def __init__(self) -> None:
        super().__init__("simulated card reader")
        self._commands: queue.Queue[tuple[str, CardRead | None, CardError | None]] = queue.Queue()
        self._card: CardRead | None = None
        self._plugged = True

    @property
    def card(self) -> CardRead | None:
        return self._card

    def tap(self, card: CardRead | str = "approve", error: CardError | None = None) -> None:
        """Put a card on the reader: a `CardRead`, or a name from TEST_CARDS. With `error`, the read fails
        that way (card_removed, unknown_card, communication) instead."""
        template = TEST_CARDS[card] if isinstance(card, str) else card
        self._commands.put(("tap", dataclasses.replace(template, at=utcnow()), error))

    def pull(self) -> None:
        """Take the card away."""
        self._commands.put(("pull", None, None))

    def unplug(self) -> None:
        self._commands.put(("unplug", None, None))

    def replug(self) -> None:
        self._commands.put(("replug", None, None))

    def _run(self, stop: threading.Event) -> None:
        self._set_health(ReaderState.WAITING, "ready: simulated card reader")
        while not stop.is_set():
            try:
                command, card, error = self._commands.get(timeout=0.1)
            except queue.Empty:
                continue
            if command == "unplug":
                self._plugged = False
                self._set_health(ReaderState.NO_READER, "simulated card reader unplugged")
            elif command == "replug":
                self._plugged = True
                self._set_health(ReaderState.WAITING, "ready: simulated card reader")
            elif not self._plugged:
                continue  # cards on an unplugged reader go unnoticed, as with the real one
            elif command == "pull":
                self._remove()
            elif card is not None:
                self._remove()
                self._insert(card, error)

    def _insert(self, card: CardRead, error: CardError | None) -> None:
        self._card = card
        self._emit(CardEvent(CardEventType.INSERTED))
        self._set_health(ReaderState.READING, "reading a simulated card")
        if error is None:
            self._emit(CardEvent(CardEventType.READ, read=card))
        else:
            self._emit(CardEvent(CardEventType.FAILED, error=error, message=f"simulated {error}"))
        if error == CardError.CARD_REMOVED:
            self._remove()
        else:
            self._set_health(ReaderState.CARD_PRESENT, "simulated card on the reader")

    def _remove(self) -> None:
        if self._card is not None:
            self._card = None
            self._emit(CardEvent(CardEventType.REMOVED))
        self._set_health(ReaderState.WAITING, "ready: simulated card reader")
