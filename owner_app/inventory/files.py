"""Import and export for the inventory page. Files are read and written on a worker; the import preview is
shown before anything changes, and accepted rows become pending edits (one undo step) saved with Save."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from owner_app.errors import error_text
from owner_app.inventory.export import export_rows
from owner_app.inventory.import_dialog import ImportDialog
from owner_app.inventory.importer import ImportPreview, preview_import, read_table

if TYPE_CHECKING:
    from owner_app.pages.inventory import InventoryPage

FILE_FILTER = "Spreadsheets (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)"


class InventoryFiles(QObject):
    preview_ready = Signal(object)  # ImportPreview, once its dialog is open
    exported = Signal(str, int)  # path, rows

    def __init__(self, page: InventoryPage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: ImportDialog | None = None

    # -- import -------------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.page, self.tr("Import stock figures"), "", FILE_FILTER)
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        self.page.context.run(
            read_table, path, on_done=lambda table: self.show_preview(table, path), on_error=self._read_failed
        )

    def _read_failed(self, error: BaseException) -> None:
        text = self.tr("The file could not be read: %1").replace(
            "%1", error_text(error) if not isinstance(error, ValueError) else str(error)
        )
        self.page.result.show_text(text, "error")

    def show_preview(self, table: list[list[str]], path: Path) -> None:
        model = self.page.model
        preview = preview_import(table, model.rows, self.page.editable_fields())
        grid = {r.product_id: r for r in model.rows}
        self.dialog = ImportDialog(preview, grid, self.page.theme.palette, path.name, self.page)
        self.dialog.accepted.connect(lambda: self.apply(preview))
        self.dialog.open()
        self.preview_ready.emit(preview)

    def apply(self, preview: ImportPreview) -> None:
        model = self.page.model
        rows = preview.valid
        model.undo_stack.beginMacro(self.tr("Import %n row(s)", "", len(rows)))
        for row in rows:
            assert row.product_id is not None
            for name, value in row.changes.items():
                model.edit(row.product_id, name, value)
        model.undo_stack.endMacro()
        text = self.tr("%1 row(s) imported as unsaved edits; %2 skipped. Check them, then Save.")
        self.page.result.show_text(
            text.replace("%1", str(len(rows))).replace("%2", str(len(preview.invalid))), "info"
        )

    # -- export -------------------------------------------------------------------------------------------
    def choose_export(self) -> None:
        store = self.page.context.store
        name = f"inventory-{store.id if store else 0}-{date.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(self.page, self.tr("Export inventory"), name, FILE_FILTER)
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """The rows the grid shows, in its order (the filter applies), as stored on the server."""
        model = self.page.model
        rows = [model.row_at(i) for i in range(model.rowCount())]
        self.page.context.run(
            export_rows,
            path,
            rows,
            on_done=lambda count: self._exported(path, count),
            on_error=lambda e: self.page.result.show_text(error_text(e), "error"),
        )

    def _exported(self, path: Path, count: int) -> None:
        text = self.tr("Exported %1 product(s) to %2.").replace("%1", f"{count:,}").replace("%2", str(path))
        self.page.result.show_text(text, "ok")
        self.exported.emit(str(path), count)
