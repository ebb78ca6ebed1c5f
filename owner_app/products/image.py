"""Fetching a product image for the editor's preview (on a worker; no Qt here).

The backend stores an image *address* per product (it has no upload endpoint), so the preview shows what
the kiosks will load from that address. A relative address is resolved against the backend's URL.
"""

from __future__ import annotations

from urllib.parse import urljoin

import requests

MAX_IMAGE_BYTES = 5 * 1024 * 1024


class ImageUnavailable(Exception):
    """The address gave no usable image; the message says why in plain words."""


def resolve(url: str, server_url: str) -> str:
    return url if url.startswith(("http://", "https://")) else urljoin(server_url.rstrip("/") + "/", url)


def fetch_image(url: str, server_url: str, timeout_s: float = 5.0) -> bytes:
    address = resolve(url.strip(), server_url)
    try:
        with requests.get(address, timeout=timeout_s, stream=True) as response:
            if response.status_code != 200:
                raise ImageUnavailable(f"HTTP {response.status_code}")
            kind = response.headers.get("Content-Type", "")
            if kind and not kind.startswith("image/"):
                raise ImageUnavailable(f"not an image ({kind.split(';')[0]})")
            data = b""
            for chunk in response.iter_content(64 * 1024):
                data += chunk
                if len(data) > MAX_IMAGE_BYTES:
                    raise ImageUnavailable("larger than 5 MB")
            return data
    except requests.RequestException as exc:
        raise ImageUnavailable(type(exc).__name__) from exc
