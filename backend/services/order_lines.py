"""An order's lines against the database: product and price checks, and taking the stock.

Statements are built once at import with bind parameters, so each order only binds values and reuses
the compiled SQL from SQLAlchemy's cache (building a statement costs more than running it on SQLite).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, insert, select, update

from backend.errors import ApiError, conflict
from backend.services.catalogue import INVENTORY, PRODUCTS
from backend.services.stock import StockChange
from core.schemas.orders import OrderCreate

ProductRow = Row[*tuple[Any, ...]]

_P = PRODUCTS.c
_PRODUCTS = select(_P.id, _P.sku, _P.name_ko, _P.name_en, _P.price, _P.active, _P.deleted).where(
    _P.id.in_(bindparam("ids", expanding=True)), _P.brand_id == bindparam("bid")
)
_I = INVENTORY.c
_TAKE = {
    # Online: a conditional update, so no interleaving of buyers can sell more than is on the shelf.
    False: update(INVENTORY)
    .where(
        _I.store_id == bindparam("sid"), _I.product_id == bindparam("pid"), _I.quantity >= bindparam("qty")
    )
    .values(quantity=_I.quantity - bindparam("qty"), version=_I.version + 1, updated_at=bindparam("now"))
    .returning(_I.quantity, _I.reorder_level),
    # Offline: the goods already left; record it even if the count goes negative.
    True: update(INVENTORY)
    .where(_I.store_id == bindparam("sid"), _I.product_id == bindparam("pid"))
    .values(quantity=_I.quantity - bindparam("qty"), version=_I.version + 1, updated_at=bindparam("now"))
    .returning(_I.quantity, _I.reorder_level),
}
_NEW_ROW = insert(INVENTORY)
_LEFT = select(_I.product_id, _I.quantity).where(
    _I.store_id == bindparam("sid"), _I.product_id.in_(bindparam("ids", expanding=True))
)


def checked_products(conn: Connection, body: OrderCreate, brand_id: int) -> dict[int, ProductRow]:
    """The order's products; checks they exist and, online, are on sale at the price the kiosk showed."""
    rows = conn.execute(_PRODUCTS, {"ids": list({line.product_id for line in body.lines}), "bid": brand_id})
    products = {r.id: r for r in rows}
    unknown = [i for i, line in enumerate(body.lines) if line.product_id not in products]
    if unknown:
        details = [{"field": f"lines.{i}.product_id", "message": "No such product."} for i in unknown]
        raise ApiError(422, "unknown_product", "Some products do not exist.", details)
    if body.offline:
        return products  # the sale already happened, at the price the customer paid
    unavailable, changed = [], []
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


def take_stock(
    conn: Connection, body: OrderCreate, products: dict[int, ProductRow], now: datetime
) -> list[StockChange]:
    """Decrement each product's stock; 409 `out_of_stock` naming every short product (online)."""
    wanted: dict[int, int] = {}
    for line in body.lines:
        wanted[line.product_id] = wanted.get(line.product_id, 0) + line.quantity
    statement = _TAKE[body.offline]
    changes: list[StockChange] = []
    short: list[int] = []
    for pid in sorted(wanted):  # one fixed order, so concurrent transactions lock rows alike
        qty = wanted[pid]
        row = conn.execute(statement, {"sid": body.store_id, "pid": pid, "qty": qty, "now": now}).first()
        if row is not None:
            after, level = row.quantity, row.reorder_level
        elif body.offline:  # sold offline yet never stocked here: start the row at the shortfall
            after, level = -qty, 0
            row_values = {"store_id": body.store_id, "product_id": pid, "quantity": after, "reorder_level": 0}
            conn.execute(_NEW_ROW, {**row_values, "shelf_location": "", "version": 1, "updated_at": now})
        else:
            short.append(pid)
            continue
        product = products[pid]
        changes.append(
            StockChange(
                product_id=pid,
                delta=-qty,
                quantity_after=after,
                reorder_level=level,
                sku=product.sku,
                name_ko=product.name_ko,
                name_en=product.name_en,
            )
        )
    if short:
        raise _out_of_stock(conn, body, products, short)
    return changes


def _out_of_stock(
    conn: Connection, body: OrderCreate, products: dict[int, ProductRow], short: Sequence[int]
) -> ApiError:
    left = {r.product_id: r.quantity for r in conn.execute(_LEFT, {"sid": body.store_id, "ids": list(short)})}
    details = []
    for i, line in enumerate(body.lines):
        if line.product_id in short:
            available = max(left.get(line.product_id, 0), 0)
            name = products[line.product_id].name_en
            message = f"Only {available} of {name} (product {line.product_id}) left."
            details.append({"field": f"lines.{i}.quantity", "message": message})
    names = ", ".join(products[pid].name_en for pid in short)
    return conflict("out_of_stock", f"Not enough stock: {names}.", details)
