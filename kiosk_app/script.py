"""`autostore-kiosk --script FILE`: drive the real kiosk from a Python file, for demos and benchmarks.

The file defines `run(kiosk)`, a generator. It yields what to wait for, and the kiosk's event loop keeps
running meanwhile (nothing blocks the GUI thread):

    def run(kiosk):
        yield lambda: kiosk.controller.state == "attract"   # wait until true (polled every 10 ms)
        kiosk.demo.run("approach")                           # the demo driver's simulator actions
        yield 500                                            # wait 500 ms
        kiosk.controller.begin_shopping()

When the generator ends the app quits with status 0; an exception, or a wait that lasts longer than
`STEP_TIMEOUT_S`, quits with status 1.
"""

from __future__ import annotations

import logging
import runpy
import time
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from kiosk_app.assembly import Kiosk

log = logging.getLogger("autostore.kiosk.script")
POLL_MS = 10
STEP_TIMEOUT_S = 120.0

Step = int | float | Callable[[], bool] | None


class ScriptRunner(QObject):
    def __init__(self, kiosk: Kiosk, path: Path) -> None:
        super().__init__(kiosk.window)
        self.kiosk = kiosk
        namespace = runpy.run_path(str(path))
        if not callable(namespace.get("run")):
            raise ValueError(f"{path} defines no run(kiosk) generator")
        self._steps: Generator[Step, Any, Any] = namespace["run"](kiosk)
        self._waiting: Callable[[], bool] | None = None
        self._deadline = 0.0
        self._poll = QTimer(self)
        self._poll.timeout.connect(self._check)

    def start(self) -> None:
        QTimer.singleShot(0, self._advance)

    def _advance(self) -> None:
        try:
            step = next(self._steps)
        except StopIteration:
            log.info("script finished")
            self.kiosk.app.exit(0)
            return
        except Exception:
            log.exception("script failed")
            self.kiosk.app.exit(1)
            return
        if callable(step):
            self._waiting = step
            self._deadline = time.monotonic() + STEP_TIMEOUT_S
            self._poll.start(POLL_MS)
        else:
            QTimer.singleShot(int(step or 0), self._advance)

    def _check(self) -> None:
        assert self._waiting is not None
        try:
            done = self._waiting()
        except Exception:
            log.exception("script wait condition failed")
            self._poll.stop()
            self.kiosk.app.exit(1)
            return
        if done:
            self._poll.stop()
            self._advance()
        elif time.monotonic() > self._deadline:
            self._poll.stop()
            log.error("script step timed out after %.0f s", STEP_TIMEOUT_S)
            self.kiosk.app.exit(1)
