"""BER-TLV as EMV cards use it: 1-3 byte tags, definite lengths, nested templates.

Errors never quote the data: it may hold a card number."""

from __future__ import annotations

from collections.abc import Iterator


class TlvError(ValueError):
    pass


def iter_tlv(data: bytes) -> Iterator[tuple[int, bytes, bool]]:
    """Yield (tag, value, constructed) for each top-level object in `data`."""
    i = 0
    while i < len(data):
        if data[i] in (0x00, 0xFF):  # padding between objects is allowed
            i += 1
            continue
        first = data[i]
        tag, constructed = first, bool(first & 0x20)
        i += 1
        if first & 0x1F == 0x1F:  # the tag continues while bit 8 of the next byte is set
            while True:
                if i >= len(data) or tag > 0xFFFFFF:
                    raise TlvError("truncated or overlong tag")
                tag = (tag << 8) | data[i]
                i += 1
                if not data[i - 1] & 0x80:
                    break
        if i >= len(data):
            raise TlvError("missing length")
        length = data[i]
        i += 1
        if length & 0x80:
            count = length & 0x7F
            if not 1 <= count <= 3 or i + count > len(data):
                raise TlvError("bad length")
            length = int.from_bytes(data[i : i + count], "big")
            i += count
        if i + length > len(data):
            raise TlvError("value runs past the end")
        yield tag, data[i : i + length], constructed
        i += length


def find_all(data: bytes, tag: int) -> list[bytes]:
    """Every value with `tag`, searching nested templates depth first."""
    found: list[bytes] = []
    for item_tag, value, constructed in iter_tlv(data):
        if item_tag == tag:
            found.append(value)
        if constructed:
            found.extend(find_all(value, tag))
    return found


def find(data: bytes, tag: int) -> bytes | None:
    values = find_all(data, tag)
    return values[0] if values else None


def iter_dol(dol: bytes) -> Iterator[tuple[int, int]]:
    """A Data Object List (PDOL, CDOL): tags with lengths but no values."""
    i = 0
    while i < len(dol):
        tag = dol[i]
        i += 1
        if tag & 0x1F == 0x1F:
            while i < len(dol):
                tag = (tag << 8) | dol[i]
                i += 1
                if not dol[i - 1] & 0x80:
                    break
        if i >= len(dol):
            raise TlvError("DOL entry without a length")
        yield tag, dol[i]
        i += 1
