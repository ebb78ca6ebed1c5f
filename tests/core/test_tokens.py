"""TokenStore: secrets in the keyring, and a typed, actionable failure instead of a plaintext fallback."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from core.keyring_memory import MemoryKeyring
from core.tokens import TokenStorageUnavailable, TokenStore


def test_the_memory_keyring_is_the_test_backend() -> None:
    assert isinstance(keyring.get_keyring(), MemoryKeyring)


def test_refresh_token_round_trip_rotation_and_clear() -> None:
    store = TokenStore("autostore-owner", "owner@a.test")
    assert store.refresh_token is None
    store.set_refresh_token("first")
    store.set_refresh_token("rotated")
    store.set_device_id("dev-1")
    store.set_server_url("http://127.0.0.1:8700")
    store.set_refresh_retry_key("retry-key-of-a-refresh-in-flight")
    again = TokenStore("autostore-owner", "owner@a.test")  # another instance sees the same keyring
    assert (again.refresh_token, again.device_id, again.server_url, again.refresh_retry_key) == (
        "rotated",
        "dev-1",
        "http://127.0.0.1:8700",
        "retry-key-of-a-refresh-in-flight",
    )
    store.clear()
    assert again.refresh_token is None and again.device_id is None and again.refresh_retry_key is None
    store.clear()  # clearing twice is fine


def test_apps_and_accounts_do_not_share_secrets() -> None:
    TokenStore("autostore-kiosk", "device").set_refresh_token("kiosk-secret")
    TokenStore("autostore-owner", "device").set_refresh_token("owner-secret")
    TokenStore("autostore-owner", "other").set_refresh_token("other-secret")
    assert TokenStore("autostore-kiosk", "device").refresh_token == "kiosk-secret"
    assert TokenStore("autostore-owner", "device").refresh_token == "owner-secret"


def test_no_keyring_raises_a_typed_actionable_error() -> None:
    store = TokenStore("autostore-kiosk", "device", backend=fail.Keyring())  # type: ignore[no-untyped-call]
    with pytest.raises(TokenStorageUnavailable, match="gnome-keyring") as caught:
        store.ensure_available()
    assert "PYTHON_KEYRING_BACKEND" in str(caught.value)
    with pytest.raises(TokenStorageUnavailable):
        store.set_refresh_token("secret")


def test_no_keyring_via_auto_detection_also_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    with pytest.raises(TokenStorageUnavailable):
        TokenStore("autostore-owner").set_refresh_token("secret")


def test_a_plaintext_backend_nobody_chose_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    """Auto-detection on a headless box with keyrings.alt installed lands on a plaintext file: refuse it."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.setattr("keyring.core.load_config", lambda: None)
    plaintext = PlaintextKeyring()
    plaintext.file_path = str(tmp_path) + "/keyring.cfg"
    store = TokenStore("autostore-owner", backend=plaintext)
    with pytest.raises(TokenStorageUnavailable, match="non-recommended"):
        store.set_refresh_token("secret")


def test_a_backend_chosen_explicitly_is_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "core.keyring_memory.MemoryKeyring")
    store = TokenStore("autostore-owner", backend=MemoryKeyring())  # type: ignore[no-untyped-call]
    store.set_refresh_token("secret")
    assert store.refresh_token == "secret"
