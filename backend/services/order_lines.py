"""An order's lines against the database: product and price checks, and taking the stock.

Both are one statement whatever the number of lines: the products in one SELECT, the stock of every
product in one conditional UPDATE ... RETURNING. The statements are built once per number of distinct
products and run as RawStatements (backend.db.lookup), since SQLAlchemy's per-execution overhead is
several times the cost of the statement on SQLite.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import BindParameter, Connection, bindparam, case, insert, select, update

from backend.db.lookup import RawStatement
from backend.errors import ApiError, conflict
from backend.services.catalogue import INVENTORY, PRODUCTS
from backend.services.stock import StockChange
from core.schemas.orders import OrderCreate
from core.schemas.payments import PaymentStatus

_P = PRODUCTS.c
_I = INVENTORY.c
_NEW_ROW = RawStatement(
    insert(INVENTORY),
    column_keys=[
        "store_id",
        "product_id",
        "quantity",
        "reorder_level",
        "shelf_location",
        "version",
        "updated_at",
    ],
)


@dataclass(frozen=True)
class ProductRow:
    id: int
    sku: str
    name_ko: str
    name_en: str
    price: int
    active: bool
    deleted: bool


@functools.cache
def _products_statement(count: int) -> RawStatement:
    ids: list[BindParameter[int]] = [bindparam(f"p{i}") for i in range(count)]
    columns = (_P.id, _P.sku, _P.name_ko, _P.name_en, _P.price, _P.active, _P.deleted)
    return RawStatement(select(*columns).where(_P.id.in_(ids), _P.brand_id == bindparam("bid")))


@functools.cache
def _take_statement(count: int, offline: bool) -> RawStatement:
    """Take q_i off product p_i for i < count. Online only where quantity >= q_i for that row, so no
    interleaving of buyers can sell more than is on the shelf: a short product returns no row. Offline,
    the goods already left: the count may go negative."""
    taken = case(*[(_I.product_id == bindparam(f"p{i}"), bindparam(f"q{i}")) for i in range(count)])
    conditions = [
        _I.store_id == bindparam("sid"),
        _I.product_id.in_([bindparam(f"p{i}") for i in range(count)]),
    ]
    if not offline:
        conditions.append(_I.quantity >= taken)
    statement = (
        update(INVENTORY)
        .where(*conditions)
        .values(quantity=_I.quantity - taken, version=_I.version + 1, updated_at=bindparam("now"))
        .returning(_I.product_id, _I.quantity, _I.reorder_level)
    )
    return RawStatement(statement)


def _numbered(prefix: str, values: Sequence[int]) -> dict[str, int]:
    return {f"{prefix}{i}": value for i, value in enumerate(values)}


def checked_products(conn: Connection, body: OrderCreate, brand_id: int) -> dict[int, ProductRow]:
    """The order's products; checks they exist and, online, are on sale at the price the kiosk showed."""
    ids = sorted({line.product_id for line in body.lines})
    rows = _products_statement(len(ids)).run(conn, {**_numbered("p", ids), "bid": brand_id})
    products = {
        row[0]: ProductRow(row[0], row[1], row[2], row[3], row[4], bool(row[5]), bool(row[6])) for row in rows
    }
    unknown = [i for i, line in enumerate(body.lines) if line.product_id not in products]
    if unknown:
        details = [{"field": f"lines.{i}.product_id", "message": "No such product."} for i in unknown]
        raise ApiError(422, "unknown_product", "Some products do not exist.", details)
    if sale_already_happened(body):
        return products  # the customer paid this price and left with the goods: record it as it was
    unavailable: list[dict[str, str]] = []
    changed: list[dict[str, str]] = []
    for i, line in enumerate(body.lines):
        row = products[line.product_id]
        if row.deleted or not row.active:
            unavailable.append(
                {"field": f"lines.{i}.product_id", "message": f"{row.name_en} is no longer sold."}
            )
        elif row.price != line.unit_price:
            message = f"{row.name_en} (product {row.id}) now costs {row.price}, not {line.unit_price}."
            changed.append({"field": f"lines.{i}.unit_price", "message": message})
    if unavailable:
        raise conflict("product_unavailable", "Some products are no longer sold.", unavailable)
    if changed:
        raise conflict(
            "price_changed", "Some prices changed. Show the new prices and confirm again.", changed
        )
    return products


def sale_already_happened(body: OrderCreate) -> bool:
    """An offline sale, or one whose card was already charged: the goods left the shelf and the money was
    taken, so a price changed meanwhile or a count that says the shelf is empty cannot undo it. It is
    recorded as it happened (stock may go negative, to be corrected by a count). Only an order that is
    not yet paid is refused with `price_changed` / `out_of_stock`."""
    return body.offline or (body.payment is not None and body.payment.status == PaymentStatus.approved)


def take_stock(
    conn: Connection, body: OrderCreate, products: dict[int, ProductRow], now: datetime
) -> list[StockChange]:
    """Decrement each product's stock in one statement; 409 `out_of_stock` naming every short product
    (online), leaving the caller to roll back what the statement took."""
    wanted: dict[int, int] = {}
    for line in body.lines:
        wanted[line.product_id] = wanted.get(line.product_id, 0) + line.quantity
    ids = sorted(wanted)
    params = {**_numbered("p", ids), **_numbered("q", [wanted[pid] for pid in ids])}
    settled = sale_already_happened(body)
    rows = _take_statement(len(ids), settled).run(conn, {**params, "sid": body.store_id, "now": now})
    after = {row[0]: (row[1], row[2]) for row in rows}
    missing = [pid for pid in ids if pid not in after]
    if missing and not settled:
        raise _out_of_stock(conn, body, products, missing)
    for pid in missing:  # sold offline yet never stocked here: start the row at the shortfall
        after[pid] = (-wanted[pid], 0)
        _NEW_ROW.run(
            conn,
            {
                "store_id": body.store_id,
                "product_id": pid,
                "quantity": -wanted[pid],
                "reorder_level": 0,
                "shelf_location": "",
                "version": 1,
                "updated_at": now,
            },
        )
    return [
        StockChange(
            product_id=pid,
            delta=-wanted[pid],
            quantity_after=after[pid][0],
            reorder_level=after[pid][1],
            sku=products[pid].sku,
            name_ko=products[pid].name_ko,
            name_en=products[pid].name_en,
        )
        for pid in ids
    ]


def _out_of_stock(
    conn: Connection, body: OrderCreate, products: dict[int, ProductRow], short: Sequence[int]
) -> ApiError:
    query = select(_I.product_id, _I.quantity).where(_I.store_id == body.store_id, _I.product_id.in_(short))
    left = {r.product_id: r.quantity for r in conn.execute(query)}
    details = []
    for i, line in enumerate(body.lines):
        if line.product_id in short:
            available = max(left.get(line.product_id, 0), 0)
            name = products[line.product_id].name_en
            message = f"Only {available} of {name} (product {line.product_id}) left."
            details.append({"field": f"lines.{i}.quantity", "message": message})
    names = ", ".join(products[pid].name_en for pid in short)
    return conflict("out_of_stock", f"Not enough stock: {names}.", details)
