"""A camera without hardware: synthetic frames (numpy only) with a 'person present' flag the demo dev
panel and tests can set, and unplug()/replug() to exercise reconnection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hardware.camera.base import Camera, CameraUnavailable
from hardware.device import Backoff

if TYPE_CHECKING:
    import numpy as np


class SimulatedCamera(Camera):
    def __init__(
        self,
        width: int = 320,
        height: int = 240,
        fps: float = 10.0,
        person_present: bool = False,
        seed: int = 0,
        backoff: Backoff | None = None,
    ) -> None:
        super().__init__("simulated camera", backoff or Backoff(initial=0.1, maximum=1.0), 3)
        if width < 32 or height < 32 or fps <= 0:
            raise ValueError("the simulated camera needs at least 32x32 pixels and fps > 0")
        self.width, self.height = width, height
        self.frame_period = 1.0 / fps
        self.person = person_present
        self.plugged = True
        self._seed = seed
        self._background: np.ndarray | None = None

    def set_person_present(self, present: bool) -> None:
        self.person = present

    def unplug(self) -> None:
        self.plugged = False

    def replug(self) -> None:
        self.plugged = True

    def preload(self) -> None:
        """Make one frame: numpy's first random numbers and array maths carry a one-off set-up cost (~25 ms of
        CPU) that the first customer's burst should not pay."""
        super().preload()
        if self.plugged and self._background is None:  # not while streaming
            self._open()
            self._read()
            self._close()

    def _open(self) -> str:
        import numpy as np

        if not self.plugged:
            raise CameraUnavailable("simulated camera unplugged")
        self._rng = np.random.default_rng(self._seed)
        # A grey wall with a vertical gradient, like a shop's back wall under a ceiling light.
        ramp = np.linspace(150, 90, self.height, dtype=np.float32)[:, None, None]
        self._background = np.broadcast_to(ramp, (self.height, self.width, 3)).astype(np.uint8)
        return self.name

    def _read(self) -> np.ndarray | None:
        import numpy as np

        if not self.plugged or self._background is None:
            return None
        image = self._background.copy()
        if self.person:
            self._draw_person(image)
        noise = self._rng.integers(-6, 7, size=image.shape, dtype=np.int16)
        noisy: np.ndarray = np.clip(image.astype(np.int16) + noise, 0, 255).astype(np.uint8)
        return noisy

    def _draw_person(self, image: np.ndarray) -> None:
        import numpy as np

        h, w = self.height, self.width
        cx, head_y, radius = w // 2, h // 3, max(4, h // 8)
        yy, xx = np.ogrid[:h, :w]
        head = (xx - cx) ** 2 + (yy - head_y) ** 2 <= radius**2
        image[head] = (140, 170, 220)  # skin tone, BGR
        shoulders = slice(head_y + radius, h), slice(max(0, cx - 2 * radius), min(w, cx + 2 * radius))
        image[shoulders] = (90, 60, 40)  # a dark jacket

    def _close(self) -> None:
        self._background = None

    def _person_present(self) -> bool | None:
        return self.person
