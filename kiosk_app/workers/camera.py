"""The camera: when a customer approaches, a short burst of frames goes to a pluggable analyser.

The camera is opened for the burst and closed after it, on a worker thread, so the lens is not streaming
while nobody stands at the kiosk. OpenCV (and any inference the analyser loads) is never imported before the
first frame is up: `warm_up()` imports it on that same thread a moment after start-up, before any customer
arrives. Face analysis is a later feature; the default analyser only counts frames, which proves the path
end to end.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from core.qt.tasks import TaskHandle, TaskRunner

if TYPE_CHECKING:
    from hardware.camera import Camera, FrameAnalyser

log = logging.getLogger("autostore.kiosk.camera")


class CameraWorker(QObject):
    analysed = Signal(object)  # the analyser's findings (a JSON-able dict)
    health_changed = Signal(str)

    def __init__(
        self,
        url: str,
        analyser: FrameAnalyser | None = None,
        *,
        frames: int = 5,
        interval_s: float = 0.2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.url = url
        self.analyser = analyser
        self.frames = frames
        self.interval_s = interval_s
        self.camera: Camera | None = None
        self.health_text = "idle"
        self.last_findings: dict[str, Any] | None = None
        self.person_present = False  # the simulator's ground truth, set from the demo panel
        self._runner = TaskRunner(max_threads=1, name="camera", parent=self)
        self._busy: TaskHandle | None = None
        self.stopped = False

    @property
    def busy(self) -> bool:
        return self._busy is not None and not self._busy.done

    def capture_burst(self) -> TaskHandle | None:
        """Start a burst unless one is running; the findings arrive as `analysed`."""
        if self.busy or self.stopped:
            return None
        handle = self._runner.submit(self._burst)
        handle.finished.connect(self._on_findings)
        handle.failed.connect(self._on_failed)
        self._busy = handle
        return handle

    def warm_up(self) -> TaskHandle | None:
        """Build the camera and import its driver (numpy, OpenCV) and the analyser's models now, while
        nobody is at the kiosk: done at the first approach, those imports held the interpreter lock for
        tens of ms while the GUI thread drew the customer's catalogue (bench/kiosk_bench.py)."""
        if self.stopped:
            return None
        handle = self._runner.submit(self._prepare)  # one thread: a burst asked meanwhile waits its turn
        handle.failed.connect(self._on_failed)
        return handle

    def _open(self) -> Camera:  # on the camera's worker thread (one thread: no race)
        from hardware.camera import open_camera

        if self.camera is None:
            self.camera = open_camera(self.url)
        return self.camera

    def _prepare(self) -> None:  # on the camera's worker thread
        self._open().preload()
        preload = getattr(self.analyser, "preload", None)
        if callable(preload):
            preload()

    def _burst(self) -> dict[str, Any]:  # on the camera's worker thread
        from hardware.camera import NoOpAnalyser, SimulatedCamera

        camera = self._open()
        if isinstance(camera, SimulatedCamera):
            camera.set_person_present(self.person_present)
        camera.start()
        try:
            burst = camera.capture_burst(self.frames, self.interval_s, timeout=self.frames * 1.0 + 3.0)
        finally:
            camera.stop()
        analyser = self.analyser or NoOpAnalyser()
        findings = dict(analyser.analyse(burst))
        findings.setdefault("frames", len(burst))
        return findings

    def _on_findings(self, findings: dict[str, Any]) -> None:
        self.last_findings = findings
        self.health_text = f"last burst: {findings.get('frames', 0)} frame(s)"
        self.health_changed.emit(self.health_text)
        self.analysed.emit(findings)

    def _on_failed(self, error: BaseException) -> None:
        log.warning("camera burst failed: %s", error)
        self.health_text = f"error: {error}"
        self.health_changed.emit(self.health_text)

    def stop(self) -> None:
        self.stopped = True
        self._runner.shutdown(timeout=2.0)
        if self.camera is not None:
            self.camera.stop()
