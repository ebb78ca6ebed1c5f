"""Edits made in the grid and not yet saved, and the undo commands that make and unmake them.

Each edited product remembers the versions it was edited against (inventory and product), so saving sends
exactly what the person saw as `expected_version`: if someone sold or counted the item meanwhile, the
save is refused instead of silently overwriting their change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from owner_app.inventory.rows import STOCK_FIELDS, Field, GridRow

Value = int | str


@dataclass
class PendingRow:
    product_id: int
    expected_version: int
    expected_product_version: int
    values: dict[Field, Value] = field(default_factory=dict)

    @property
    def stock_values(self) -> dict[Field, Value]:
        return {f: v for f, v in self.values.items() if f in STOCK_FIELDS}

    @property
    def price(self) -> int | None:
        value = self.values.get(Field.price)
        return int(value) if value is not None else None


class PendingEdits:
    def __init__(self) -> None:
        self._rows: dict[int, PendingRow] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, product_id: int) -> bool:
        return product_id in self._rows

    def rows(self) -> list[PendingRow]:
        return list(self._rows.values())

    def row(self, product_id: int) -> PendingRow | None:
        return self._rows.get(product_id)

    @property
    def cell_count(self) -> int:
        return sum(len(r.values) for r in self._rows.values())

    def value(self, row: GridRow, name: Field) -> Value:
        pending = self._rows.get(row.product_id)
        if pending is not None and name in pending.values:
            return pending.values[name]
        return row.value(name)

    def is_edited(self, product_id: int, name: Field) -> bool:
        pending = self._rows.get(product_id)
        return pending is not None and name in pending.values

    def set(self, row: GridRow, name: Field, value: Value) -> None:
        """Record `value`; a value equal to the stored one is no edit at all."""
        pending = self._rows.get(row.product_id)
        if value == row.value(name):
            if pending is not None:
                pending.values.pop(name, None)
                if not pending.values:
                    del self._rows[row.product_id]
            return
        if pending is None:
            pending = self._rows[row.product_id] = PendingRow(
                row.product_id, row.version, row.product_version
            )
        pending.values[name] = value

    def rebase(self, row: GridRow) -> None:
        """The person has now seen the current row (after a conflict): base the edits on it."""
        pending = self._rows.get(row.product_id)
        if pending is None:
            return
        pending.expected_version = row.version
        pending.expected_product_version = row.product_version
        for name in list(pending.values):
            if pending.values[name] == row.value(name):
                del pending.values[name]
        if not pending.values:
            del self._rows[row.product_id]

    def drop(self, product_id: int) -> None:
        self._rows.pop(product_id, None)

    def clear(self) -> None:
        self._rows.clear()


class CellWriter(Protocol):
    def write_value(self, product_id: int, name: Field, value: Value) -> None: ...


class CellEdit(QUndoCommand):
    """One cell changed from `old` to `new` (pushing it applies it)."""

    def __init__(self, target: CellWriter, product_id: int, name: Field, old: Value, new: Value, text: str):
        super().__init__(text)
        self._target = target
        self._product_id = product_id
        self._name = name
        self._old = old
        self._new = new

    def redo(self) -> None:
        self._target.write_value(self._product_id, self._name, self._new)

    def undo(self) -> None:
        self._target.write_value(self._product_id, self._name, self._old)
