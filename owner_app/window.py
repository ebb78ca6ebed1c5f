"""`OwnerWindow`: the sign-in page until someone is signed in, then the shell with its pages.

A remembered sign-in (refresh token in the OS keyring) is resumed at start. Signing in builds the
session's parts — AppContext, the connectivity monitor, the live event feed, desktop notifications and the
shell — and signing out (or the server ending the session) takes them down again.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from core.client.api import ApiClient
from core.qt.i18n import Translations
from core.qt.tasks import TaskRunner
from core.settings import ClientSettings, save_client_settings
from core.tokens import TokenStore
from owner_app import account as accounts
from owner_app.connectivity import ConnectivityMonitor
from owner_app.context import AppContext
from owner_app.errors import error_text
from owner_app.live_events import EventFeed
from owner_app.login import LoginPage
from owner_app.notifications import Notifier
from owner_app.prefs import UiPrefs
from owner_app.settings_dialog import SettingsDialog
from owner_app.shell import Shell
from owner_app.ui.theme_state import ThemeState
from resources import resource_path

log = logging.getLogger("autostore.owner")


class OwnerWindow(QMainWindow):
    signed_in = Signal()
    signed_out = Signal()

    def __init__(
        self,
        settings: ClientSettings,
        prefs: UiPrefs,
        theme: ThemeState,
        translations: Translations | None = None,
        *,
        tokens: TokenStore | None = None,
        keyring_problem: str = "",
        settings_path: Path | None = None,
        tasks: TaskRunner | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("OwnerWindow")
        self.setWindowIcon(QIcon(str(resource_path("owner", "logo.svg"))))
        self.settings = settings
        self.prefs = prefs
        self.theme = theme
        self.translations = translations
        self.tokens = tokens
        self.settings_path = settings_path
        self.tasks = tasks or TaskRunner(name="owner-network", parent=self)
        self.context: AppContext | None = None
        self.shell: Shell | None = None
        self.feed: EventFeed | None = None
        self.monitor: ConnectivityMonitor | None = None
        self.notifier: Notifier | None = None
        server = prefs.last_server() or settings.server_url
        self.login_page = LoginPage(server, prefs.last_email(), keyring_problem)
        self.login_page.submitted.connect(self.sign_in)
        self.login_page.language_requested.connect(self.set_language)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.login_page)
        self.setCentralWidget(self.stack)
        self.statusBar().setSizeGripEnabled(False)
        self.setMinimumSize(1100, 680)
        self.resize(1440, 900)
        geometry, state = prefs.window_geometry(), prefs.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        self.retranslate()

    # -- signing in and out -------------------------------------------------------------------------------
    def start(self) -> None:
        """Resume a remembered sign-in, or wait on the sign-in page."""
        if accounts.saved_server(self.tokens) is None or self.tokens is None:
            return
        self.login_page.set_busy(True, self.tr("Signing you in…"))
        handle = self.tasks.submit(accounts.resume, self.tokens)
        handle.finished.connect(lambda result: self._enter(*result))
        handle.failed.connect(self._resume_failed)

    def _resume_failed(self, error: BaseException) -> None:
        self.login_page.set_busy(False)
        self.login_page.show_error(error_text(error))

    def sign_in(self, server_url: str, email: str, password: str) -> None:
        self.login_page.set_busy(True)
        handle = self.tasks.submit(accounts.sign_in, server_url, email, password, self.tokens)
        handle.finished.connect(lambda result: self._enter(*result))
        handle.failed.connect(self._sign_in_failed)
        self.prefs.remember_sign_in(server_url, email)

    def _sign_in_failed(self, error: BaseException) -> None:
        self.login_page.set_busy(False)
        self.login_page.show_error(error_text(error, signing_in=True))

    def _enter(self, client: ApiClient, account: accounts.Account) -> None:
        self.login_page.set_busy(False)
        self.login_page.password.clear()
        self.login_page.show_error("")
        if not account.stores:
            client.close()
            self.login_page.show_error(self.tr("This account has no store to look after yet."))
            return
        context = AppContext(client, account, self.tasks, self.prefs, self)
        self.context = context
        self.monitor = ConnectivityMonitor(context)
        self.feed = EventFeed(context)
        self.notifier = Notifier(context, self.windowIcon())
        self.shell = Shell(context, self.theme)
        self.shell.sign_out_requested.connect(self.sign_out)
        self.shell.settings_requested.connect(self.open_settings)
        self.shell.page_changed.connect(self._page_changed)
        context.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        context.session_ended.connect(self._session_ended)
        context.store_changed.connect(lambda _s: self.retranslate())
        self.feed.connected_changed.connect(self.shell.set_live)
        self.stack.addWidget(self.shell)
        self.stack.setCurrentWidget(self.shell)
        self.shell.show_page(self.prefs.last_page())
        self.feed.start()
        self.statusBar().showMessage(self.tr("Signed in to %1").replace("%1", client.base_url), 5000)
        self.signed_in.emit()

    def _leave(self) -> ApiClient | None:
        """Take the session's parts down; returns its client for the caller to close or sign out with."""
        if self.feed is not None:
            self.feed.stop()
        if self.notifier is not None:
            self.notifier.close()
        client = self.context.client if self.context else None
        if self.shell is not None:
            self.stack.removeWidget(self.shell)
            self.shell.deleteLater()
        if self.context is not None:
            self.context.close()
            self.context.deleteLater()
        self.shell = self.context = self.feed = self.monitor = self.notifier = None
        self.stack.setCurrentWidget(self.login_page)
        self.retranslate()
        return client

    def sign_out(self) -> None:
        client = self._leave()
        if client is not None:
            self.tasks.submit(accounts.sign_out, client)  # tells the server when it answers; forgets here
        self.signed_out.emit()

    def _session_ended(self, reason: str) -> None:
        if self.context is None:
            return
        client = self._leave()
        if client is not None:
            client.forget_tokens()
            client.close()
        self.login_page.show_error(reason)
        self.signed_out.emit()

    # -- preferences --------------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(
            self.prefs, self.settings.language, self.theme.mode, self.settings.server_url, self
        )
        dialog.language_chosen.connect(self.set_language)
        dialog.theme_chosen.connect(self.set_theme)
        dialog.open()
        return dialog

    def set_language(self, language: str) -> None:
        if self.translations is not None and language != self.translations.language:
            self.translations.set_language(language)
        self._save_setting("language", language)

    def set_theme(self, mode: str) -> None:
        if mode != self.theme.mode:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                self.theme.apply(app, mode)  # type: ignore[arg-type]
        self._save_setting("theme", mode)

    def _save_setting(self, name: str, value: str) -> None:
        if getattr(self.settings, name) == value:
            return
        setattr(self.settings, name, value)
        try:
            save_client_settings(self.settings, self.settings_path)
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    def _page_changed(self, key: str) -> None:
        self.prefs.set_last_page(key)
        self.retranslate()

    # -- window -------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        parts = [self.tr("AutoStore Owner")]
        if self.shell is not None and self.context is not None and self.context.store is not None:
            parts = [self.shell.current_page().title(), self.context.store.name, *parts]
        self.setWindowTitle(" — ".join(parts))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.shell is not None and not self.shell.confirm_discard(self.tr("Quit and discard them?")):
            event.ignore()
            return
        self.prefs.save_window(self.saveGeometry(), self.saveState())
        self.prefs.sync()
        client = self._leave()  # the sign-in stays in the keyring for the next start
        self.tasks.shutdown(timeout=2.0)
        if client is not None:
            client.close()
        super().closeEvent(event)
