"""The forecast page posed for its screenshot (the product that must be ordered first, a hover read-out),
and a quick way to shoot only that page:

    python -m tests.owner_app.screenshots_forecast --out docs/screenshots
"""

from __future__ import annotations

import argparse
import functools
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication, QWidget

from core.qt.i18n import Translations
from core.qt.theme import Mode
from core.settings import ClientSettings
from owner_app.pages.forecast import ForecastPage
from owner_app.prefs import UiPrefs
from owner_app.ui.theme_state import ThemeState
from owner_app.window import OwnerWindow


def pose_forecast(page: QWidget) -> None:
    """Show the product whose order date comes first, with the cursor read-out a few days ahead."""
    from tests.owner_app.screenshots import wait

    assert isinstance(page, ForecastPage)
    rows = page.model.rows
    if page.data is None or not rows:
        return
    # one still above its reorder point, so the projected stock is seen crossing it on the order date
    above = [
        r for r in rows if r.suggestion.on_hand > r.suggestion.reorder_point and r.suggestion.reorder_date
    ]
    learnt = {f.product_id for f in page.data.forecasts if f.model == "global"}  # not a flat baseline
    first = min(
        above or rows,
        key=lambda r: (
            r.suggestion.product_id not in learnt,
            r.suggestion.reorder_date or date.max,
            -r.quantity,
        ),
    )
    page.choose("product", first.suggestion.product_id)
    wait(lambda: True, settle_ms=300)
    view = page.chart.demand.getViewBox()
    top = view.viewRange()[1][1]
    page.chart._hover(view.mapViewToScene(QPointF(4, top * 0.5)))
    wait(lambda: True, settle_ms=300)


def run(out: Path) -> None:
    from tests.owner_app.screenshots import (
        DEMO_EMAILS,
        PASSWORD,
        SIZE,
        demo_backend,
        idle,
        shoot,
        signed_in,
        wait,
    )

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    folder = Path(tempfile.mkdtemp(prefix="owner-forecast-shots-"))
    live, _store_id = demo_backend(folder)
    translations = Translations(app, ("owner",))
    try:
        runs: tuple[tuple[Mode, str], ...] = (("light", "ko"), ("dark", "en"))
        for mode, lang in runs:
            theme = ThemeState(mode)
            theme.apply(app, mode)
            translations.set_language(lang)
            window = OwnerWindow(
                ClientSettings(server_url=live.url, language=lang, theme=mode),
                UiPrefs(folder / f"prefs-{mode}.ini"),
                theme,
                translations,
                settings_path=folder / "settings.json",
            )
            window.resize(*SIZE)
            window.show()
            window.sign_in(live.url, DEMO_EMAILS["owner"], PASSWORD)
            wait(functools.partial(signed_in, window), 30)
            assert window.shell is not None
            page = window.shell.show_page("forecast")
            wait(functools.partial(idle, window), 30, settle_ms=600)
            pose_forecast(page)
            shoot(window, out / f"owner_forecast_{mode}_{lang}.png")
            window.close()
            window.deleteLater()
            wait(lambda: True)
    finally:
        live.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    run(parser.parse_args().out)


if __name__ == "__main__":
    main()
