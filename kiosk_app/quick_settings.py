"""A first, unvalidated read of the machine's settings, so the first frame needs no pydantic.

`core.settings.load_client_settings` validates the settings file and AUTOSTORE_* variables with
pydantic-settings, which costs a third of the kiosk's cold start on a 2-core machine. The first frame
needs only a few plain values (where the local store is, language, theme, full screen), so `main` reads
those here with the standard library, and the boot worker then loads the validated settings, whose
values win for everything it sets up (server, devices, timeouts). A value of the wrong type here is
skipped, as the validated load would refuse it too.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The same place core.settings.default_settings_path() names (kept in step by a test).
APP_DIR_NAME = "autostore"
SETTINGS_FILE_NAME = "client-settings.json"
ENV_PREFIX = "AUTOSTORE_"
_TRUE = {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class QuickSettings:
    data_dir: Path
    language: str = "ko"
    theme: str = "light"
    fullscreen: bool = False
    demo_mode: bool = False


def settings_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_DIR_NAME, appauthor=False)) / SETTINGS_FILE_NAME


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False)) / "client"


def _file_values(path: Path) -> dict[str, Any]:
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return values if isinstance(values, dict) else {}


def read_quick_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> QuickSettings:
    env = os.environ if environ is None else environ
    values = _file_values(path or settings_path())

    def pick(name: str) -> Any:
        return env.get(ENV_PREFIX + name.upper(), values.get(name))

    def flag(name: str) -> bool:
        value = pick(name)
        return value if isinstance(value, bool) else str(value).lower() in _TRUE

    data_dir = pick("data_dir")
    language = pick("language")
    theme = pick("theme")
    return QuickSettings(
        data_dir=Path(data_dir) if isinstance(data_dir, str) and data_dir else default_data_dir(),
        language=language if language in ("ko", "en") else "ko",
        theme=theme if theme in ("light", "dark", "high_contrast") else "light",
        fullscreen=flag("fullscreen"),
        demo_mode=flag("demo_mode"),
    )
