"""EMV and TLV parsing, driven straight through the virtual cards' APDU handlers (no PC/SC needed)."""

from __future__ import annotations

import logging

import pytest

from hardware.card_reader import MASKED_PAN, CardError, CardKind, CardRead, CardReadFailed
from hardware.card_reader.emv import Transmit, mask_pan, read_card
from hardware.card_reader.tlv import TlvError, find, find_all, iter_dol, iter_tlv
from tests.hardware.vicc import EmvCard, UidCard, UnknownCard, VirtualCard, tlv

FULL_PAN = "4111111111111111"


def channel(card: VirtualCard) -> Transmit:
    card.power_on()

    def transmit(apdu: bytes) -> tuple[bytes, int]:
        response = card.answer(apdu)
        return response[:-2], int.from_bytes(response[-2:], "big")

    return transmit


def test_visa_card_gives_masked_pan_expiry_and_scheme(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    read = read_card(channel(EmvCard(FULL_PAN, "2812")))
    assert read.kind == CardKind.PAYMENT
    assert read.masked_pan == "411111******1111" and MASKED_PAN.match(read.masked_pan)
    assert (read.expiry, read.scheme, read.aid, read.label) == (
        "12/28",
        "visa",
        "A0000000031010",
        "VISA CREDIT",
    )
    assert read.last4 == "1111"
    assert FULL_PAN not in repr(read) and FULL_PAN not in caplog.text


class TagRecordsCard(EmvCard):
    """A Mastercard that keeps the PAN in tag 5A only (no Track 2), answering GPO in format 1."""

    def records(self) -> dict[tuple[int, int], bytes]:
        record = tlv(0x5A, bytes.fromhex(self.pan + "F" * (len(self.pan) % 2)))
        return {(1, 1): tlv(0x70, record + tlv(0x5F24, bytes.fromhex(self.expiry_yymm + "30")))}

    def answer(self, apdu: bytes) -> bytes:
        if apdu[:2] == b"\x80\xa8":
            return tlv(0x80, b"\x19\x80" + bytes.fromhex("08010100")) + b"\x90\x00"
        return super().answer(apdu)


@pytest.mark.parametrize(
    ("pan", "masked"),
    [("5555555555554444", "555555******4444"), ("6011000990139424", "601100******9424"),
     ("4222222222222", "422222***2222"), ("6759649826438453", "675964******8453"),
     ("6304000000000000018", "630400*********0018")],
)  # fmt: skip
def test_tag_5a_cards_in_all_pan_lengths(pan: str, masked: str) -> None:
    read = read_card(channel(TagRecordsCard(pan, "3001", aid="A0000000041010", label="MASTERCARD")))
    assert (read.masked_pan, read.expiry, read.scheme) == (masked, "01/30", "mastercard")
    assert MASKED_PAN.match(masked)


def test_uid_card_and_storage_card_atr() -> None:
    card = UidCard("04A1B2C3D4E5F6")
    read = read_card(channel(card))
    assert (read.kind, read.uid, read.masked_pan, read.scheme) == (CardKind.UID, "04A1B2C3D4E5F6", None, None)
    # A storage-card ATR skips the EMV probe entirely: only FF CA is sent.
    sent: list[bytes] = []
    answer = channel(card)

    def recording(apdu: bytes) -> tuple[bytes, int]:
        sent.append(apdu)
        return answer(apdu)

    read = read_card(recording, atr=card.atr)
    assert read.uid == "04A1B2C3D4E5F6" and sent == [bytes.fromhex("FFCA000000")]


def test_unknown_card_and_unusable_payment_cards() -> None:
    with pytest.raises(CardReadFailed) as unknown:
        read_card(channel(UnknownCard()))
    assert unknown.value.error == CardError.UNKNOWN_CARD

    class BadLuhnCard(EmvCard):
        pass

    with pytest.raises(CardReadFailed) as bad_number:
        read_card(channel(BadLuhnCard("4111111111111112")))
    assert bad_number.value.error == CardError.COMMUNICATION
    assert "4111111111111112" not in str(bad_number.value)

    class RefusingCard(EmvCard):
        def answer(self, apdu: bytes) -> bytes:
            return b"\x69\x85" if apdu[:2] == b"\x80\xa8" else super().answer(apdu)

    with pytest.raises(CardReadFailed, match="refused") as refused:
        read_card(channel(RefusingCard()))
    assert refused.value.error == CardError.UNKNOWN_CARD


def test_card_read_refuses_an_unmasked_number() -> None:
    with pytest.raises(ValueError):
        CardRead(CardKind.PAYMENT, masked_pan=FULL_PAN)
    assert mask_pan(FULL_PAN) == "411111******1111"


def test_tlv_parsing() -> None:
    data = tlv(0x6F, tlv(0x84, b"NAME") + tlv(0xA5, tlv(0xBF0C, tlv(0x61, tlv(0x4F, b"\xa0\x01")) * 2)))
    assert find(data, 0x84) == b"NAME"
    assert find_all(data, 0x4F) == [b"\xa0\x01", b"\xa0\x01"]
    long_value = bytes(300)
    assert list(iter_tlv(tlv(0x70, long_value))) == [(0x70, long_value, True)]
    assert list(iter_tlv(b"\x00\x00" + tlv(0x5A, b"\x12") + b"\xff")) == [(0x5A, b"\x12", False)]
    assert list(iter_dol(bytes.fromhex("9F66049F02069A03"))) == [(0x9F66, 4), (0x9F02, 6), (0x9A, 3)]
    for broken in (b"\x5a\x05\x01", b"\x9f", b"\x5a", b"\x5a\x84\x00\x00\x00\x01\x00"):
        with pytest.raises(TlvError):
            list(iter_tlv(broken))
