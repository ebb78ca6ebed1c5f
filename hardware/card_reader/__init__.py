"""Card reader: `open_card_reader(url)` picks the PC/SC driver or the simulator from config.

- `pcsc:`: the first reader PC/SC lists
- `pcsc:ACS ACR122U`: the reader with this name (or the first whose name starts with it)
- `sim:`: the simulator (tap/pull from the dev panel)
"""

from __future__ import annotations

from urllib.parse import unquote

from hardware.card_reader.base import (
    MASKED_PAN,
    CardError,
    CardEvent,
    CardEventType,
    CardKind,
    CardRead,
    CardReader,
    CardReadFailed,
    ReaderState,
)
from hardware.card_reader.pcsc_reader import PcscCardReader
from hardware.card_reader.simulator import TEST_CARDS, SimulatedCardReader

__all__ = [
    "MASKED_PAN",
    "TEST_CARDS",
    "CardError",
    "CardEvent",
    "CardEventType",
    "CardKind",
    "CardRead",
    "CardReadFailed",
    "CardReader",
    "PcscCardReader",
    "ReaderState",
    "SimulatedCardReader",
    "open_card_reader",
]


def open_card_reader(url: str) -> CardReader:
    """Build (not start) the reader a config URL names; ValueError for a URL we do not understand."""
    url = url.strip()
    if url in ("sim:", "sim://"):
        return SimulatedCardReader()
    if url.startswith("pcsc:"):
        name = unquote(url.removeprefix("pcsc:").removeprefix("//")).strip()
        return PcscCardReader(name or None)
    raise ValueError(f"unknown card reader URL {url!r}; use pcsc:, pcsc:READER NAME or sim:")
