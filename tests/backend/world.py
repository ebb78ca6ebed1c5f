"""A small world for API tests: two brands, three stores, one user per role, products and stock."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi.testclient import TestClient

from backend.db.models import Brand, Category, Inventory, Product, Store, SupportAssignment, User
from backend.db.session import Database
from backend.security import hash_password

PASSWORD = "correct-horse-battery"
_HASH = hash_password(PASSWORD)  # hash once per test session: Argon2 is slow on purpose


@dataclass
class World:
    brand_a: int
    brand_b: int
    store_a1: int
    store_a2: int
    store_b1: int
    products_a: list[int]
    products_b: list[int]
    emails: dict[str, str] = field(default_factory=dict)

    def headers(self, client: TestClient, who: str) -> dict[str, str]:
        """Log in as `who` (owner_a, staff_a1, support_a2, owner_b, staff_b1) and return auth headers."""
        resp = client.post("/api/v1/auth/login", data={"username": self.emails[who], "password": PASSWORD})
        assert resp.status_code == 200, resp.text
        return {"Authorization": f"Bearer {resp.json()['access_token']}"}


def build_world(db: Database) -> World:
    with db.write() as s:
        brand_a, brand_b = Brand(name="Brand A"), Brand(name="Brand B")
        s.add_all([brand_a, brand_b])
        s.flush()
        a1 = Store(brand_id=brand_a.id, name="A Gangnam", timezone="Asia/Seoul", currency="KRW")
        a2 = Store(brand_id=brand_a.id, name="A Mapo", timezone="Asia/Seoul", currency="KRW")
        b1 = Store(brand_id=brand_b.id, name="B Busan", timezone="Asia/Seoul", currency="KRW")
        s.add_all([a1, a2, b1])
        s.flush()
        users = {
            "owner_a": User(email="owner@a.test", role="owner", brand_id=brand_a.id, full_name="Owner A"),
            "staff_a1": User(
                email="staff@a.test", role="staff", brand_id=brand_a.id, store_id=a1.id, full_name="Staff A1"
            ),
            "support_a2": User(email="support@a.test", role="support", brand_id=None, full_name="Support"),
            "owner_b": User(email="owner@b.test", role="owner", brand_id=brand_b.id, full_name="Owner B"),
            "staff_b1": User(
                email="staff@b.test", role="staff", brand_id=brand_b.id, store_id=b1.id, full_name="Staff B1"
            ),
        }
        for user in users.values():
            user.password_hash = _HASH
        s.add_all(users.values())
        s.flush()
        s.add(SupportAssignment(user_id=users["support_a2"].id, store_id=a2.id))
        products: dict[int, list[int]] = {}
        for brand in (brand_a, brand_b):
            cat = Category(brand_id=brand.id, code="drinks", name_ko="음료", name_en="Drinks")
            s.add(cat)
            s.flush()
            ids = []
            for i, (ko, en, price) in enumerate(
                [("생수", "Water", 1000), ("콜라", "Cola", 1800), ("삼각김밥", "Rice ball", 1500)]
            ):
                p = Product(
                    brand_id=brand.id,
                    sku=f"SKU-{i + 1}",
                    barcode=f"88000000{brand.id}{i}",
                    name_ko=ko,
                    name_en=en,
                    category_id=cat.id,
                    price=price,
                )
                s.add(p)
                s.flush()
                ids.append(p.id)
            products[brand.id] = ids
        for store, brand in ((a1, brand_a), (a2, brand_a), (b1, brand_b)):
            for pid in products[brand.id]:
                s.add(Inventory(store_id=store.id, product_id=pid, quantity=20, reorder_level=5))
        s.commit()
        return World(
            brand_a=brand_a.id,
            brand_b=brand_b.id,
            store_a1=a1.id,
            store_a2=a2.id,
            store_b1=b1.id,
            products_a=products[brand_a.id],
            products_b=products[brand_b.id],
            emails={k: u.email for k, u in users.items()},
        )
