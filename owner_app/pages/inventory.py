"""Inventory: the store's stock as an editable grid (sort, filter, search), saved in one action with undo
before saving, a clear message when the data changed meanwhile, the stock history of an item, and CSV /
XLSX import and export (owner_app/inventory/files.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QVBoxLayout

from core.schemas.events import EventOut, EventType
from core.schemas.stores import StoreOut
from owner_app.context import AppContext
from owner_app.errors import error_text
from owner_app.inventory.columns import COLUMNS, StockFilter
from owner_app.inventory.files import InventoryFiles
from owner_app.inventory.history_dialog import HistoryDialog
from owner_app.inventory.model import InventoryModel
from owner_app.inventory.rows import STOCK_FIELDS, Field, GridRow, load_rows
from owner_app.inventory.save_flow import SaveFlow
from owner_app.inventory.view import InventoryToolbar, ResultStrip, make_table
from owner_app.pages.base import Page
from owner_app.ui.formatting import language
from owner_app.ui.icons import icon
from owner_app.ui.theme_state import ThemeState
from owner_app.ui.widgets import label

MERGE_AFTER_EVENT_MS = 2500


class InventoryPage(Page):
    key = "inventory"
    icon = "inventory"
    order = 20

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("Pages", "Inventory")

    def __init__(self, context: AppContext, theme: ThemeState) -> None:
        super().__init__(context, theme)
        self.saving = False
        self.loading = False
        self.model = InventoryModel(theme.palette, language())
        self.toolbar = InventoryToolbar()
        self.table = make_table(self.model)
        self.result = ResultStrip()
        self.footer = label("", "muted", "inventoryFooter")
        self.files = InventoryFiles(self)
        self.saver = SaveFlow(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 14)
        layout.setSpacing(12)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.result)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)
        bar = self.toolbar
        self._search_delay = QTimer(self, singleShot=True, interval=150)
        self._search_delay.timeout.connect(lambda: self.model.set_filter(text=bar.search.text()))
        bar.search.textChanged.connect(lambda _t: self._search_delay.start())
        bar.filter.currentIndexChanged.connect(
            lambda _i: self.model.set_filter(stock=StockFilter(bar.filter.currentData()))
        )
        bar.save.clicked.connect(self.save)
        bar.undo.clicked.connect(self.model.undo_stack.undo)
        bar.redo.clicked.connect(self.model.undo_stack.redo)
        bar.discard.clicked.connect(self.discard)
        bar.history.clicked.connect(self.show_history)
        bar.import_button.clicked.connect(self.files.choose_import)
        bar.export_button.clicked.connect(self.files.choose_export)
        self.model.pending_changed.connect(self.update_state)
        self.model.modelReset.connect(self.update_footer)
        self.model.undo_stack.indexChanged.connect(lambda _i: self.update_state())
        self._merge_soon = QTimer(self, singleShot=True, interval=MERGE_AFTER_EVENT_MS)
        self._merge_soon.timeout.connect(self.merge_from_server)
        self._add_shortcuts()
        self._search_icon: QAction | None = None
        self.on_theme_changed()
        self.retranslate()
        self.set_read_only(not context.online)

    def _add_shortcuts(self) -> None:
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence.StandardKey.Undo, self.model.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.model.undo_stack.redo),
            (QKeySequence.StandardKey.Find, self.toolbar.search.setFocus),
        ):
            action = QAction(self)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            self.addAction(action)

    # -- loading ------------------------------------------------------------------------------------------
    def reload(self) -> None:
        store = self.context.store
        if store is None:
            return
        if self.model.pending:
            self.merge_from_server()  # fresh figures, and the person's unsaved edits stay
            return
        self.loading = True
        self.footer.setText(self.tr("Loading…"))
        self.context.run(
            load_rows,
            self.context.client,
            store.id,
            store.brand_id,
            language(),
            on_done=lambda rows: self.show_rows(store.id, rows),
            on_error=self._load_failed,
        )

    def _load_failed(self, error: BaseException) -> None:
        self.loading = False
        self.footer.setText(error_text(error))
        self.stale = True  # try again when the page is next shown or the server is back

    def show_rows(self, store_id: int, rows: list[GridRow]) -> None:
        self.loading = False
        if store_id != self.context.store_id:
            return
        self.model.set_rows(rows)
        self.update_state()

    def merge_from_server(self) -> None:
        """Take the server's current figures (after live events or a conflict) keeping pending edits."""
        store = self.context.store
        if store is None or self.saving:
            return
        if self.table.state() == self.table.State.EditingState:
            self._merge_soon.start()  # never pull the cell out from under someone typing
            return
        self.context.run(
            load_rows,
            self.context.client,
            store.id,
            store.brand_id,
            language(),
            on_done=lambda rows: self._merged(store.id, rows),
            busy=False,
        )

    def _merged(self, store_id: int, rows: list[GridRow]) -> None:
        if store_id == self.context.store_id and not self.saving:
            self.model.merge_rows(rows)
            self.model.accept_server_state()
            self.update_state()

    def on_store(self, store: StoreOut) -> None:
        self.model.set_rows([])
        self.result.hide()

    def on_event(self, event: EventOut) -> None:
        if event.type == EventType.stock_changed:
            self.stale = not self.isVisible()
            if self.isVisible():
                self._merge_soon.start()
        elif event.type in (EventType.product_changed, EventType.product_deleted):
            self._merge_soon.start()

    def has_unsaved_changes(self) -> bool:
        return len(self.model.pending) > 0

    # -- saving -------------------------------------------------------------------------------------------
    def save(self) -> None:
        self.saver.save()

    def discard(self) -> None:
        if not self.model.pending:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Discard changes"),
            self.tr("Discard %n unsaved change(s)?", "", self.model.pending.cell_count),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.model.discard_edits()
            self.result.hide()

    # -- other actions ------------------------------------------------------------------------------------
    def current_row(self) -> GridRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def show_history(self) -> HistoryDialog | None:
        row = self.current_row()
        if row is None:
            self.result.show_text(self.tr("Select a product to see its stock history."), "info")
            return None
        dialog = HistoryDialog(self.context, row, language(), self.theme.palette, self)
        dialog.open()
        return dialog

    # -- state --------------------------------------------------------------------------------------------
    def editable_fields(self) -> frozenset[Field]:
        if self.read_only or self.saving:
            return frozenset()
        allowed: set[Field] = set()
        if self.context.permissions.edit_stock:
            allowed |= STOCK_FIELDS
        if self.context.permissions.edit_prices:
            allowed.add(Field.price)
        return frozenset(allowed)

    def set_read_only(self, read_only: bool) -> None:
        self.update_state()

    def update_state(self) -> None:
        self.model.editable = self.editable_fields()
        can_edit = bool(self.model.editable)
        pending = self.model.pending.cell_count
        bar = self.toolbar
        bar.save.setEnabled(can_edit and pending > 0)
        bar.save.setText(
            self.tr("Save changes (%1)").replace("%1", str(pending)) if pending else self.tr("Save")
        )
        bar.discard.setEnabled(pending > 0 and not self.saving)
        bar.undo.setEnabled(self.model.undo_stack.canUndo() and not self.saving)
        bar.redo.setEnabled(self.model.undo_stack.canRedo() and not self.saving)
        bar.import_button.setEnabled(can_edit)
        self.update_footer()

    def update_footer(self) -> None:
        if self.loading:
            return
        rows = self.model.rows
        low = sum(1 for r in rows if r.is_low and not r.is_zero)
        zero = sum(1 for r in rows if r.is_zero)
        text = self.tr("%1 of %2 products · %3 low · %4 out of stock")
        text = text.replace("%1", f"{self.model.rowCount():,}").replace("%2", f"{len(rows):,}")
        text = text.replace("%3", f"{low:,}").replace("%4", f"{zero:,}")
        if self.read_only:
            text += " · " + self.tr("read-only while offline")
        elif not self.model.editable:
            text += " · " + self.tr("your role can view stock but not change it")
        self.footer.setText(text)

    def on_theme_changed(self) -> None:
        palette = self.theme.palette
        self.model.set_palette(palette)
        bar = self.toolbar
        for button, name in (
            (bar.history, "history"),
            (bar.import_button, "import"),
            (bar.export_button, "export"),
            (bar.undo, "undo"),
            (bar.redo, "redo"),
            (bar.discard, "revoke"),
        ):
            button.setIcon(icon(name, palette.muted))
        bar.save.setIcon(icon("save", palette.accent_text))
        if self._search_icon is None:
            self._search_icon = bar.search.addAction(
                icon("search", palette.muted), bar.search.ActionPosition.LeadingPosition
            )
        else:
            self._search_icon.setIcon(icon("search", palette.muted))

    def retranslate(self) -> None:
        self.toolbar.retranslate()
        self.model.lang = language()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.model.set_filter()  # names and status words in the new language
        self.update_state()
