"""Writing grid rows to CSV or XLSX (no Qt here). The columns are the ones the importer reads, so an
exported file can be edited in a spreadsheet and imported back."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from owner_app.inventory.rows import GridRow

HEADER = ["sku", "name_ko", "name_en", "category", "quantity", "reorder_level", "price", "shelf_location"]
Cells = list[str | int]


def row_cells(row: GridRow) -> Cells:
    return [
        row.sku,
        row.name_ko,
        row.name_en,
        row.category,
        row.quantity,
        row.reorder_level,
        row.price,
        row.shelf_location,
    ]


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write beside the target and rename, so a failed export never leaves half a file in its place."""
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(path: Path, header: list[str], rows: Iterable[Cells]) -> None:
    """UTF-8 with a BOM: Excel then opens Korean text correctly."""

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            out.writerows(rows)

    _atomic_write(path, write)


def write_xlsx(path: Path, header: list[str], rows: Iterable[Cells], title: str = "Inventory") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    def write(target: Path) -> None:
        book = Workbook(write_only=False)
        sheet = book.active
        assert sheet is not None
        sheet.title = title[:31]
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
        book.save(target)

    _atomic_write(path, write)


def export_table(path: Path, header: list[str], rows: Iterable[Cells], title: str = "Sheet") -> int:
    """CSV or XLSX by the file's suffix; returns the number of data rows written."""
    materialised = list(rows)
    if path.suffix.lower() == ".xlsx":
        write_xlsx(path, header, materialised, title)
    else:
        write_csv(path, header, materialised)
    return len(materialised)


def export_rows(path: Path, rows: Iterable[GridRow]) -> int:
    return export_table(path, HEADER, (row_cells(r) for r in rows), "Inventory")
