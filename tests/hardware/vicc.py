"""Virtual smart cards for the vpcd reader driver (vsmartcard), so card tests run on a real PC/SC stack.

vpcd (loaded by pcscd) listens on 127.0.0.1:35963 for reader "Virtual PCD 00 00" and :35964 for "... 00 01".
A card is "inserted" while a client is connected. Frames are a 2-byte big-endian length and a payload; a
1-byte payload is a control code (0 power off, 1 power on, 2 reset, 4 send the ATR: answered with the ATR),
a longer one is a command APDU, answered with response data + SW1 SW2.

Debian's own `vicc` is broken as packaged, so this is our card side. Run by hand to try a reader:
    python -m tests.hardware.vicc emv|uid|unknown [port]
"""

from __future__ import annotations

import contextlib
import socket
import struct
import sys
import threading
from abc import ABC, abstractmethod

VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963  # reader "Virtual PCD 00 00"; +1 for "Virtual PCD 00 01"

CTRL_OFF, CTRL_ON, CTRL_RESET, CTRL_ATR = 0, 1, 2, 4
SW_OK = b"\x90\x00"
SW_FILE_NOT_FOUND = b"\x6a\x82"
SW_INS_NOT_SUPPORTED = b"\x6d\x00"
SW_CLA_NOT_SUPPORTED = b"\x6e\x00"
SW_CONDITIONS = b"\x69\x85"
SW_RECORD_NOT_FOUND = b"\x6a\x83"
PPSE_NAME = b"2PAY.SYS.DDF01"


class CardPulled(Exception):
    """Raised by a card's `answer` to leave the field without answering (a customer pulling it away)."""


def tlv(tag: int, value: bytes) -> bytes:
    """Encode one BER-TLV with a 1- or 2-byte tag and a definite length."""
    tag_bytes = tag.to_bytes(2 if tag > 0xFF else 1, "big")
    length = len(value)
    if length < 0x80:
        len_bytes = bytes([length])
    elif length <= 0xFF:
        len_bytes = bytes([0x81, length])
    else:
        len_bytes = bytes([0x82]) + length.to_bytes(2, "big")
    return tag_bytes + len_bytes + value


def bcd(digits: str) -> bytes:
    """Digits (and a 'D' separator) packed two per byte, padded with F."""
    if len(digits) % 2:
        digits += "F"
    return bytes.fromhex(digits)


class VirtualCard(ABC):
    atr: bytes = bytes.fromhex("3B8080018080")

    def power_on(self) -> None:  # noqa: B027 - most cards keep no state across a reset
        """Called on power on and reset; cards forget their selected application."""

    @abstractmethod
    def answer(self, apdu: bytes) -> bytes:
        """Response data + SW1 SW2 for one command APDU."""


class EmvCard(VirtualCard):
    """A contactless EMV card: PPSE -> AID (with a PDOL) -> GPO (AFL) -> records with 57, 5A and 5F24."""

    atr = bytes.fromhex("3B8880010000000000718100F9")

    def __init__(
        self,
        pan: str = "4111111111111111",
        expiry_yymm: str = "2812",
        aid: str = "A0000000031010",
        label: str = "VISA CREDIT",
        pull_on_ins: int | None = None,
    ) -> None:
        self.pan, self.expiry_yymm, self.aid, self.label = pan, expiry_yymm, bytes.fromhex(aid), label
        self.pull_on_ins = pull_on_ins  # leave the field when this instruction arrives
        self.pdol = bytes.fromhex("9F66049F02069F37045F2A02")
        self.selected: bytes | None = None

    def power_on(self) -> None:
        self.selected = None

    def records(self) -> dict[tuple[int, int], bytes]:
        # The card number sits in the second file, so a reader must follow the whole AFL to find it.
        holder = tlv(0x5F20, b"TEST/CARDHOLDER") + tlv(0x9F1F, b"0000")
        track2 = bcd(f"{self.pan}D{self.expiry_yymm}2010000000000")
        card_data = (
            tlv(0x57, track2) + tlv(0x5A, bcd(self.pan)) + tlv(0x5F24, bytes.fromhex(self.expiry_yymm + "31"))
        )
        return {(1, 1): tlv(0x70, holder), (2, 1): tlv(0x70, card_data)}

    def answer(self, apdu: bytes) -> bytes:
        cla, ins, p1, p2 = apdu[:4]
        if self.pull_on_ins is not None and ins == self.pull_on_ins:
            raise CardPulled
        if (cla, ins, p1) == (0x00, 0xA4, 0x04):
            name = apdu[5 : 5 + apdu[4]]
            if name == PPSE_NAME:
                self.selected = name
                entry = tlv(0x61, tlv(0x4F, self.aid) + tlv(0x50, self.label.encode()) + tlv(0x87, b"\x01"))
                return tlv(0x6F, tlv(0x84, name) + tlv(0xA5, tlv(0xBF0C, entry))) + SW_OK
            if name == self.aid:
                self.selected = name
                props = tlv(0x50, self.label.encode()) + tlv(0x9F38, self.pdol)
                return tlv(0x6F, tlv(0x84, name) + tlv(0xA5, props)) + SW_OK
            return SW_FILE_NOT_FOUND
        if (cla, ins) == (0x80, 0xA8):
            # The terminal must send exactly the PDOL's length (4 + 6 + 4 + 2) inside tag 83.
            if self.selected != self.aid or apdu[5:7] != bytes([0x83, 16]):
                return SW_CONDITIONS
            return tlv(0x77, tlv(0x82, b"\x20\x00") + tlv(0x94, bytes.fromhex("0801010010010100"))) + SW_OK
        if (cla, ins) == (0x00, 0xB2):
            record = self.records().get((p2 >> 3, p1))
            return record + SW_OK if record else SW_RECORD_NOT_FOUND
        return SW_INS_NOT_SUPPORTED


class UidCard(VirtualCard):
    """A MIFARE-like membership card: it has no applications, only the UID the reader reports for FF CA."""

    atr = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")

    def __init__(self, uid: str = "04A1B2C3") -> None:
        self.uid = bytes.fromhex(uid)

    def answer(self, apdu: bytes) -> bytes:
        if apdu[:4] == b"\xff\xca\x00\x00":
            return self.uid + SW_OK
        if apdu[:2] == b"\x00\xa4":
            return SW_FILE_NOT_FOUND
        return SW_CLA_NOT_SUPPORTED


class UnknownCard(VirtualCard):
    """A card that answers nothing useful: no PPSE, no UID."""

    def answer(self, apdu: bytes) -> bytes:
        return SW_INS_NOT_SUPPORTED


class VirtualCardLink:
    """Holds one card in one vpcd reader: `insert()` connects, `remove()` disconnects."""

    def __init__(self, card: VirtualCard, port: int = VPCD_PORT, host: str = VPCD_HOST) -> None:
        self.card, self.port, self.host = card, port, host
        self.commands: list[bytes] = []  # APDU headers seen, for assertions (never the data)
        self.pulled = threading.Event()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def insert(self) -> VirtualCardLink:
        self.pulled.clear()
        self._sock = socket.create_connection((self.host, self.port), timeout=5)
        self._sock.settimeout(None)
        self._thread = threading.Thread(target=self._serve, args=(self._sock,), name="vicc", daemon=True)
        self._thread.start()
        return self

    def remove(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = _recv_exact(sock, 2)
                payload = _recv_exact(sock, struct.unpack(">H", header)[0])
                reply = self._handle(payload)
                if reply is not None:
                    sock.sendall(struct.pack(">H", len(reply)) + reply)
        except CardPulled:
            self.pulled.set()
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        except (OSError, EOFError):
            pass  # vpcd went away or remove() closed the socket

    def _handle(self, payload: bytes) -> bytes | None:
        if len(payload) == 1:
            if payload[0] in (CTRL_ON, CTRL_RESET):
                self.card.power_on()
            return self.card.atr if payload[0] == CTRL_ATR else None
        self.commands.append(payload[:4])
        return self.card.answer(payload)


def _recv_exact(sock: socket.socket, count: int) -> bytes:
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


if __name__ == "__main__":
    cards = {"emv": EmvCard, "uid": UidCard, "unknown": UnknownCard}
    chosen = cards[sys.argv[1] if len(sys.argv) > 1 else "emv"]()
    link = VirtualCardLink(chosen, port=int(sys.argv[2]) if len(sys.argv) > 2 else VPCD_PORT).insert()
    print(f"{type(chosen).__name__} inserted on port {link.port}; Ctrl+C to remove")
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()
    link.remove()
