"""The kiosk's PyInstaller bundle builds from the spec in the repository and starts (offscreen)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.mark.skipif(
    shutil.which("pyinstaller", path=str(Path(sys.executable).parent)) is None,
    reason="PyInstaller is not installed in this environment",
)
def test_kiosk_bundle_builds_and_starts(tmp_path: Path) -> None:
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(ROOT / "packaging" / "autostore-kiosk.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stderr[-4000:]
    bundle = dist / "autostore-kiosk"
    executable = bundle / "autostore-kiosk"
    assert executable.is_file()
    # The shells must stay lean: the ML stack and the backend are never bundled.
    internal = bundle / "_internal"
    for heavy in ("torch", "backend", "fastapi", "sklearn"):
        assert not (internal / heavy).exists(), f"{heavy} was bundled"
    assert (internal / "resources" / "themes" / "kiosk.qss").is_file()
    assert (internal / "resources" / "translations" / "kiosk_ko.qm").is_file()

    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    run = subprocess.run(
        [str(executable), "--smoke", "1000", "--lang", "ko"],
        cwd=tmp_path,  # not the checkout: the bundle must not read files from the source tree
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert "smoke check passed" in run.stderr
    assert "Traceback" not in run.stderr, run.stderr[-4000:]  # e.g. a module the bundle left out
    assert "translation" not in run.stderr  # the Korean catalogue was found inside the bundle
