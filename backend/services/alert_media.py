"""Alert snapshots and clips on disk: checked on the way in, named by us, and found again only under the
clips directory.

A client never names a file: stored names are `<store id>/<alert uuid>-<random>.<ext>`, so nothing a
client sends can reach outside the clips directory, and a replayed upload that loses the race to store the
alert leaves no file behind that the stored alert points to.
"""

from __future__ import annotations

import logging
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from backend.errors import ApiError

log = logging.getLogger("autostore.backend.alerts")
CHUNK = 256 * 1024


@dataclass(frozen=True)
class MediaKind:
    field: str
    content_type: str
    suffix: str

    def looks_right(self, head: bytes) -> bool:
        """Magic bytes, so a mislabelled upload is refused rather than served to a player."""
        if self.suffix == ".jpg":
            return head.startswith(b"\xff\xd8\xff")
        return len(head) >= 12 and head[4:8] == b"ftyp"  # an ISO base media (MP4) file opens with `ftyp`


SNAPSHOT = MediaKind("snapshot", "image/jpeg", ".jpg")
CLIP = MediaKind("clip", "video/mp4", ".mp4")


@dataclass(frozen=True)
class MediaUpload:
    """One uploaded file as the route received it."""

    content_type: str | None
    stream: BinaryIO


def _refuse(status: int, code: str, kind: MediaKind, message: str) -> ApiError:
    return ApiError(status, code, message, [{"field": kind.field, "message": message}])


def save_media(
    root: Path, store_id: int, alert_id: uuid.UUID, kind: MediaKind, upload: MediaUpload, max_bytes: int
) -> str:
    """Copy an upload under `root`; return its name relative to `root`. 415 for the wrong type, 413 when
    larger than `max_bytes` (nothing is left on disk either way)."""
    declared = (upload.content_type or "").split(";")[0].strip().lower()
    if declared != kind.content_type:
        raise _refuse(415, "unsupported_media_type", kind, f"Send the {kind.field} as {kind.content_type}.")
    relative = f"{store_id}/{alert_id.hex}-{secrets.token_hex(6)}{kind.suffix}"
    final = root / relative
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".part")
    size = 0
    try:
        with open(partial, "wb") as out:
            head = upload.stream.read(CHUNK)
            if not kind.looks_right(head):
                raise _refuse(
                    415,
                    "unsupported_media_type",
                    kind,
                    f"The {kind.field} is not a {kind.content_type} file.",
                )
            chunk = head
            while chunk:
                size += len(chunk)
                if size > max_bytes:
                    raise _refuse(413, "too_large", kind, f"The {kind.field} is over {max_bytes} bytes.")
                out.write(chunk)
                chunk = upload.stream.read(CHUNK)
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    return relative


def resolve(root: Path, relative: str) -> Path | None:
    """The stored file, or None when it is gone. Refuses any name that would leave `root` (defence in
    depth: names are ours, but a hand-edited row should not make us serve /etc/passwd)."""
    base = root.resolve()
    path = (base / relative).resolve()
    if not path.is_relative_to(base) or not path.is_file():
        return None
    return path


def delete_media(root: Path, *relatives: str | None) -> int:
    """Delete stored files (already missing is fine); return the bytes freed."""
    freed = 0
    base = root.resolve()
    for relative in relatives:
        if not relative:
            continue
        path = (base / relative).resolve()
        if not path.is_relative_to(base):
            log.warning("not deleting %s: outside the clips directory", relative)
            continue
        try:
            freed += path.stat().st_size
            path.unlink()
        except FileNotFoundError:
            continue
    return freed
