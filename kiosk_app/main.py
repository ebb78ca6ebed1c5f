"""`autostore-kiosk`: the touchscreen kiosk on this machine's settings (file + AUTOSTORE_* variables).

Start-up is kept light on purpose (target: the attract screen in under a second on a 2-core machine):
only Qt and the settings load before the first paint; the local store, the HTTP client and the devices
load on a worker right after it.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger("autostore.kiosk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autostore-kiosk", description="AutoStore self-service kiosk.")
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen (kiosk mode)")
    parser.add_argument("--lang", choices=("ko", "en"), help="language (default: from settings, Korean)")
    parser.add_argument("--server", metavar="URL", help="backend URL used for activation (default: settings)")
    parser.add_argument("--data-dir", metavar="DIR", type=Path, help="where the local store lives")
    parser.add_argument(
        "--demo", action="store_true", help="demo mode: device simulators, dev panel, hot keys"
    )
    parser.add_argument("--script", metavar="FILE", type=Path, help="drive the kiosk from FILE's run(kiosk)")
    parser.add_argument(
        "--smoke",
        type=int,
        metavar="MS",
        help="check the install: show the window, let it paint, quit after MS milliseconds (0: it did)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    started = time.monotonic()
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Qt is imported here, not at module level, so `--help` answers without loading it.
    from PySide6.QtWidgets import QApplication

    from core.qt.i18n import Translations
    from core.qt.smoke import PaintCounter, run_smoke_or_exec
    from core.qt.theme import apply_theme
    from kiosk_app.assembly import build_kiosk
    from kiosk_app.options import KioskOptions
    from kiosk_app.quick_settings import read_quick_settings

    quick = read_quick_settings()  # the validated settings load on the boot worker
    options = KioskOptions(
        data_dir=args.data_dir or quick.data_dir / "kiosk",
        language=quick.language,
        demo=args.demo or quick.demo_mode,
        force_language=args.lang,
        load_settings=True,
        server_override=args.server,
    )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("AutoStore Kiosk")
    app.setOrganizationName("AutoStore")
    colours = apply_theme(app, "kiosk", quick.theme)  # type: ignore[arg-type]  # checked by the reader
    translations = Translations(app, ("kiosk",))
    kiosk = build_kiosk(app, options, translations, colours)
    kiosk.start()
    _log_first_paint(kiosk.window, started, PaintCounter)
    kiosk.window.show_kiosk(args.fullscreen or quick.fullscreen)
    if kiosk.panel is not None:
        kiosk.panel.show()
    if args.script:
        from kiosk_app.script import ScriptRunner

        ScriptRunner(kiosk, args.script).start()
    log.info("kiosk started (language %s, demo %s)", kiosk.controller.language, options.demo)
    try:
        return run_smoke_or_exec(app, kiosk.window, args.smoke)
    finally:
        kiosk.close()


def _log_first_paint(window: object, started: float, counter_class: type) -> None:
    """Log how long the first frame took: the cold-start figure the benchmarks quote."""
    from PySide6.QtCore import QTimer

    counter = counter_class(window)

    def check() -> None:
        if counter.paints:
            log.info(
                "first frame painted %.0f ms after start (%.0f ms of CPU on the GUI thread)",
                (time.monotonic() - started) * 1000,
                time.thread_time() * 1000,
            )
        else:
            QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)


if __name__ == "__main__":
    sys.exit(main())
