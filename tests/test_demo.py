"""`autostore demo --headless` end to end (a real backend process, real HTTP), and its failure reporting."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from autostore import demo
from autostore.demo_scenario import run_scenario
from backend.app import create_app
from backend.seed import DEMO_EMAILS as SEEDED_EMAILS
from backend.settings import BackendSettings
from tests.backend.world import PASSWORD, build_world
from tests.support.live_backend import free_port, live_backend


def test_demo_logins_match_the_seed() -> None:
    assert demo.DEMO_EMAILS == SEEDED_EMAILS


@pytest.mark.slow
def test_headless_demo_runs_the_whole_scenario(tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUTOSTORE_")}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "autostore.cli",
            "demo",
            "--headless",
            "--data-dir",
            str(tmp_path),
            "--port",
            str(port),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    steps = re.findall(r"^\[\s*(\d+)/13\] ", out, re.MULTILINE)
    assert steps == [str(n) for n in range(1, 14)], out
    assert "declined (do_not_honor)" in out
    assert re.search(r"Kiosk posts the order: order \S+ paid", out)
    assert "Owner receives order.created" in out
    # The real kiosk app, offscreen: activated with the owner's code, a sale paid by the simulated card,
    # its receipt showing the backend's order number, and the owner finding that order.
    assert re.search(r"^\s+activated with code \S+ for ", out, re.MULTILINE), out
    assert "a customer approaches: welcome screen" in out
    receipt = re.search(r"receipt on screen: total (.+), approval (\S+), order (\S+)", out)
    assert receipt and receipt.group(2) != "None", out
    seen = re.search(r"Owner sees the kiosk app's order: order (\S+) paid", out)
    assert seen and seen.group(1) == receipt.group(3), out
    assert "Demo passed" in out
    assert "Backend stopped." in out
    assert demo.port_is_free(port), "the backend outlived the demo"
    assert (tmp_path / "autostore.db").is_file() and (tmp_path / "backend.log").is_file()


def test_scenario_names_the_failing_step(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = BackendSettings(
        database_url=f"sqlite:///{tmp_path / 'demo.db'}",
        secret_key="demo-test-secret-0123456789abc",
        data_dir=tmp_path,
    )
    app = create_app(settings)
    world = build_world(app.state.autostore.db)
    with live_backend(app) as server:
        assert run_scenario(server.url, world.emails["owner_a"], PASSWORD + "-wrong") == 1
    out = capsys.readouterr().out
    assert "FAILED at step 1 (Owner signs in)" in out
    assert "e-mail address or password" in out


def test_gui_mode_without_a_display_asks_for_headless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    args = argparse.Namespace(headless=False, data_dir=str(tmp_path), port=None)
    assert demo.run_demo(args) == 2
    assert "--headless" in capsys.readouterr().err


def test_a_taken_port_is_refused(tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        with pytest.raises(demo.DemoError, match="already in use"):
            demo.pick_port(sock.getsockname()[1])
