"""ClientSettings: defaults, the JSON file, env overrides, and recovery from a bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.settings import ClientSettings, load_client_settings, save_client_settings


@pytest.fixture(autouse=True)
def _no_autostore_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for name in list(os.environ):
        if name.startswith("AUTOSTORE_"):
            monkeypatch.delenv(name)


def test_missing_file_gives_defaults_without_warnings(tmp_path: Path) -> None:
    settings, warnings = load_client_settings(tmp_path / "absent.json")
    assert warnings == []
    assert settings.server_url == "http://127.0.0.1:8700"
    assert (settings.language, settings.sensor_url, settings.card_reader_url, settings.camera_url) == (
        "ko",
        "sim:",
        "sim:",
        "sim:",
    )


def test_saved_settings_load_back(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "client-settings.json"
    original = ClientSettings(
        language="en", theme="dark", data_dir=tmp_path / "data", sensor_url="serial:///dev/x"
    )
    save_client_settings(original, path)
    loaded, warnings = load_client_settings(path)
    assert warnings == []
    assert loaded == original
    assert not list(path.parent.glob("*.tmp"))


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "could not be read as JSON"),
        ("[1, 2]", "does not hold a JSON object"),
        (json.dumps({"language": "fr"}), "language"),
        (json.dumps({"server_ulr": "http://x"}), "server_ulr"),  # an unknown key (a typo) is rejected
        (b"\xff\xfe\x00garbage", "could not be read"),
    ],
)
def test_a_bad_file_gives_defaults_a_warning_and_is_kept_aside(
    tmp_path: Path, content: str | bytes, expected: str
) -> None:
    path = tmp_path / "client-settings.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    settings, warnings = load_client_settings(path)
    assert settings == ClientSettings()
    assert len(warnings) == 1 and expected in warnings[0]
    assert "Using defaults" in warnings[0]
    aside = tmp_path / "client-settings.json.corrupt"
    assert aside.exists() and not path.exists()
    assert str(aside) in warnings[0]
    # The next start finds no file and says nothing more.
    assert load_client_settings(path)[1] == []


def test_env_vars_override_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"language": "ko", "theme": "dark"}))
    monkeypatch.setenv("AUTOSTORE_LANGUAGE", "en")
    monkeypatch.setenv("AUTOSTORE_SERVER_URL", "https://shop.example:8443")
    monkeypatch.setenv("AUTOSTORE_DATABASE_URL", "sqlite:///backend-only.db")  # a backend setting: ignored
    settings, warnings = load_client_settings(path)
    assert warnings == []
    assert (settings.language, settings.theme, settings.server_url) == (
        "en",
        "dark",
        "https://shop.example:8443",
    )


def test_an_invalid_env_var_is_ignored_with_a_warning_and_the_file_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"theme": "dark"}))
    monkeypatch.setenv("AUTOSTORE_LANGUAGE", "fr")
    settings, warnings = load_client_settings(path)
    assert settings.theme == "dark" and settings.language == "ko"
    assert len(warnings) == 1 and "AUTOSTORE_" in warnings[0] and "language" in warnings[0]
    assert path.exists()


def test_unknown_keys_are_rejected_in_code_too() -> None:
    with pytest.raises(ValueError, match="server_ulr"):
        ClientSettings(server_ulr="http://x")  # type: ignore[call-arg]
