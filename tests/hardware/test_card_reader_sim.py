"""The simulated card reader (demo mode and kiosk tests) and the card reader URL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from core.schemas.payments import CardData
from hardware.card_reader import (
    TEST_CARDS,
    CardError,
    CardEvent,
    CardEventType,
    CardKind,
    PcscCardReader,
    ReaderState,
    SimulatedCardReader,
    open_card_reader,
)
from tests.hardware.recorder import WAIT, Recorder


@pytest.fixture
def simulated() -> Iterator[tuple[SimulatedCardReader, Recorder[CardEvent]]]:
    events: Recorder[CardEvent] = Recorder()
    reader = SimulatedCardReader()
    reader.start(events)
    assert reader.wait_for(ReaderState.WAITING, timeout=WAIT)
    yield reader, events
    reader.stop()


def test_tap_and_pull(simulated: tuple[SimulatedCardReader, Recorder[CardEvent]]) -> None:
    reader, events = simulated
    reader.tap("decline")
    read = events.wait_for(lambda e: e.type == CardEventType.READ).read
    assert read is not None and read.masked_pan == "400000******0002" and read.last4 == "0002"
    assert reader.wait_for(ReaderState.CARD_PRESENT, timeout=WAIT)
    reader.tap("insufficient_funds")  # a second card replaces the first: removed, then inserted
    events.wait_until(lambda items: [e.type for e in items].count(CardEventType.READ) == 2)
    reader.pull()
    events.wait_until(lambda items: bool(items) and items[-1].type == CardEventType.REMOVED)
    kinds = [e.type for e in events.items]
    assert kinds == ["inserted", "read", "removed", "inserted", "read", "removed"]
    assert events.items[4].read is not None and events.items[4].read.last4 == "9995"
    assert reader.card is None and reader.wait_for(ReaderState.WAITING, timeout=WAIT)


def test_simulated_failures_and_unplug(simulated: tuple[SimulatedCardReader, Recorder[CardEvent]]) -> None:
    reader, events = simulated
    reader.tap("approve", error=CardError.CARD_REMOVED)
    events.wait_until(lambda items: bool(items) and items[-1].type == CardEventType.REMOVED)
    failure = next(e for e in events.items if e.type == CardEventType.FAILED)
    assert failure.error == CardError.CARD_REMOVED

    reader.unplug()
    assert reader.wait_for(ReaderState.NO_READER, timeout=WAIT)
    events.clear()
    reader.tap("member")  # nobody notices a card on an unplugged reader
    reader.replug()
    assert reader.wait_for(ReaderState.WAITING, timeout=WAIT)
    reader.tap("member")
    read = events.wait_for(lambda e: e.type == CardEventType.READ).read
    assert read is not None and read.kind == CardKind.UID and read.uid == "04A1B2C3"
    assert [e.type for e in events.items].count(CardEventType.INSERTED) == 1


def test_test_cards_are_what_the_payment_api_accepts() -> None:
    for name, card in TEST_CARDS.items():
        if card.kind == CardKind.PAYMENT:
            assert card.masked_pan and card.expiry and card.scheme, name
            CardData(masked_pan=card.masked_pan, expiry=card.expiry, scheme=card.scheme)
    assert TEST_CARDS["approve"].last4 == "1111"


def test_open_card_reader_urls() -> None:
    assert isinstance(open_card_reader("sim:"), SimulatedCardReader)
    first = open_card_reader("pcsc:")
    assert isinstance(first, PcscCardReader) and first.reader_name is None
    named = open_card_reader("pcsc:ACS ACR122U PICC Interface 00 00")
    assert isinstance(named, PcscCardReader) and named.reader_name == "ACS ACR122U PICC Interface 00 00"
    encoded = open_card_reader("pcsc://Virtual%20PCD%2000%2001")
    assert isinstance(encoded, PcscCardReader) and encoded.reader_name == "Virtual PCD 00 01"
    with pytest.raises(ValueError):
        open_card_reader("nfc:")
