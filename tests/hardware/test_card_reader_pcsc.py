"""The PC/SC card reader on a real stack: pcscd + the vpcd reader driver + our virtual cards (vicc.py)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hardware.card_reader import (
    CardError,
    CardEvent,
    CardEventType,
    CardKind,
    PcscCardReader,
    ReaderState,
    open_card_reader,
)
from hardware.device import Backoff
from tests.hardware.conftest import READER_0, READER_1
from tests.hardware.recorder import WAIT, Recorder
from tests.hardware.vicc import VPCD_PORT, EmvCard, UidCard, UnknownCard, VirtualCardLink

Insert = Callable[..., VirtualCardLink]
FULL_PAN = "4111111111111111"


def of_type(kind: CardEventType) -> Callable[[CardEvent], bool]:
    return lambda event: event.type == kind


ReaderAndEvents = tuple[PcscCardReader, Recorder[CardEvent]]


@pytest.fixture
def reader(pcsc_stack: None) -> Iterator[ReaderAndEvents]:
    events: Recorder[CardEvent] = Recorder()
    card_reader = PcscCardReader(READER_0, poll_timeout=0.2, removal_grace=5.0, backoff=Backoff(0.1, 0.5))
    card_reader.start(events)
    assert card_reader.wait_for(ReaderState.WAITING, timeout=WAIT), card_reader.health
    yield card_reader, events
    card_reader.stop()


def test_membership_card_uid(reader: ReaderAndEvents, insert_card: Insert) -> None:
    card_reader, events = reader
    link = insert_card(UidCard("04A1B2C3"))
    read = events.wait_for(of_type(CardEventType.READ)).read
    assert read is not None and (read.kind, read.uid, read.masked_pan) == (CardKind.UID, "04A1B2C3", None)
    assert card_reader.health.state == ReaderState.CARD_PRESENT
    link.remove()
    events.wait_for(of_type(CardEventType.REMOVED))
    assert card_reader.wait_for(ReaderState.WAITING, timeout=WAIT)
    assert [e.type for e in events.items] == [
        CardEventType.INSERTED,
        CardEventType.READ,
        CardEventType.REMOVED,
    ]


def test_payment_card_is_read_masked(
    reader: ReaderAndEvents, insert_card: Insert, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _, events = reader
    link = insert_card(EmvCard(FULL_PAN, "2812"))
    read = events.wait_for(of_type(CardEventType.READ)).read
    assert read is not None and read.kind == CardKind.PAYMENT
    assert (read.masked_pan, read.expiry, read.scheme) == ("411111******1111", "12/28", "visa")
    # The whole EMV dialogue went over PC/SC: PPSE, the AID, GPO, and READ RECORD for the AFL's records.
    assert [c[:2].hex() for c in link.commands] == ["00a4", "00a4", "80a8", "00b2", "00b2"]
    assert FULL_PAN not in caplog.text and "APDU" in caplog.text
    assert FULL_PAN not in repr(read) and FULL_PAN not in repr(events.items)


def test_card_pulled_mid_read_then_the_next_card_works(reader: ReaderAndEvents, insert_card: Insert) -> None:
    card_reader, events = reader
    pulled = insert_card(EmvCard(pull_on_ins=0xB2))  # leaves the field at READ RECORD
    failure = events.wait_for(of_type(CardEventType.FAILED))
    assert pulled.pulled.is_set()
    assert failure.error == CardError.CARD_REMOVED and "taken away" in failure.message
    events.wait_for(of_type(CardEventType.REMOVED))
    assert card_reader.wait_for(ReaderState.WAITING, timeout=WAIT)
    pulled.remove()

    events.clear()
    insert_card(EmvCard("5555555555554444", "2701", aid="A0000000041010", label="MASTERCARD"))
    read = events.wait_for(of_type(CardEventType.READ)).read
    assert read is not None and (read.masked_pan, read.scheme) == ("555555******4444", "mastercard")


def test_unknown_card(reader: ReaderAndEvents, insert_card: Insert) -> None:
    card_reader, events = reader
    insert_card(UnknownCard())
    failure = events.wait_for(of_type(CardEventType.FAILED))
    assert failure.error == CardError.UNKNOWN_CARD
    assert card_reader.health.state == ReaderState.CARD_PRESENT


def test_reader_chosen_by_name_from_the_url(pcsc_stack: None, insert_card: Insert) -> None:
    card_reader = open_card_reader("pcsc:virtual pcd 00 01")  # case-insensitive prefix of the full name
    assert isinstance(card_reader, PcscCardReader)
    events: Recorder[CardEvent] = Recorder()
    card_reader.start(events)
    try:
        assert card_reader.wait_for(ReaderState.WAITING, timeout=WAIT)
        assert card_reader.reader == READER_1
        insert_card(UidCard("0102030405060708"), port=VPCD_PORT + 1)
        read = events.wait_for(of_type(CardEventType.READ)).read
        assert read is not None and read.uid == "0102030405060708"
    finally:
        card_reader.stop()


def test_a_card_already_on_the_reader_is_read_at_start(pcsc_stack: None, insert_card: Insert) -> None:
    insert_card(UidCard("CAFEBABE"))
    events: Recorder[CardEvent] = Recorder()
    card_reader = PcscCardReader(poll_timeout=0.2)  # "pcsc:": the first reader, Virtual PCD 00 00
    card_reader.start(events)
    try:
        read = events.wait_for(of_type(CardEventType.READ)).read
        assert read is not None and read.uid == "CAFEBABE"
    finally:
        card_reader.stop()


def test_a_reader_that_is_not_there(pcsc_stack: None) -> None:
    card_reader = PcscCardReader("ACME Reader 9000", poll_timeout=0.2, backoff=Backoff(0.1, 0.2))
    card_reader.start()
    try:
        assert card_reader.wait_for(ReaderState.NO_READER, timeout=WAIT)
        message = card_reader.health.message
        assert "ACME Reader 9000" in message and READER_0 in message
    finally:
        card_reader.stop()


PROBE = """
from hardware.card_reader import open_card_reader
r = open_card_reader("pcsc:")
r.start()
r.wait_for("no_reader", timeout=10)
health = r.health
r.stop()
print(health.state, "|", health.message)
"""


def test_no_pcscd_is_a_no_reader_state(tmp_path: Path) -> None:
    """pcsc-lite's client finds pcscd by PCSCLITE_CSOCK_NAME: point it at nothing, as if pcscd were down."""
    pytest.importorskip("smartcard", reason="pyscard is not installed")
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd.comm")}
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    state, message = result.stdout.strip().split(" | ")
    assert state == "no_reader"
    assert "start pcscd" in message
