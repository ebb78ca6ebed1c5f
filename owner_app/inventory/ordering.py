"""Which rows the grid shows and in what order, as plain lists of row positions (no Qt here).

Filtering is a list comprehension over precomputed search keys and sorting reads one precomputed list of
values, so 10,000 rows re-filter or re-sort in milliseconds; a proxy model calling back into Python for
every comparison would take a good part of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from owner_app.inventory.columns import COLUMNS, StockFilter
from owner_app.inventory.edits import PendingEdits
from owner_app.inventory.rows import GridRow


def visible_rows(rows: list[GridRow], text: str, wanted: StockFilter, pending: PendingEdits) -> list[int]:
    """Positions of the rows matching `text` (already casefolded) and the stock filter."""
    positions = list(range(len(rows)))
    if text:
        positions = [i for i in positions if text in rows[i].search_key]
    if wanted == StockFilter.low:
        positions = [i for i in positions if rows[i].is_low]
    elif wanted == StockFilter.zero:
        positions = [i for i in positions if rows[i].is_zero]
    elif wanted == StockFilter.edited:
        positions = [i for i in positions if rows[i].product_id in pending]
    return positions


def sort_key(
    rows: list[GridRow], column: int, pending: PendingEdits, by_id: dict[int, int], lang: str
) -> Callable[[int], Any]:
    """A key over row positions for `column`; edited cells sort by the value the person typed."""
    col = COLUMNS[column]
    values: list[Any]
    if col.field is not None:
        values = [getattr(r, col.field.value) for r in rows]
        for edit in pending.rows():
            if col.field in edit.values:
                values[by_id[edit.product_id]] = edit.values[col.field]
    elif col.key == "name":
        values = [r.name_ko for r in rows] if lang == "ko" else [r.name_en.casefold() for r in rows]
    elif col.key == "status":
        values = [(r.quantity > 0, r.quantity > r.reorder_level, r.quantity) for r in rows]
    else:
        values = [getattr(r, col.key) for r in rows]
    return values.__getitem__
