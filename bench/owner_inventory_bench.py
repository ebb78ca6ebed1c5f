"""The owner app's inventory grid with 10,000 rows: time to first paint, sort and filter latency, and
(with --fetch) loading the rows from a real backend over HTTP.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/owner_inventory_bench.py [--rows 10000] [--fetch]

Each latency is the time from the call to the table having repainted (a forced, synchronous repaint of
the viewport), i.e. what a person waits for. Medians of several runs; noisy on a shared 2-core machine.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from core.qt.theme import LIGHT, apply_theme
from owner_app.inventory.columns import COLUMN_BY_FIELD, StockFilter
from owner_app.inventory.model import InventoryModel
from owner_app.inventory.rows import Field, GridRow
from owner_app.inventory.view import make_table

NAMES_KO = (
    "생수",
    "콜라",
    "삼각김밥",
    "컵라면",
    "초코우유",
    "바나나우유",
    "감자칩",
    "아이스커피",
    "샌드위치",
    "껌",
)
NAMES_EN = (
    "Water",
    "Cola",
    "Rice ball",
    "Cup noodle",
    "Choco milk",
    "Banana milk",
    "Chips",
    "Iced coffee",
    "Sandwich",
    "Gum",
)


def make_rows(n: int) -> list[GridRow]:
    now = datetime.now(UTC)
    return [
        GridRow(
            i,
            f"SKU-{i:05d}",
            f"{NAMES_KO[i % 10]} {i}",
            f"{NAMES_EN[i % 10]} {i}",
            f"cat-{i % 12}",
            (i * 7919) % 60,
            5 + i % 10,
            500 + (i * 37) % 4000,
            f"{chr(65 + i % 8)}-{i % 40:02d}",
            1,
            1,
            "KRW",
            now,
        )
        for i in range(n)
    ]


class PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def first_paint(rows: list[GridRow]) -> float:
    """From handing the rows to a new model to the table's first paint."""
    started = time.perf_counter()
    model = InventoryModel(LIGHT, "ko")
    model.set_rows(rows)
    table = make_table(model)
    table.resize(1400, 800)
    watch = PaintWatch()
    table.viewport().installEventFilter(watch)
    table.show()
    while not watch.painted:
        QCoreApplication.processEvents()
    elapsed = time.perf_counter() - started
    table.close()
    table.deleteLater()
    return elapsed


def timed(action: Callable[[], object], repaint: Callable[[], object], runs: int = 7) -> str:
    """Median time of the model work alone, and until the table has repainted."""
    model_s, total_s = [], []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        model_s.append(time.perf_counter() - started)
        repaint()
        total_s.append(time.perf_counter() - started)
    return f"{ms(statistics.median(model_s))}  {ms(statistics.median(total_s))}"


def grid_figures(n: int) -> None:
    rows = make_rows(n)
    print(f"\nInventory grid, {n:,} rows (model-level data, offscreen Qt)")
    print(
        f"  time to first paint          {ms(statistics.median(first_paint(make_rows(n)) for _ in range(3)))}"
    )
    print(f"  {'':29}{'model':>10} {'+ repaint':>11}")
    model = InventoryModel(LIGHT, "ko")
    model.set_rows(rows)
    table = make_table(model)
    table.resize(1400, 800)
    table.show()
    QCoreApplication.processEvents()
    repaint = table.viewport().repaint
    for label, column in (
        ("SKU", 0),
        ("name", 1),
        ("on hand", COLUMN_BY_FIELD[Field.quantity]),
        ("price", COLUMN_BY_FIELD[Field.price]),
        ("status", 7),
    ):
        orders = itertools.cycle([Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder])
        sort_once = functools.partial(lambda c, o: model.sort(c, next(o)), column, orders)
        print(f"  sort by {label:<21}{timed(sort_once, repaint)}")
    for label, text in (
        ("search 'cola' (1/10 match)", "cola"),
        ("search 'sku-0999' (10 match)", "sku-0999"),
        ("search, no match", "zzz"),
    ):
        print(
            f"  {label:<29}{timed(functools.partial(model.set_filter, text=text), repaint)}   "
            f"({model.rowCount():,} rows)"
        )
        model.set_filter(text="")
    print(
        f"  filter low stock             {timed(lambda: model.set_filter(stock=StockFilter.low), repaint)}   "
        f"({model.rowCount():,} rows)"
    )
    model.set_filter(stock=StockFilter.all)
    print(f"  clear filter                 {timed(lambda: model.set_filter(text=''), repaint)}")
    edits = iter(range(10_000))
    one_edit = timed(lambda: model.edit(next(edits), Field.quantity, 99), repaint)
    print(f"  edit one cell (undoable)     {one_edit}")
    table.close()


def fetch_figures(n: int) -> None:
    """Load n inventory rows from a real backend (SQLite, loopback HTTP) as the grid does."""
    from sqlalchemy import insert

    from backend.app import create_app
    from backend.db.models import Inventory, Product
    from backend.settings import BackendSettings
    from core.client.api import ApiClient
    from owner_app.inventory.rows import load_rows
    from tests.backend.world import PASSWORD, build_world
    from tests.support.live_backend import LiveBackend

    folder = Path(tempfile.mkdtemp(prefix="owner-bench-"))
    app = create_app(
        BackendSettings(
            database_url=f"sqlite:///{folder / 'bench.db'}", secret_key="bench-" + "x" * 40, data_dir=folder
        )
    )
    state = app.state.autostore
    world = build_world(state.db)
    with state.db.write() as s:
        now = datetime.now(UTC)
        products = [
            {
                "brand_id": world.brand_a,
                "sku": f"B-{i:05d}",
                "name_ko": f"상품 {i}",
                "name_en": f"Item {i}",
                "price": 1000 + i,
                "currency": "KRW",
                "updated_at": now,
                "created_at": now,
            }
            for i in range(n - 3)
        ]
        s.execute(insert(Product), products)
        ids = [p.id for p in s.query(Product.id).filter(Product.sku.like("B-%"))]
        s.execute(
            insert(Inventory),
            [
                {
                    "store_id": world.store_a1,
                    "product_id": pid,
                    "quantity": pid % 40,
                    "reorder_level": 5,
                    "version": 1,
                    "updated_at": now,
                }
                for pid in ids
            ],
        )
        s.commit()
    live = LiveBackend(app)
    live.start()
    try:
        client = ApiClient(live.url)
        client.login(world.emails["owner_a"], PASSWORD)
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            rows = load_rows(client, world.store_a1, world.brand_a)
            samples.append(time.perf_counter() - started)
        print(f"\nReal fetch over loopback HTTP ({len(rows):,} rows: inventory + products, 1,000 a page)")
        print(f"  load_rows                    {ms(statistics.median(samples))}")
        print(f"  fetch + first paint          {ms(statistics.median(samples) + first_paint(rows))}")
    finally:
        live.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--fetch", action="store_true", help="also time loading the rows from a real backend")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    apply_theme(app, "owner", "light")
    grid_figures(args.rows)
    if args.fetch:
        fetch_figures(args.rows)


if __name__ == "__main__":
    main()
