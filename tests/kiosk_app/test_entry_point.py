"""The real entry point: `--smoke` (packaging relies on it) and `--script` (benchmarks drive it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
def run(kiosk):
    yield lambda: kiosk.controller.state == "activation" and kiosk.runtime.ready
    screen = kiosk.window.screens["activation"]
    for key in "ABCD2345":
        screen.code_pad.buttons[key].click()
    screen.submit_button.click()
    yield lambda: not screen.busy and screen.message.text()
    print("MESSAGE:", screen.message.text(), flush=True)
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "AUTOSTORE_SERVER_URL": "http://127.0.0.1:9",
    }


def test_smoke_run_paints_and_exits_zero(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk_app.main", "--smoke", "400", "--lang", "en"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "smoke check passed" in done.stderr
    assert "first frame painted" in done.stderr
    assert (tmp_path / "data" / "autostore" / "client" / "kiosk" / "kiosk.db").is_file()


def test_a_script_drives_the_real_app(tmp_path: Path) -> None:
    script = tmp_path / "drive.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kiosk_app.main",
            "--script",
            str(script),
            "--lang",
            "en",
            "--data-dir",
            str(tmp_path / "kiosk"),
        ],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "MESSAGE: The server cannot be reached" in done.stdout
    assert (tmp_path / "kiosk" / "kiosk.db").is_file()
