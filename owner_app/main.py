"""`autostore-owner`: the owner's desktop app — dashboard, inventory, products, sales and devices of the
stores the signed-in owner, staff member or support engineer may see."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

log = logging.getLogger("autostore.owner")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autostore-owner", description="AutoStore owner app.")
    parser.add_argument(
        "--server", help="backend address to offer on the sign-in form (default: from settings)"
    )
    parser.add_argument("--lang", choices=("ko", "en"), help="language (default: from settings, Korean)")
    parser.add_argument("--theme", choices=("light", "dark"), help="colour theme (default: from settings)")
    parser.add_argument("--fullscreen", action="store_true", help="fill the screen")
    parser.add_argument(
        "--smoke",
        type=int,
        metavar="MS",
        help="check the install: show the window, let it paint, quit after MS milliseconds (0: it did)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # Qt and the HTTP client load here, not at module level, so `--help` answers at once.
    from PySide6.QtWidgets import QApplication

    from core.qt.i18n import Translations
    from core.qt.smoke import run_smoke_or_exec
    from core.qt.theme import Mode
    from core.settings import load_client_settings
    from owner_app.account import token_store
    from owner_app.prefs import UiPrefs
    from owner_app.ui.theme_state import ThemeState
    from owner_app.window import OwnerWindow

    settings, _warnings = load_client_settings()
    mode: Mode = "dark" if (args.theme or settings.theme) == "dark" else "light"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("AutoStore Owner")
    app.setOrganizationName("AutoStore")
    theme = ThemeState(mode)
    theme.apply(app, mode)
    translations = Translations(app, ("owner",))
    translations.set_language(args.lang or settings.language)
    tokens, keyring_problem = token_store()
    prefs = UiPrefs()
    window = OwnerWindow(settings, prefs, theme, translations, tokens=tokens, keyring_problem=keyring_problem)
    if args.server:
        window.login_page.server.setText(args.server)  # an explicit address beats the one typed last time
    if args.fullscreen or settings.fullscreen:
        window.showFullScreen()
    else:
        window.show()
    if args.smoke is None:
        window.start()  # resume a remembered sign-in (a smoke check stays on the sign-in page)
    log.info("owner app started (language %s, theme %s)", translations.language, mode)
    return run_smoke_or_exec(app, window, args.smoke)


if __name__ == "__main__":
    sys.exit(main())
