"""Putting one kiosk together: runtime, controller, window, the scanner and idle filters, demo hooks.

`main` uses it, and so do tests and scripts, so the kiosk they drive is the one customers see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from core.qt.i18n import Translations
from core.qt.theme import ThemePalette
from kiosk_app.barcode import BarcodeListener
from kiosk_app.boot import peek_local_db
from kiosk_app.controller import KioskController
from kiosk_app.demo_panel import DemoDriver, DevPanel
from kiosk_app.options import KioskOptions
from kiosk_app.runtime import KioskRuntime
from kiosk_app.window import KioskWindow


class BootAfterFirstPaint(QObject):
    """Calls `boot` right after the window's first paint (or after `fallback_ms`, whichever is first)."""

    def __init__(self, window: QWidget, boot: Callable[[], None], fallback_ms: int = 1000) -> None:
        super().__init__(window)
        self._window = window
        self._boot: Callable[[], None] | None = boot
        window.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._boot is not None:
            QTimer.singleShot(0, self._fire)
        return False

    def _fire(self) -> None:
        boot, self._boot = self._boot, None
        if boot is not None:
            self._window.removeEventFilter(self)
            boot()


@dataclass
class Kiosk:
    app: QApplication
    runtime: KioskRuntime
    controller: KioskController
    window: KioskWindow
    barcode: BarcodeListener
    demo: DemoDriver
    panel: DevPanel | None = None
    _boot_hook: BootAfterFirstPaint | None = None

    def start(self) -> None:
        """Paint the screen the local store suggests, then boot the rest on a worker."""
        peek = peek_local_db(self.runtime.options.data_dir)
        options = self.runtime.options
        language = options.force_language or peek.language or options.language
        self.window.apply_language(language)
        self.controller.language = language
        self.controller.start(peek.activated, language)
        if peek.store_name:
            self.window.header.store_name.setText(peek.store_name)
            self.window.attract_screen().set_store(peek.store_name, [])
        # Boot once the first frame is up: the worker's imports would compete with it for the GIL.
        self._boot_hook = BootAfterFirstPaint(self.window, self.runtime.boot)

    def close(self) -> None:
        self.app.removeEventFilter(self.barcode)
        self.app.removeEventFilter(self.controller.idle)
        if self.panel is not None:
            self.panel.close()
        self.window.close()  # shuts the runtime down


def build_kiosk(
    app: QApplication, options: KioskOptions, translations: Translations, colours: ThemePalette
) -> Kiosk:
    runtime = KioskRuntime(options)
    controller = KioskController(runtime)
    window = KioskWindow(controller, translations, colours)
    barcode = BarcodeListener(window)
    barcode.scanned.connect(controller.scan)
    app.installEventFilter(barcode)
    app.installEventFilter(controller.idle)
    demo = DemoDriver(controller)
    panel = None
    if options.demo:
        barcode.hot_key.connect(demo.hot_key)
        panel = DevPanel(demo)
    controller.exit_requested.connect(app.quit)
    return Kiosk(app, runtime, controller, window, barcode, demo, panel)
