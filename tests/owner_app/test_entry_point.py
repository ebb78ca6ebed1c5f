"""The real entry point starts, paints its window and exits cleanly (`--smoke`), in both languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(("lang", "theme"), [("ko", "light"), ("en", "dark")])
def test_entry_point_smoke_run_exits_zero(tmp_path: Path, lang: str, theme: str) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "owner_app.main", "--smoke", "300", "--lang", lang, "--theme", theme],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "smoke check passed" in done.stderr
    assert "Traceback" not in done.stderr
