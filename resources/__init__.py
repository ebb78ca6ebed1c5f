"""Static files shipped with the apps: QSS themes, translations, icons, demo data, firmware sketches.

Code finds them through `resources_dir()` rather than a path relative to its own module, so the same call
works from a source checkout, an installed wheel and a PyInstaller bundle (where files live under
`sys._MEIPASS`).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Resolved once: resolve() costs a system call per part of the path, and product tiles ask by the dozen.
_HERE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding `themes/`, `translations/` and the other resource folders."""
    bundle_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle_root:
        return Path(bundle_root) / "resources"
    return _HERE


def resource_path(*parts: str) -> Path:
    """A file or folder under `resources_dir()`, e.g. `resource_path("themes", "kiosk.qss")`."""
    return resources_dir().joinpath(*parts)
