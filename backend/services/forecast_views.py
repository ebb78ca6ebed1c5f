"""Reading forecasts and suggestions, purchase-order drafts, and the supplier terms behind them.

Supplier terms resolve per product: the product's own row, else the brand's default row (product_id NULL),
else the built-in defaults of `SupplyTerms`. The unit cost for the order value is the terms' cost, else the
product's price.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db.models import DemandForecast, Product, ProductSupply, ReorderSuggestion
from core.schemas.forecasts import (
    AbcClass,
    ForecastDay,
    ProductForecast,
    ReorderSuggestionOut,
    SupplyTermsIn,
    SupplyTermsOut,
    XyzClass,
)
from inference.forecast.policy import SupplyTerms
from inference.forecast.purchase_order import PurchaseOrderLine


def resolve_terms(supply: list[ProductSupply], product: Product) -> tuple[SupplyTerms, str, int]:
    """(terms, supplier name, unit cost) for `product` from the brand's supply rows."""
    own = next((row for row in supply if row.product_id == product.id), None)
    default = next((row for row in supply if row.product_id is None), None)
    row = own or default
    if row is None:
        return SupplyTerms(), "", product.price
    terms = SupplyTerms(
        lead_time_days=row.lead_time_days,
        review_period_days=row.review_period_days,
        pack_size=row.pack_size,
        min_order_qty=row.min_order_qty,
        service_level=row.service_level,
    )
    return terms, row.supplier_name, row.unit_cost if row.unit_cost is not None else product.price


def _terms_out(
    brand_id: int, product_id: int | None, row: ProductSupply | None, inherited: bool
) -> SupplyTermsOut:
    base = SupplyTermsIn() if row is None else SupplyTermsIn(
        supplier_name=row.supplier_name,
        lead_time_days=row.lead_time_days,
        review_period_days=row.review_period_days,
        pack_size=row.pack_size,
        min_order_qty=row.min_order_qty,
        service_level=row.service_level,
        unit_cost=row.unit_cost,
    )  # fmt: skip
    return SupplyTermsOut(**base.model_dump(), brand_id=brand_id, product_id=product_id, inherited=inherited)


def list_supply(session: Session, brand_id: int) -> list[SupplyTermsOut]:
    """The brand's default terms first, then every product's effective terms."""
    rows = list(session.scalars(select(ProductSupply).where(ProductSupply.brand_id == brand_id)))
    default = next((r for r in rows if r.product_id is None), None)
    own = {r.product_id: r for r in rows if r.product_id is not None}
    products = session.scalars(
        select(Product.id)
        .where(Product.brand_id == brand_id, Product.deleted.is_(False))
        .order_by(Product.id)
    ).all()
    out = [_terms_out(brand_id, None, default, inherited=False)]
    out += [_terms_out(brand_id, pid, own.get(pid, default), inherited=pid not in own) for pid in products]
    return out


def put_supply(
    session: Session, brand_id: int, product_id: int | None, terms: SupplyTermsIn
) -> SupplyTermsOut:
    """Create or replace the terms of one product (or the brand default). The caller commits."""
    query = select(ProductSupply).where(ProductSupply.brand_id == brand_id)
    query = query.where(
        ProductSupply.product_id.is_(None) if product_id is None else ProductSupply.product_id == product_id
    )
    row = session.scalars(query).first()
    if row is None:
        row = ProductSupply(brand_id=brand_id, product_id=product_id)
        session.add(row)
    for field, value in terms.model_dump().items():
        setattr(row, field, value)
    session.flush()
    return _terms_out(brand_id, product_id, row, inherited=False)


def store_forecasts(session: Session, store_id: int, product_id: int | None = None) -> list[ProductForecast]:
    query = (
        select(DemandForecast, Product)
        .join(Product, Product.id == DemandForecast.product_id)
        .where(DemandForecast.store_id == store_id)
        .order_by(DemandForecast.product_id)
    )
    if product_id is not None:
        query = query.where(DemandForecast.product_id == product_id)
    out = []
    for fc, product in session.execute(query).all():
        days = [
            ForecastDay(
                day=fc.origin_day + timedelta(days=i + 1),
                mean=fc.mean[i],
                p10=fc.p10[i],
                p90=fc.p90[i],
                p025=fc.p025[i],
                p975=fc.p975[i],
            )
            for i in range(len(fc.mean))
        ]
        out.append(
            ProductForecast(
                store_id=fc.store_id,
                product_id=fc.product_id,
                sku=product.sku,
                name_ko=product.name_ko,
                name_en=product.name_en,
                generated_at=fc.generated_at,
                origin_day=fc.origin_day,
                horizon=fc.horizon,
                model=fc.model,
                backtest_mase=fc.backtest_mase,
                backtest_wape=fc.backtest_wape,
                backtest_bias=fc.backtest_bias,
                days=days,
            )
        )
    return out


def store_suggestions(
    session: Session, store_id: int, *, orders_only: bool = False
) -> list[ReorderSuggestionOut]:
    query = (
        select(ReorderSuggestion, Product)
        .join(Product, Product.id == ReorderSuggestion.product_id)
        .where(ReorderSuggestion.store_id == store_id)
        .order_by(ReorderSuggestion.supplier_name, Product.sku)
    )
    if orders_only:
        query = query.where(ReorderSuggestion.suggested_qty > 0)
    out = []
    for row, product in session.execute(query).all():
        out.append(
            ReorderSuggestionOut(
                store_id=row.store_id,
                product_id=row.product_id,
                sku=product.sku,
                name_ko=product.name_ko,
                name_en=product.name_en,
                generated_at=row.generated_at,
                on_hand=row.on_hand,
                safety_stock=row.safety_stock,
                reorder_point=row.reorder_point,
                order_up_to=row.order_up_to,
                suggested_qty=row.suggested_qty,
                reorder_date=row.reorder_date,
                abc_class=AbcClass(row.abc_class),
                xyz_class=XyzClass(row.xyz_class),
                supplier_name=row.supplier_name,
                lead_time_days=row.lead_time_days,
                review_period_days=row.review_period_days,
                pack_size=row.pack_size,
                min_order_qty=row.min_order_qty,
                service_level=row.service_level,
                unit_cost=row.unit_cost,
            )
        )
    return out


def purchase_order_lines(
    session: Session, store_id: int, supplier: str | None = None
) -> list[PurchaseOrderLine]:
    """The draft's lines: every suggestion with a quantity to order, of one supplier or of all."""
    lines = []
    for s in store_suggestions(session, store_id, orders_only=True):
        if supplier is not None and s.supplier_name != supplier:
            continue
        lines.append(
            PurchaseOrderLine(
                supplier=s.supplier_name or "(no supplier set)",
                sku=s.sku,
                name=s.name_ko,
                quantity=s.suggested_qty,
                pack_size=s.pack_size,
                unit_cost=s.unit_cost,
                on_hand=s.on_hand,
                reorder_point=s.reorder_point,
                order_up_to=s.order_up_to,
                reorder_date=s.reorder_date,
            )
        )
    return lines
