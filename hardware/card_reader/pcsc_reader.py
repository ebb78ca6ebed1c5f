"""A PC/SC card reader (pyscard's low-level `scard` API, imported lazily on the reader's thread).

The thread waits on SCardGetStatusChange with a short timeout (so stop() is honoured), reads each card that
arrives, and keeps going whatever the card does: pulled mid-read, mute, or not a card we know. A missing
pcscd or reader is a `no_reader` state with a message that says what to do, retried with backoff."""

from __future__ import annotations

import logging
import threading
from types import ModuleType
from typing import Any

from hardware.card_reader.base import (
    CardError,
    CardEvent,
    CardEventType,
    CardRead,
    CardReader,
    CardReadFailed,
    ReaderState,
)
from hardware.card_reader.emv import read_card
from hardware.device import Backoff

logger = logging.getLogger(__name__)

NO_SERVICE_HELP = "the PC/SC service is not running: start pcscd (sudo systemctl start pcscd.socket)"


class _ServiceLost(Exception):
    """pcscd went away under us: the context is dead, make a new one."""


class PcscCardReader(CardReader):
    def __init__(
        self,
        reader_name: str | None = None,
        poll_timeout: float = 0.5,
        removal_grace: float = 1.5,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__(f"card reader {reader_name!r}" if reader_name else "first card reader")
        self.reader_name = reader_name  # None: the first reader PC/SC lists
        self.poll_timeout, self.removal_grace = poll_timeout, removal_grace
        self.backoff = backoff or Backoff(initial=0.5, maximum=10.0)
        self.reader: str | None = None  # the reader in use, once found

    def _run(self, stop: threading.Event) -> None:
        try:
            from smartcard import scard
        except ImportError as exc:
            self._set_health(ReaderState.NO_READER, f"pyscard is not installed ({exc})")
            return
        while not stop.is_set():
            hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hr != scard.SCARD_S_SUCCESS:
                self._set_health(ReaderState.NO_READER, f"{NO_SERVICE_HELP} [{_error(scard, hr)}]")
            else:
                try:
                    self._watch(scard, ctx, stop)
                except _ServiceLost as lost:
                    self._set_health(ReaderState.NO_READER, f"{NO_SERVICE_HELP} [{lost}]")
                except Exception as exc:  # a driver bug must not leave the kiosk without a reader for good
                    logger.exception("card reader loop failed")
                    self._set_health(
                        ReaderState.NO_READER, f"card reader error ({type(exc).__name__}); retrying"
                    )
                finally:
                    scard.SCardReleaseContext(ctx)
            if not stop.is_set():
                stop.wait(self.backoff.next_delay())

    def _watch(self, scard: ModuleType, ctx: Any, stop: threading.Event) -> None:
        """Follow one reader until stop is set; _ServiceLost when pcscd goes away."""
        known, card_on_reader = scard.SCARD_STATE_UNAWARE, False
        gone = scard.SCARD_STATE_UNKNOWN | scard.SCARD_STATE_UNAVAILABLE
        while not stop.is_set():
            reader = self._find_reader(scard, ctx)
            if reader != self.reader and card_on_reader:
                self._emit(CardEvent(CardEventType.REMOVED))  # the reader went, and the card with it
            if reader != self.reader:
                self.reader, known, card_on_reader = reader, scard.SCARD_STATE_UNAWARE, False
            if reader is None:
                stop.wait(self.backoff.next_delay())
                continue
            hr, states = scard.SCardGetStatusChange(ctx, int(self.poll_timeout * 1000), [(reader, known)])
            if hr == scard.SCARD_E_TIMEOUT:
                continue
            if hr in _service_errors(scard):
                raise _ServiceLost(_error(scard, hr))
            if hr != scard.SCARD_S_SUCCESS or states[0][1] & gone:
                logger.info("lost %s: %s", reader, _error(scard, hr))
                stop.wait(self.backoff.next_delay())
                continue  # unplugged: _find_reader notices, or it is back
            self.backoff.reset()
            _, event_state, atr = states[0]
            known = event_state & ~scard.SCARD_STATE_CHANGED
            mute = event_state & scard.SCARD_STATE_MUTE
            present = bool(event_state & scard.SCARD_STATE_PRESENT) and not mute
            if present and not card_on_reader:
                card_on_reader = True
                self._handle_card(scard, ctx, reader, bytes(atr))
            elif not present and card_on_reader:
                card_on_reader = False
                self._emit(CardEvent(CardEventType.REMOVED))
            if not present:
                self._set_health(ReaderState.WAITING, f"ready: {reader}")

    def _find_reader(self, scard: ModuleType, ctx: Any) -> str | None:
        hr, readers = scard.SCardListReaders(ctx, [])
        if hr in _service_errors(scard):
            raise _ServiceLost(_error(scard, hr))
        readers = list(readers) if hr == scard.SCARD_S_SUCCESS else []
        if self.reader_name is None:
            if readers:
                return str(readers[0])
            self._set_health(ReaderState.NO_READER, "no card reader is connected; plug one in")
            return None
        wanted = self.reader_name.casefold()
        for candidate in sorted(readers, key=lambda name: name.casefold() != wanted):
            if candidate.casefold() == wanted or candidate.casefold().startswith(wanted):
                return str(candidate)
        available = ", ".join(readers) or "none"
        self._set_health(
            ReaderState.NO_READER, f"card reader {self.reader_name!r} not found (available: {available})"
        )
        return None

    def _handle_card(self, scard: ModuleType, ctx: Any, reader: str, atr: bytes) -> None:
        self._emit(CardEvent(CardEventType.INSERTED))
        self._set_health(ReaderState.READING, f"reading a card on {reader}")
        try:
            read = self._read(scard, ctx, reader, atr)
        except CardReadFailed as failure:
            logger.info("card read failed: %s (%s)", failure.error, failure)
            self._emit(CardEvent(CardEventType.FAILED, error=failure.error, message=str(failure)))
        except Exception as exc:
            # Only the type is logged: an unexpected error's message could quote card data.
            logger.error("unexpected %s while reading a card", type(exc).__name__)
            message = "the card could not be read; tap again"
            self._emit(CardEvent(CardEventType.FAILED, error=CardError.COMMUNICATION, message=message))
        else:
            logger.info("card read: %s %s %s", read.kind, read.scheme or "", read.masked_pan or "")
            self._emit(CardEvent(CardEventType.READ, read=read))
        self._set_health(ReaderState.CARD_PRESENT, f"card on {reader}")

    def _read(self, scard: ModuleType, ctx: Any, reader: str, atr: bytes) -> CardRead:
        removed = CardReadFailed(CardError.CARD_REMOVED, "the card was taken away too soon; tap again")
        protocols = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        hr, handle, protocol = scard.SCardConnect(ctx, reader, scard.SCARD_SHARE_SHARED, protocols)
        if hr != scard.SCARD_S_SUCCESS:
            if hr in (scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD) or self._card_gone(
                scard, ctx, reader
            ):
                raise removed
            raise CardReadFailed(CardError.COMMUNICATION, f"cannot talk to the card ({_error(scard, hr)})")
        pci = scard.SCARD_PCI_T0 if protocol == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1
        link_lost = False

        def transmit(apdu: bytes, depth: int = 0) -> tuple[bytes, int]:
            nonlocal link_lost
            hr, response = scard.SCardTransmit(handle, pci, list(apdu))
            if hr != scard.SCARD_S_SUCCESS or len(response) < 2 or depth > 8:
                link_lost = True
                raise CardReadFailed(CardError.COMMUNICATION, "the card stopped answering; tap again")
            data, sw = bytes(response[:-2]), response[-2] << 8 | response[-1]
            if sw >> 8 == 0x6C:  # T=0: wrong Le, the card says which length to ask for
                return transmit(apdu[:-1] + bytes([sw & 0xFF]), depth + 1)
            if sw >> 8 == 0x61:  # T=0: more data waiting, fetch it with GET RESPONSE
                more, sw = transmit(bytes([0x00, 0xC0, 0x00, 0x00, sw & 0xFF]), depth + 1)
                data += more
            # The header only: command and response data may hold the card number.
            logger.debug("APDU %s -> SW %04X", apdu[:4].hex().upper(), sw)
            return data, sw

        try:
            return read_card(transmit, atr)
        except CardReadFailed:
            # A card that answered with a status word was there; one that went silent may have left.
            if link_lost and self._card_gone(scard, ctx, reader):
                raise removed from None
            raise
        finally:
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)

    def _card_gone(self, scard: ModuleType, ctx: Any, reader: str) -> bool:
        """Has the card left the field? pcscd polls the reader, so it may need a moment to notice."""
        hr, states = scard.SCardGetStatusChange(ctx, 0, [(reader, scard.SCARD_STATE_UNAWARE)])
        if hr != scard.SCARD_S_SUCCESS:
            return True
        state = states[0][1] & ~scard.SCARD_STATE_CHANGED
        if state & scard.SCARD_STATE_PRESENT:
            timeout_ms = int(self.removal_grace * 1000)
            hr, states = scard.SCardGetStatusChange(ctx, timeout_ms, [(reader, state)])
            state = states[0][1] if hr == scard.SCARD_S_SUCCESS else state
        return not state & scard.SCARD_STATE_PRESENT


def _service_errors(scard: ModuleType) -> tuple[int, ...]:
    return (scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE)


def _error(scard: ModuleType, hr: int) -> str:
    return f"{scard.SCardGetErrorMessage(hr).strip()} (0x{hr & 0xFFFFFFFF:08X})"
