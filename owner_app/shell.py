"""The signed-in window body: the sidebar (pages, settings, sign-out), the header (page title, live state,
busy spinner, store switcher, refresh), the offline banner, and the page stack."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from owner_app.context import AppContext
from owner_app.pages import Page, pages_for
from owner_app.ui.icons import icon, pixmap
from owner_app.ui.labels import role
from owner_app.ui.theme_state import ThemeState
from owner_app.ui.widgets import Banner, BusySpinner, label, restyle
from resources import resource_path


class Shell(QWidget):
    sign_out_requested = Signal()
    settings_requested = Signal()
    page_changed = Signal(str)

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__()
        self.setObjectName("shell")
        self.context = context
        self.theme = theme
        self.pages: dict[str, Page] = {}
        self.nav: dict[str, QToolButton] = {}
        self.nav_group = QButtonGroup(self)
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")
        sidebar = self._sidebar()
        for cls in pages_for(context.account):
            page = cls(context, theme)
            self.pages[cls.key] = page
            self.stack.addWidget(page)
            button = QToolButton()
            button.setObjectName(f"nav_{cls.key}")
            button.setProperty("role", "nav")
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.clicked.connect(lambda _c=False, key=cls.key: self.show_page(key))
            self.nav_group.addButton(button)
            self.nav[cls.key] = button
            self.nav_box.insertWidget(self.nav_box.count() - 1, button)
        header = self._header()
        self.banner = Banner()
        self.banner.setProperty("tone", "warn")
        main = QVBoxLayout()
        main.setContentsMargins(0, 0, 0, 0)
        main.setSpacing(0)
        main.addWidget(header)
        main.addWidget(self.banner)
        main.addWidget(self.stack, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(sidebar)
        outer.addLayout(main, 1)
        context.busy_changed.connect(self.spinner.set_busy)
        context.online_changed.connect(self.set_online)
        theme.changed.connect(lambda _p: self.apply_icons())
        self.apply_icons()
        self.retranslate()
        self.set_online(context.online)
        self.set_live(False)

    def _sidebar(self) -> QFrame:
        sidebar = QFrame()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(228)
        logo = QLabel()
        logo.setPixmap(
            QPixmap(str(resource_path("owner", "logo.svg"))).scaled(
                30, 30, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        brand = QHBoxLayout()
        brand.setSpacing(10)
        brand.addWidget(logo)
        brand.addWidget(label("AutoStore", "", "wordmark"))
        brand.addStretch(1)
        self.nav_box = QVBoxLayout()
        self.nav_box.setSpacing(2)
        self.nav_box.addStretch(1)
        self.settings_button, self.sign_out_button = QToolButton(), QToolButton()
        for button in (self.settings_button, self.sign_out_button):
            button.setProperty("role", "nav")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.settings_button.clicked.connect(self.settings_requested)
        self.sign_out_button.clicked.connect(self.confirm_sign_out)
        principal = self.context.account.principal
        self.user_name = label(principal.display_name, "", "userName")
        self.user_role = label("", "muted")
        box = QVBoxLayout(sidebar)
        box.setContentsMargins(14, 20, 14, 16)
        box.setSpacing(6)
        box.addLayout(brand)
        box.addSpacing(22)
        box.addLayout(self.nav_box, 1)
        box.addWidget(self.settings_button)
        box.addWidget(self.sign_out_button)
        separator = QFrame()
        separator.setObjectName("sidebarRule")
        separator.setFixedHeight(1)
        box.addSpacing(6)
        box.addWidget(separator)
        box.addSpacing(6)
        box.addWidget(self.user_name)
        box.addWidget(self.user_role)
        return sidebar

    def _header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("header")
        self.page_title = label("", "", "pageTitle")
        self.live = label("", "", "liveState")
        self.spinner = BusySpinner(self.theme.palette.accent)
        self.store_icon = QLabel()
        self.stores = QComboBox()
        self.stores.setObjectName("storeSwitcher")
        self.stores.setMinimumWidth(220)
        for store in self.context.account.stores:
            self.stores.addItem(store.name, store.id)
        self.stores.setCurrentIndex(max(0, self.stores.findData(self.context.store_id)))
        self.stores.setEnabled(self.stores.count() > 1)
        self.stores.activated.connect(self._store_chosen)
        self.refresh = QToolButton()
        self.refresh.setObjectName("refreshButton")
        self.refresh.clicked.connect(self.refresh_page)
        row = QHBoxLayout(header)
        row.setContentsMargins(28, 14, 24, 14)
        row.setSpacing(12)
        row.addWidget(self.page_title)
        row.addStretch(1)
        row.addWidget(self.spinner)
        row.addWidget(self.live)
        row.addSpacing(8)
        row.addWidget(self.store_icon)
        row.addWidget(self.stores)
        row.addWidget(self.refresh)
        return header

    # -- navigation ---------------------------------------------------------------------------------------
    def show_page(self, key: str) -> Page:
        page = self.pages.get(key) or next(iter(self.pages.values()))
        self.stack.setCurrentWidget(page)
        self.nav[page.key].setChecked(True)
        self.page_title.setText(page.title())
        page.activate()
        self.page_changed.emit(page.key)
        return page

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def refresh_page(self) -> None:
        page = self.current_page()
        page.stale = True
        page.activate()

    def unsaved_pages(self) -> list[Page]:
        return [p for p in self.pages.values() if p.has_unsaved_changes()]

    def confirm_discard(self, question: str) -> bool:
        """Ask before an action that would drop unsaved edits; True when there are none or the user agrees."""
        unsaved = self.unsaved_pages()
        if not unsaved:
            return True
        names = ", ".join(p.title() for p in unsaved)
        text = self.tr("Unsaved changes on: %1.").replace("%1", names) + "\n" + question
        answer = QMessageBox.question(self, self.tr("Unsaved changes"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _store_chosen(self, index: int) -> None:
        store_id = self.stores.itemData(index)
        if store_id == self.context.store_id:
            return
        if not self.confirm_discard(self.tr("Switch store and discard them?")):
            self.stores.setCurrentIndex(self.stores.findData(self.context.store_id))
            return
        self.context.set_store(int(store_id))

    def confirm_sign_out(self) -> None:
        if self.confirm_discard(self.tr("Sign out and discard them?")):
            self.sign_out_requested.emit()

    # -- state --------------------------------------------------------------------------------------------
    def set_online(self, online: bool) -> None:
        self.banner.setVisible(not online)
        self.refresh.setEnabled(online)
        self.set_live(getattr(self, "_live_connected", False) and online)
        palette = self.theme.palette
        self.banner.icon.setPixmap(pixmap("offline", palette.warning, 18))
        self.banner.text.setText(
            self.tr(
                "The server cannot be reached. You are seeing the last loaded data, "
                "read-only; the app reconnects by itself."
            )
        )

    def set_live(self, connected: bool) -> None:
        self._live_connected = connected
        if not self.context.online:
            text, tone = self.tr("Offline"), "bad"
        elif connected:
            text, tone = self.tr("Live"), "ok"
        else:
            text, tone = self.tr("Connecting…"), "warn"
        self.live.setText("● " + text)
        self.live.setProperty("tone", tone)
        restyle(self.live)

    def apply_icons(self) -> None:
        palette = self.theme.palette
        for key, button in self.nav.items():
            button.setIcon(icon(self.pages[key].icon, palette.muted, palette.accent))
        self.settings_button.setIcon(icon("settings", palette.muted))
        self.sign_out_button.setIcon(icon("logout", palette.muted))
        self.refresh.setIcon(icon("refresh", palette.muted))
        self.store_icon.setPixmap(pixmap("store", palette.muted, 18))
        self.spinner.colour = QColor(palette.accent)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for key, button in self.nav.items():
            button.setText(self.pages[key].title())
        self.settings_button.setText(self.tr("Settings"))
        self.sign_out_button.setText(self.tr("Sign out"))
        self.refresh.setToolTip(self.tr("Reload this page"))
        self.user_role.setText(role(self.context.account.role.value))
        if self.stack.count():
            self.page_title.setText(self.current_page().title())
        self.set_online(self.context.online)
        self.set_live(getattr(self, "_live_connected", False))
