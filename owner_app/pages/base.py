"""`Page`: the base of every page in the sidebar. A page loads its data when first shown and again when
the store changes or the backend comes back, hears the live events, and goes read-only while offline.

Adding a page: subclass `Page` in a module of its own under owner_app/pages/, set `key`, `icon` and
`order`, give `title()` and `reload()`, and list the class in owner_app/pages/__init__.py.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QWidget

from core.schemas.events import EventOut
from core.schemas.stores import StoreOut
from owner_app.account import Account
from owner_app.context import AppContext
from owner_app.ui.theme_state import ThemeState


class Page(QWidget):
    key: ClassVar[str] = ""
    icon: ClassVar[str] = "dashboard"
    order: ClassVar[int] = 100

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__()
        self.setObjectName(f"page_{self.key}")
        self.context = context
        self.theme = theme
        self.stale = True
        context.store_changed.connect(self._store_changed)
        context.online_changed.connect(self._online_changed)
        context.event_received.connect(self._event)
        theme.changed.connect(lambda _palette: self.on_theme_changed())

    # -- what a page says about itself --------------------------------------------------------------------
    @staticmethod
    def title() -> str:
        raise NotImplementedError

    @classmethod
    def visible_for(cls, account: Account) -> bool:
        """Whether the signed-in role sees this page at all (the backend checks every call anyway)."""
        return True

    def has_unsaved_changes(self) -> bool:
        return False

    # -- life cycle -------------------------------------------------------------------------------------
    def activate(self) -> None:
        """The page was brought to the front: load it if what it shows may be out of date."""
        if self.stale and self.context.store is not None:
            self.stale = False
            self.reload()

    def reload(self) -> None:
        """Fetch what the page shows (through `context.run`, never on the GUI thread)."""

    def on_store(self, store: StoreOut) -> None:
        """The store switcher moved: drop what belongs to the old store (the page reloads by itself)."""

    def on_event(self, event: EventOut) -> None:
        """A live event of the current store."""

    def set_read_only(self, read_only: bool) -> None:
        """Offline (or a role without write access): disable whatever would change data."""

    def on_theme_changed(self) -> None:
        """Re-draw hand-painted parts (charts, icons) in the new palette."""

    def retranslate(self) -> None:
        """Set every text again in the current language."""

    @property
    def read_only(self) -> bool:
        return not self.context.online

    # -- plumbing -----------------------------------------------------------------------------------------
    def _store_changed(self, store: StoreOut) -> None:
        self.stale = True
        self.on_store(store)
        if self.isVisible():
            self.activate()

    def _online_changed(self, online: bool) -> None:
        self.set_read_only(not online)
        if online:
            self.stale = True
            if self.isVisible():
                self.activate()

    def _event(self, event: EventOut) -> None:
        if event.store_id is None or event.store_id == self.context.store_id:
            self.on_event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
