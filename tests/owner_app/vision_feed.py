"""A real vision worker for the owner-app tests: activated with an owner's code, it uploads alerts
(multipart, with a real JPEG snapshot and a real H.264 MP4 clip) and reports its cameras."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import av
import numpy as np
import requests
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from core.client.api import ApiClient
from core.schemas.alerts import AlertOut
from core.schemas.devices import ActivationCodeCreate, DeviceKind
from core.timeutil import utcnow


@cache
def snapshot_jpeg() -> bytes:
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a6ea5"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPEG")
    return bytes(buffer.data().data())


@cache
def clip_mp4(frames: int = 30, fps: int = 10) -> bytes:
    """A 3-second 160x96 H.264 clip: long enough to scrub in."""
    out = io.BytesIO()
    with av.open(out, "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = 160, 96, "yuv420p"
        for n in range(frames):
            pixels = np.full((96, 160, 3), (n * 8) % 255, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(pixels, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return out.getvalue()


@dataclass
class VisionWorker:
    url: str
    store_id: int
    client: ApiClient
    access_token: str

    @classmethod
    def activate(cls, url: str, owner: ApiClient, store_id: int) -> VisionWorker:
        code = owner.create_activation_code(
            store_id, ActivationCodeCreate(kind=DeviceKind.vision, name="NVR")
        )
        client = ApiClient(url)
        bundle = client.activate(code.code, device_name="NVR", app_version="1.0.0")
        return cls(url, store_id, client, bundle.access_token)

    def post_alert(
        self, camera_id: str = "entrance", type_: str = "theft", media: bool = True, **extra: Any
    ) -> AlertOut:
        started: datetime = extra.pop("started_at", utcnow())
        body = {
            "id": str(uuid.uuid4()),
            "store_id": self.store_id,
            "camera_id": camera_id,
            "type": type_,
            "score": 0.9,
            "severity": "high",
            "started_at": started.isoformat(),
            "detector": type_,
            **extra,
        }
        files = (
            {
                "snapshot": ("snap.jpg", snapshot_jpeg(), "image/jpeg"),
                "clip": ("clip.mp4", clip_mp4(), "video/mp4"),
            }
            if media
            else None
        )
        response = requests.post(
            f"{self.url}/api/v1/alerts",
            data={"alert": json.dumps(body)},
            files=files,
            headers={"Authorization": f"Bearer {self.access_token}"},
            timeout=10,
        )
        assert response.status_code == 201, response.text
        return AlertOut.model_validate_json(response.content)

    def report_cameras(self, cameras: list[dict[str, Any]]) -> None:
        self.client.request("POST", "/devices/me/cameras", json={"cameras": cameras})
