"""Saving the inventory grid as one action in one request, and saying plainly how it went: all saved, or
nothing saved: because someone changed the same items meanwhile (the rows turn red, the current figures are
pulled in under the person's edits, and saving again is one click), or for the reason the server gave."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from owner_app.errors import error_text
from owner_app.inventory.edits import PendingRow
from owner_app.inventory.save import SaveConflict, SaveOutcome, save_edits

if TYPE_CHECKING:
    from owner_app.pages.inventory import InventoryPage


class SaveFlow(QObject):
    def __init__(self, page: InventoryPage) -> None:
        super().__init__(page)
        self.page = page

    def save(self) -> None:
        store_id = self.page.context.store_id
        if self.page.saving or store_id is None or not self.page.model.pending or self.page.read_only:
            return
        snapshot = [
            PendingRow(r.product_id, r.expected_version, r.expected_product_version, dict(r.values))
            for r in self.page.model.pending.rows()
        ]
        self.page.saving = True
        self.page.update_state()
        self.page.result.show_text(self.tr("Saving %n item(s)…", "", len(snapshot)), "info")
        self.page.context.run(
            save_edits,
            self.page.context.client,
            store_id,
            snapshot,
            on_done=self._saved,
            on_error=self._save_failed,
        )

    def _saved(self, outcome: SaveOutcome) -> None:
        self.page.saving = False
        self.page.model.apply_saved(outcome.saved)
        text = self.tr("Saved: stock of %1 product(s), price of %2 product(s).")
        self.page.result.show_text(
            text.replace("%1", str(outcome.stock_count)).replace("%2", str(outcome.price_count)), "ok"
        )
        self.page.update_state()

    def _save_failed(self, error: BaseException) -> None:
        self.page.saving = False
        if isinstance(error, SaveConflict):
            self.page.model.mark_conflicts(error.conflicts)
            names = ", ".join(
                row.sku
                for pid in list(error.conflicts)[:5]
                if (row := self.page.model.row_by_id(pid)) is not None
            )
            more = len(error.conflicts) - 5
            if more > 0:
                names += self.tr(" and %1 more").replace("%1", str(more))
            text = self.tr(
                "Nothing was saved: %1 item(s) changed since you loaded them (%2). The grid now shows the "
                "current figures with your edits on top; check the red rows and save again."
            )
            self.page.result.show_text(
                text.replace("%1", str(len(error.conflicts))).replace("%2", names), "error"
            )
            self.page.merge_from_server()
        else:
            self.page.result.show_text(
                self.tr("Nothing was saved: %1").replace("%1", error_text(error)), "error"
            )
        self.page.update_state()
