"""Building a store's catalogue: brand products with that store's price and stock."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.db.models import Category, Inventory, Product, Store
from core.schemas.catalogue import CatalogueItem, CategoryOut, StoreCatalogue
from core.timeutil import utcnow


def build_store_catalogue(session: Session, store_id: int) -> StoreCatalogue:
    """Every active, non-deleted product of the store's brand, with the store's quantity (0 if none)."""
    store = session.get(Store, store_id)
    if store is None:
        raise LookupError(f"store {store_id} not found")
    categories = session.scalars(
        select(Category).where(Category.brand_id == store.brand_id).order_by(Category.sort_order, Category.id)
    ).all()
    rows = session.execute(
        select(Product, Inventory.quantity)
        .outerjoin(Inventory, (Inventory.product_id == Product.id) & (Inventory.store_id == store_id))
        .where(Product.brand_id == store.brand_id, Product.active.is_(True), Product.deleted.is_(False))
        .order_by(Product.category_id, Product.id)
    ).all()
    items = [
        CatalogueItem(
            product_id=p.id,
            sku=p.sku,
            barcode=p.barcode,
            name_ko=p.name_ko,
            name_en=p.name_en,
            category_id=p.category_id,
            price=p.price,
            currency=p.currency,
            image_url=p.image_url,
            age_restricted=p.age_restricted,
            quantity=qty or 0,
            version=p.version,
        )
        for p, qty in rows
    ]
    return StoreCatalogue(
        store_id=store_id,
        categories=[CategoryOut.model_validate(c) for c in categories],
        items=items,
        generated_at=utcnow(),
    )
