"""Signing in to the owner app against a real backend: the shell with the caller's stores and pages,
readable failures, the sign-in remembered in the keyring for the next start, and signing out."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from owner_app.pages.dashboard import DashboardPage
from owner_app.window import OwnerWindow
from tests.owner_app.conftest import WAIT_MS, Live, WindowFactory, sign_in, wait_idle
from tests.support.live_backend import free_port


def type_and_submit(qtbot: QtBot, window: OwnerWindow, url: str, email: str, password: str) -> None:
    page = window.login_page
    page.server.setText(url)
    page.email.setText(email)
    page.password.setText(password)
    page.button.click()


def test_owner_signs_in_and_sees_their_stores(qtbot: QtBot, make_window: WindowFactory, live: Live) -> None:
    window = make_window()
    with qtbot.waitSignal(window.signed_in, timeout=WAIT_MS):
        type_and_submit(qtbot, window, live.url, live.world.emails["owner_a"], "correct-horse-battery")
    shell = window.shell
    assert shell is not None and window.stack.currentWidget() is shell
    names = [shell.stores.itemText(i) for i in range(shell.stores.count())]
    assert names == ["A Gangnam", "A Mapo"]  # brand A's stores only, never brand B's
    assert shell.stores.isEnabled()  # several stores: the switcher is live
    assert list(shell.pages) == [
        "dashboard",
        "inventory",
        "products",
        "alerts",
        "sales",
        "forecast",
        "devices",
    ]
    assert isinstance(shell.current_page(), DashboardPage)
    assert window.login_page.password.text() == ""  # the password does not linger in the form
    assert shell.user_name.text() == "Owner A"
    wait_idle(qtbot, window)
    page = shell.current_page()
    assert isinstance(page, DashboardPage) and page.data is not None
    assert page.data.store.name == "A Gangnam"


def test_wrong_password_reads_as_a_sentence(qtbot: QtBot, make_window: WindowFactory, live: Live) -> None:
    window = make_window()
    type_and_submit(qtbot, window, live.url, live.world.emails["owner_a"], "not-the-password")
    assert not window.login_page.button.isEnabled()  # busy while the worker talks to the server
    qtbot.waitUntil(window.login_page.error.isVisible, timeout=WAIT_MS)
    assert window.login_page.error.text() == "Wrong e-mail or password."
    assert window.login_page.button.isEnabled()
    assert window.shell is None


def test_unreachable_server_says_so(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    type_and_submit(qtbot, window, f"http://127.0.0.1:{free_port()}", "owner@a.test", "whatever-password")
    qtbot.waitUntil(window.login_page.error.isVisible, timeout=30_000)
    assert window.login_page.error.text().startswith("Cannot reach the server")


def test_form_checks_its_input_before_calling(qtbot: QtBot, make_window: WindowFactory) -> None:
    window = make_window()
    type_and_submit(qtbot, window, "localhost:8700", "owner@a.test", "pw")
    assert "http://" in window.login_page.error.text()
    type_and_submit(qtbot, window, "http://127.0.0.1:8700", "", "")
    assert window.login_page.error.text() == "Enter your e-mail and password."
    assert window.tasks.pending == 0


def test_sign_in_is_remembered_until_sign_out(qtbot: QtBot, make_window: WindowFactory, live: Live) -> None:
    first = make_window("first.ini")
    sign_in(qtbot, first, live)
    assert first.tokens is not None and first.tokens.refresh_token  # kept in the (test) keyring
    first.close()

    second = make_window("first.ini")  # a new start of the app on the same machine
    assert second.login_page.email.text() == live.world.emails["owner_a"]
    with qtbot.waitSignal(second.signed_in, timeout=WAIT_MS):
        second.start()  # no password typed: the refresh token in the keyring is enough
    assert second.context is not None and second.context.account.principal.display_name == "Owner A"

    with qtbot.waitSignal(second.signed_out, timeout=WAIT_MS):
        second.sign_out()
    assert second.stack.currentWidget() is second.login_page
    qtbot.waitUntil(
        lambda: second.tokens is not None and second.tokens.refresh_token is None, timeout=WAIT_MS
    )

    third = make_window("first.ini")
    third.start()
    assert not third.login_page.button.text().startswith("Signing")  # nothing to resume: it waits
    assert third.tasks.pending == 0


def test_staff_sees_one_store_and_cannot_manage_devices(
    qtbot: QtBot, make_window: WindowFactory, live: Live
) -> None:
    window = make_window()
    sign_in(qtbot, window, live, "staff_a1")
    shell = window.shell
    assert shell is not None
    assert shell.stores.count() == 1 and not shell.stores.isEnabled()
    devices = shell.show_page("devices")
    wait_idle(qtbot, window)
    assert not devices.register_button.isEnabled()  # type: ignore[attr-defined]
    inventory = shell.show_page("inventory")
    wait_idle(qtbot, window)
    from owner_app.inventory.rows import Field

    assert inventory.editable_fields() == frozenset(  # type: ignore[attr-defined]
        {Field.quantity, Field.reorder_level, Field.shelf_location}
    )  # stock yes, brand-wide prices no
