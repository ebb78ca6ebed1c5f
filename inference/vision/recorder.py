"""Turns an incident into a queued alert at once (with its snapshot), then adds the clip when the seconds
after the detection have been seen: pre-roll from the ring buffer, post-roll from the frames that follow.
With `notify_before_clip` off, the alert waits and goes out once, snapshot and clip together.

Encoding runs on a small thread pool so the camera loop never waits for x264.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from inference.vision.disk_queue import CLIP, SNAPSHOT, DiskQueue
from inference.vision.events import Incident
from inference.vision.frames import FrameRing, VideoFrame
from inference.vision.media import snapshot_jpeg, write_mp4

log = logging.getLogger(__name__)


def alert_payload(incident: Incident) -> dict[str, Any]:
    """The AlertCreate body, less `store_id` (the sender adds the device's store)."""
    started = incident.at - timedelta(seconds=max(0.0, incident.t - incident.started_t))
    details = {k: v for k, v in incident.details.items() if isinstance(v, str | int | float | bool)}
    return {
        "id": incident.id,
        "camera_id": incident.camera,
        "type": incident.kind,
        "score": round(min(max(incident.score, 0.0), 1.0), 4),
        "severity": incident.severity,
        "started_at": started.isoformat(),
        "ended_at": None,
        "detector": incident.detector,
        "details": details,
    }


@dataclass
class _Recording:
    incident: Incident
    frames: list[VideoFrame]
    until_t: float
    snapshot: bytes = b""  # kept here until the clip is ready when the alert waits for its clip


class IncidentRecorder:
    def __init__(
        self,
        queue: DiskQueue,
        ring: FrameRing,
        fps: float,
        pre_s: float,
        post_s: float,
        notify_before_clip: bool = True,
    ) -> None:
        self.queue = queue
        self.notify_before_clip = notify_before_clip
        self.ring = ring
        self.fps = fps
        self.pre_s = pre_s
        self.post_s = post_s
        self._open: list[_Recording] = []
        self._encoder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clip-encoder")
        self._futures: list[Future[None]] = []

    def start(self, incident: Incident, frame: VideoFrame) -> None:
        label = f"{incident.kind} {incident.score:.2f}"
        snapshot = snapshot_jpeg(frame.image, incident.box, label)
        wants_clip = self.pre_s + self.post_s > 0
        if self.notify_before_clip or not wants_clip:
            self.queue.enqueue(alert_payload(incident), {SNAPSHOT: snapshot}, clip_expected=wants_clip)
        log.warning(
            "%s alert on camera %s (score %.2f, %s)",
            incident.kind,
            incident.camera,
            incident.score,
            incident.id,
        )
        if wants_clip:
            pre = self.ring.since(incident.t - self.pre_s)
            held = b"" if self.notify_before_clip else snapshot
            self._open.append(_Recording(incident, pre, incident.t + self.post_s, held))

    def add(self, frame: VideoFrame) -> None:
        """Every analysed frame, in order; finishes recordings whose post-roll is complete."""
        still_open = []
        for recording in self._open:
            newest = recording.frames[-1].t if recording.frames else float("-inf")
            if frame.t > newest:  # the detection frame is already in the pre-roll
                recording.frames.append(frame)
            if frame.t >= recording.until_t:
                self._finish(recording)
            else:
                still_open.append(recording)
        self._open = still_open

    def flush(self) -> None:
        """The source ended: finish open recordings with what there is, and wait for the encoder."""
        for recording in self._open:
            self._finish(recording)
        self._open = []
        for future in self._futures:
            future.exception()  # waits; errors were already logged by _encode
        self._futures = []

    def close(self) -> None:
        self.flush()
        self._encoder.shutdown(wait=True)

    def _finish(self, recording: _Recording) -> None:
        self._futures = [f for f in self._futures if not f.done()]
        self._futures.append(self._encoder.submit(self._encode, recording, list(recording.frames)))

    def _encode(self, recording: _Recording, frames: list[VideoFrame]) -> None:
        incident = recording.incident
        try:
            with TemporaryDirectory(prefix="autostore-clip-") as folder:
                path = Path(folder) / CLIP
                write_mp4([f.image for f in frames], self.fps, path)
                data = path.read_bytes()
        except Exception as exc:
            log.exception("clip for alert %s failed", incident.id)
            if recording.snapshot:  # the alert is still here: send it without a clip
                self.queue.enqueue(
                    alert_payload(incident), {SNAPSHOT: recording.snapshot}, clip_expected=False
                )
            else:
                self.queue.give_up_clip(incident.id, f"clip encoding failed: {exc}")
            return
        if recording.snapshot:
            self.queue.enqueue(alert_payload(incident), {SNAPSHOT: recording.snapshot, CLIP: data})
        elif not self.queue.attach(incident.id, CLIP, data):
            log.info("alert %s left the queue before its clip was ready", incident.id)
