"""Purchase-order drafts: the suggested quantities grouped per supplier, as CSV or as an XLSX workbook.

A draft is what the owner reviews before ordering, so it says per line why the quantity is what it is
(on hand, reorder point, order-up-to, pack size). Money is integer minor units as everywhere else; the
CSV carries them as integers so a spreadsheet never rounds a price.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import groupby

COLUMNS = (
    "supplier",
    "sku",
    "name",
    "quantity",
    "pack_size",
    "packs",
    "unit_cost",
    "line_total",
    "on_hand",
    "reorder_point",
    "order_up_to",
    "reorder_date",
)


@dataclass(frozen=True)
class PurchaseOrderLine:
    supplier: str
    sku: str
    name: str
    quantity: int
    pack_size: int
    unit_cost: int  # minor units
    on_hand: int
    reorder_point: float
    order_up_to: float
    reorder_date: date | None

    @property
    def packs(self) -> int:
        return self.quantity // self.pack_size

    @property
    def line_total(self) -> int:
        return self.quantity * self.unit_cost

    def row(self) -> list[object]:
        return [
            self.supplier,
            self.sku,
            self.name,
            self.quantity,
            self.pack_size,
            self.packs,
            self.unit_cost,
            self.line_total,
            self.on_hand,
            round(self.reorder_point, 1),
            round(self.order_up_to, 1),
            self.reorder_date.isoformat() if self.reorder_date else "",
        ]


def _sorted(lines: Iterable[PurchaseOrderLine]) -> list[PurchaseOrderLine]:
    return sorted((ln for ln in lines if ln.quantity > 0), key=lambda ln: (ln.supplier, ln.sku))


def draft_csv(lines: Iterable[PurchaseOrderLine]) -> bytes:
    """One CSV for all suppliers (a supplier column; lines sorted by supplier then SKU), UTF-8 with BOM so
    spreadsheet programs read Korean names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in _sorted(lines):
        writer.writerow(line.row())
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def draft_xlsx(lines: Iterable[PurchaseOrderLine], title: str = "Purchase order draft") -> bytes:
    """One worksheet per supplier with a total row; an empty draft still has one sheet saying so."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    default = workbook.active
    ordered = _sorted(lines)
    if not ordered and default is not None:
        default.title = "Draft"
        default.append([title])
        default.append(["Nothing to order."])
    elif default is not None:
        workbook.remove(default)
    for supplier, group in groupby(ordered, key=lambda ln: ln.supplier):
        sheet = workbook.create_sheet(_sheet_name(supplier, workbook.sheetnames))
        sheet.append(list(COLUMNS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        supplier_lines = list(group)
        for line in supplier_lines:
            sheet.append(line.row())
        total_row: list[object] = [""] * len(COLUMNS)
        total_row[0] = "Total"
        total_row[COLUMNS.index("line_total")] = sum(ln.line_total for ln in supplier_lines)
        sheet.append(total_row)
        sheet[sheet.max_row][0].font = Font(bold=True)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_name(supplier: str, taken: list[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\ and unique in the workbook."""
    clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in supplier).strip() or "Supplier"
    name = clean[:31]
    n = 2
    while name in taken:
        suffix = f" ({n})"
        name = clean[: 31 - len(suffix)] + suffix
        n += 1
    return name
