"""Reading a CSV or XLSX file of stock figures into a preview with per-row problems (no Qt here).

The first row names the columns (English or Korean headers, any order); `sku` is required, and any of
quantity, reorder level, price and shelf may follow. A row is matched to the grid by SKU; it becomes pending
edits only after the preview is accepted, and is saved with the grid's Save like any typed edit. Problems
are codes with a detail, worded (and translated) by the dialog.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from owner_app.inventory.columns import MAX_NUMBER, SHELF_MAX
from owner_app.inventory.edits import Value
from owner_app.inventory.rows import Field, GridRow

HEADERS: dict[str, set[str]] = {
    "sku": {"sku", "상품코드", "품번"},
    Field.quantity: {"quantity", "qty", "on hand", "stock", "수량", "재고", "재고 수량"},
    Field.reorder_level: {"reorder_level", "reorder level", "reorder at", "발주점", "재주문 기준"},
    Field.price: {"price", "가격", "판매가"},
    Field.shelf_location: {"shelf_location", "shelf", "location", "진열 위치", "선반", "위치"},
}


@dataclass(frozen=True)
class Problem:
    # missing_sku, unknown_sku, duplicate_sku, not_a_number, negative, too_large, too_long, not_allowed
    code: str
    column: str = ""
    detail: str = ""


@dataclass
class ImportRow:
    line: int
    sku: str
    product_id: int | None = None
    changes: dict[Field, Value] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ImportPreview:
    rows: list[ImportRow] = field(default_factory=list)
    columns: list[Field] = field(default_factory=list)
    file_problem: str = ""  # the whole file is unusable: no sku column, unreadable, empty

    @property
    def valid(self) -> list[ImportRow]:
        return [r for r in self.rows if r.ok and r.changes]

    @property
    def invalid(self) -> list[ImportRow]:
        return [r for r in self.rows if not r.ok]

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if r.ok and not r.changes)


def read_table(path: Path) -> list[list[str]]:
    """Every row as text cells. CSV: UTF-8 (with or without BOM) or CP949, as Korean Excel saves it."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            return [
                ["" if v is None else _cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)
            ]
        finally:
            book.close()
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("not UTF-8 or CP949 text")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column_map(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = cell.strip().casefold().replace("_", " ")
        for key, aliases in HEADERS.items():
            if key not in found and name in {a.replace("_", " ") for a in aliases}:
                found[key] = i
    return found


def _whole_number(text: str) -> int | None:
    """12, 1,200, ₩1,200, 1200원 and 12.0 (Excel's numbers) read as whole numbers; 1.5 and "abc" do not."""
    cleaned = text.replace(",", "").replace("₩", "").replace("원", "").strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def _number(text: str, column: Field, problems: list[Problem]) -> int | None:
    number = _whole_number(text)
    if number is None:
        problems.append(Problem("not_a_number", column, text))
    elif number < 0:
        problems.append(Problem("negative", column, text))
    elif number > MAX_NUMBER:
        problems.append(Problem("too_large", column, text))
    else:
        return number
    return None


def preview_import(table: list[list[str]], grid: list[GridRow], allowed: frozenset[Field]) -> ImportPreview:
    """Check every row against the grid's current values; `allowed` are the columns this role may change."""
    preview = ImportPreview()
    rows = [r for r in table if any(c.strip() for c in r)]
    if not rows:
        preview.file_problem = "empty"
        return preview
    columns = _column_map(rows[0])
    if "sku" not in columns:
        preview.file_problem = "no_sku_column"
        return preview
    preview.columns = [Field(k) for k in columns if k != "sku"]
    by_sku = {r.sku.casefold(): r for r in grid}
    seen: set[str] = set()
    for offset, cells in enumerate(rows[1:], start=2):
        values = {key: cells[i].strip() if i < len(cells) else "" for key, i in columns.items()}
        row = ImportRow(line=offset, sku=values["sku"])
        preview.rows.append(row)
        target = by_sku.get(row.sku.casefold())
        if not row.sku:
            row.problems.append(Problem("missing_sku"))
            continue
        if row.sku.casefold() in seen:
            row.problems.append(Problem("duplicate_sku", "sku", row.sku))
            continue
        seen.add(row.sku.casefold())
        if target is None:
            row.problems.append(Problem("unknown_sku", "sku", row.sku))
            continue
        row.product_id = target.product_id
        for column in preview.columns:
            text = values[column.value]
            if text == "":
                continue  # an empty cell leaves the value as it is
            value: Value | None
            if column == Field.shelf_location:
                value = text if len(text) <= SHELF_MAX else None
                if value is None:
                    row.problems.append(Problem("too_long", column, text))
            else:
                value = _number(text, column, row.problems)
            if value is None or value == target.value(column):
                continue
            if column not in allowed:
                row.problems.append(Problem("not_allowed", column, text))
                continue
            row.changes[column] = value
    return preview
