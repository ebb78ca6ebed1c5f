"""Read a card through any APDU channel: EMV payment data (masked) or a membership card's UID.

`read_card(transmit, atr)` runs SELECT PPSE -> SELECT AID -> GET PROCESSING OPTIONS -> READ RECORD and
returns a `CardRead`. The full card number exists only as a local variable of `_masked_card_data` and in the
raw record bytes local to `_read_application`; it is never logged, stored on an object or put in an error."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date

from hardware.card_reader.base import CardError, CardKind, CardRead, CardReadFailed
from hardware.card_reader.tlv import TlvError, find, find_all, iter_dol

# Sends one command APDU; returns the response data and the status word (0x9000 = success).
# Raises CardReadFailed when the card stops answering.
Transmit = Callable[[bytes], tuple[bytes, int]]

SW_OK = 0x9000
PPSE = b"2PAY.SYS.DDF01"
GET_UID = bytes.fromhex("FFCA000000")
# PC/SC part 3: the reader marks storage cards (MIFARE and the like) with this in the ATR; they have no EMV.
PCSC_STORAGE_CARD_MARK = bytes.fromhex("804F0CA000000306")

SCHEMES = {
    "A000000003": "visa",
    "A000000004": "mastercard",
    "A000000025": "amex",
    "A000000065": "jcb",
    "A000000152": "discover",
    "A000000333": "unionpay",
    "A000000277": "interac",
    "A000000524": "rupay",
}
# Tried one by one when a (contact) card has no PPSE directory.
CANDIDATE_AIDS = ["A0000000031010", "A0000000041010", "A0000000043060", "A00000002501", "A0000000651010"]

# Terminal values for the card's PDOL: a read-only look at the card, amount zero, Korean won in Korea.
TERMINAL_DATA = {
    0x9F66: bytes.fromhex("36004000"),  # TTQ: qVSDC, contact EMV, online PIN, signature, CDCVM
    0x9F02: bytes(6),  # amount authorised
    0x9F03: bytes(6),  # amount other
    0x9F1A: bytes.fromhex("0410"),  # terminal country: Korea
    0x5F2A: bytes.fromhex("0410"),  # transaction currency: KRW
    0x9C: b"\x00",  # transaction type: purchase
    0x9F35: b"\x24",  # terminal type: unattended, online only, merchant-operated
    0x9F33: bytes.fromhex("E0F0C8"),
    0x9F40: bytes.fromhex("6000F0A001"),
}


def read_card(transmit: Transmit, atr: bytes = b"") -> CardRead:
    """Identify and read the card on the reader; CardReadFailed says what went wrong."""
    try:
        if PCSC_STORAGE_CARD_MARK not in atr:
            payment = _read_payment(transmit)
            if payment is not None:
                return payment
        uid, sw = transmit(GET_UID)
        if sw == SW_OK and 4 <= len(uid) <= 10:
            return CardRead(CardKind.UID, uid=uid.hex().upper())
    except TlvError as exc:
        raise CardReadFailed(CardError.COMMUNICATION, f"the card sent malformed data ({exc})") from None
    raise CardReadFailed(CardError.UNKNOWN_CARD, "this card is neither a payment card nor a membership card")


def _select(transmit: Transmit, name: bytes) -> tuple[bytes, int]:
    return transmit(bytes([0x00, 0xA4, 0x04, 0x00, len(name)]) + name + b"\x00")


def _read_payment(transmit: Transmit) -> CardRead | None:
    fci, sw = _select(transmit, PPSE)
    if sw == SW_OK:
        entries = [(find(entry, 0x87), find(entry, 0x4F)) for entry in find_all(fci, 0x61)]
        # Lower priority indicator (low nibble of tag 87) first; entries without one last.
        entries.sort(key=lambda e: e[0][0] & 0x0F if e[0] else 0x10)
        aids = [aid for _, aid in entries if aid]
    else:
        aids = [bytes.fromhex(aid) for aid in CANDIDATE_AIDS]
    has_directory = sw == SW_OK
    for aid in aids:
        app_fci, sw = _select(transmit, aid)
        if sw == SW_OK:
            return _read_application(transmit, aid, app_fci)
    if has_directory:
        raise CardReadFailed(CardError.UNKNOWN_CARD, "the payment card offers no application we can use")
    return None


def _read_application(transmit: Transmit, aid: bytes, fci: bytes) -> CardRead:
    pdol = find(fci, 0x9F38) or b""
    label_bytes = find(fci, 0x50)
    dol_data = b"".join(_terminal_value(tag, length) for tag, length in iter_dol(pdol))
    command_data = bytes([0x83, len(dol_data)]) + dol_data
    gpo, sw = transmit(bytes([0x80, 0xA8, 0x00, 0x00, len(command_data)]) + command_data + b"\x00")
    if sw != SW_OK:
        raise CardReadFailed(CardError.UNKNOWN_CARD, f"the payment card refused to be read (SW {sw:04X})")
    chunks = [gpo]  # raw card data: local to this function, never logged
    if gpo[:1] == b"\x80":  # format 1: AIP (2 bytes) followed by the AFL
        format1 = find(gpo, 0x80) or b""
        afl = format1[2:]
    else:
        afl = find(gpo, 0x94) or b""
    for sfi, record in _afl_records(afl):
        if _has_card_data(chunks):
            break
        data, sw = transmit(bytes([0x00, 0xB2, record, (sfi << 3) | 0x04, 0x00]))
        if sw == SW_OK:
            chunks.append(data)
    masked_pan, expiry = _masked_card_data(chunks)
    aid_hex = aid.hex().upper()
    label = label_bytes.decode("ascii", errors="replace").strip() if label_bytes else None
    scheme = SCHEMES.get(aid_hex[:10], "unknown")
    return CardRead(CardKind.PAYMENT, masked_pan, expiry, scheme, aid=aid_hex, label=label)


def _terminal_value(tag: int, length: int) -> bytes:
    if tag == 0x9A:  # transaction date, YYMMDD in BCD
        value = bytes.fromhex(date.today().strftime("%y%m%d"))
    elif tag == 0x9F37:  # unpredictable number
        value = os.urandom(length)
    else:
        value = TERMINAL_DATA.get(tag, b"")
    return value if len(value) == length else bytes(length)


def _afl_records(afl: bytes) -> list[tuple[int, int]]:
    """The (SFI, record) pairs an Application File Locator names; at most 32, so a bad AFL cannot stall us."""
    records: list[tuple[int, int]] = []
    for i in range(0, len(afl) - len(afl) % 4, 4):
        sfi, first, last = afl[i] >> 3, afl[i + 1], afl[i + 2]
        if 1 <= sfi <= 30 and 1 <= first <= last:
            records.extend((sfi, record) for record in range(first, last + 1))
    return records[:32]


def _has_card_data(chunks: list[bytes]) -> bool:
    has_pan = any(find(c, 0x57) or find(c, 0x5A) for c in chunks)
    has_expiry = any(find(c, 0x57) or find(c, 0x5F24) for c in chunks)
    return has_pan and has_expiry


def _masked_card_data(chunks: list[bytes]) -> tuple[str, str]:
    """(masked PAN, MM/YY) from Track 2 Equivalent Data (57), else the PAN (5A) and expiry (5F24) tags."""
    pan = expiry_yymm = ""
    for chunk in chunks:
        track2 = find(chunk, 0x57)
        if track2 and not pan:
            digits = track2.hex().upper().rstrip("F")
            pan, _, rest = digits.partition("D")
            expiry_yymm = rest[:4] if len(rest) >= 4 else expiry_yymm
        pan_tag, expiry_tag = find(chunk, 0x5A), find(chunk, 0x5F24)
        if pan_tag and not pan:
            pan = pan_tag.hex().upper().rstrip("F")
        if expiry_tag and len(expiry_tag) == 3:
            expiry_yymm = expiry_tag.hex()[:4]
    if not pan:
        raise CardReadFailed(CardError.UNKNOWN_CARD, "the payment card did not reveal its card number")
    if not (pan.isdigit() and 12 <= len(pan) <= 19 and _luhn_ok(pan)):
        raise CardReadFailed(CardError.COMMUNICATION, "the card number read is not valid; tap again")
    if not (expiry_yymm.isdigit() and len(expiry_yymm) == 4 and 1 <= int(expiry_yymm[2:]) <= 12):
        raise CardReadFailed(CardError.COMMUNICATION, "the card's expiry date is unreadable; tap again")
    return mask_pan(pan), f"{expiry_yymm[2:]}/{expiry_yymm[:2]}"


def mask_pan(pan: str) -> str:
    """First 6 and last 4 digits, the rest as asterisks: 4111111111111111 -> 411111******1111."""
    return pan[:6] + "*" * (len(pan) - 10) + pan[-4:]


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0
