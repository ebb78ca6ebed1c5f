"""Catalogue: categories, products with versions, bulk all-or-nothing, the prepared store catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from backend.app import create_app
from backend.db.models import Event, Product
from backend.services.catalogue import PreparedCatalogue, bump_catalogue_rev
from backend.state import AppState
from tests.backend.conftest import make_settings
from tests.backend.shop_helpers import device_headers, order_body, user_headers
from tests.backend.world import World

API = "/api/v1"


@pytest.fixture
def db_url(any_db_url: str) -> str:
    """Every test here runs on SQLite, and on PostgreSQL where one is configured."""
    return any_db_url


def new_product(sku: str, price: int = 2500, **extra: Any) -> dict[str, Any]:
    return {"sku": sku, "name_ko": f"상품 {sku}", "name_en": f"Item {sku}", "price": price, **extra}


def events_of(state: AppState, type_: str) -> list[Event]:
    with state.db.read() as s:
        return list(s.scalars(select(Event).where(Event.type == type_).order_by(Event.id)))


def test_categories_owner_creates_everyone_in_brand_reads(
    client: TestClient, state: AppState, world: World
) -> None:
    owner = user_headers(state, world, "owner_a")
    resp = client.post(
        f"{API}/categories", json={"code": "snacks", "name_ko": "과자", "name_en": "Snacks"}, headers=owner
    )
    assert resp.status_code == 201, resp.text
    again = client.post(
        f"{API}/categories", json={"code": "snacks", "name_ko": "x", "name_en": "x"}, headers=owner
    )
    assert again.status_code == 409 and again.json()["error"]["code"] == "category_exists"
    staff = user_headers(state, world, "staff_a1")
    denied = client.post(
        f"{API}/categories", json={"code": "x", "name_ko": "x", "name_en": "x"}, headers=staff
    )
    assert denied.status_code == 403
    for headers in (staff, user_headers(state, world, "support_a2"), device_headers(state, world.store_a1)):
        codes = [c["code"] for c in client.get(f"{API}/categories", headers=headers).json()]
        assert codes == ["drinks", "snacks"]
    brand_b = client.get(f"{API}/categories", headers=user_headers(state, world, "owner_b")).json()
    assert [c["code"] for c in brand_b] == ["drinks"]


def test_product_crud_with_version_conflict_and_soft_delete(
    client: TestClient, state: AppState, world: World
) -> None:
    owner = user_headers(state, world, "owner_a")
    created = client.post(f"{API}/products", json=new_product("NEW-1", barcode="123"), headers=owner)
    assert created.status_code == 201, created.text
    product = created.json()
    assert product["version"] == 1 and product["currency"] == "KRW"
    dup = client.post(f"{API}/products", json=new_product("NEW-1"), headers=owner)
    assert dup.status_code == 409 and dup.json()["error"]["code"] == "sku_exists"

    url = f"{API}/products/{product['id']}"
    patched = client.patch(url, json={"version": 1, "price": 2700, "barcode": None}, headers=owner)
    assert patched.status_code == 200, patched.text
    assert (patched.json()["price"], patched.json()["barcode"], patched.json()["version"]) == (2700, None, 2)
    stale = client.patch(url, json={"version": 1, "price": 1}, headers=owner)
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "version_conflict"
    assert client.patch(url, json={"version": 2, "name_ko": None}, headers=owner).status_code == 422
    assert client.patch(url, json={"version": 2, "category_id": 999}, headers=owner).status_code == 422
    assert (
        client.patch(
            url, json={"version": 2, "price": 1}, headers=user_headers(state, world, "owner_b")
        ).status_code
        == 404
    )
    assert (
        client.patch(
            url, json={"version": 2, "price": 1}, headers=user_headers(state, world, "staff_a1")
        ).status_code
        == 403
    )

    assert client.delete(url, headers=owner).status_code == 204
    assert client.delete(url, headers=owner).status_code == 404
    listed = client.get(f"{API}/products", params={"q": "NEW"}, headers=owner).json()
    assert listed["total"] == 0
    with_deleted = client.get(
        f"{API}/products", params={"q": "NEW", "include_deleted": True}, headers=owner
    ).json()
    assert with_deleted["total"] == 1
    changed, deleted = events_of(state, "product.changed"), events_of(state, "product.deleted")
    assert [e.data["product_ids"] for e in changed] == [[product["id"]], [product["id"]]]
    assert deleted[0].data == {"product_ids": [product["id"]]}
    assert all(e.store_id is None and e.brand_id == world.brand_a for e in changed + deleted)


def test_product_listing_search_filter_and_paging(client: TestClient, state: AppState, world: World) -> None:
    staff = user_headers(state, world, "staff_a1")
    page = client.get(f"{API}/products", params={"limit": 2, "offset": 1}, headers=staff).json()
    assert page["total"] == 3 and [p["sku"] for p in page["items"]] == ["SKU-2", "SKU-3"]
    assert [
        p["name_en"]
        for p in client.get(f"{API}/products", params={"q": "cola"}, headers=staff).json()["items"]
    ] == ["Cola"]
    assert client.get(f"{API}/products", params={"q": "생수"}, headers=staff).json()["total"] == 1
    assert client.get(f"{API}/products", params={"active": False}, headers=staff).json()["total"] == 0
    other = client.get(f"{API}/products", params={"brand_id": world.brand_b}, headers=staff)
    assert other.status_code == 404


def test_bulk_is_all_or_nothing_with_item_paths(client: TestClient, state: AppState, world: World) -> None:
    owner = user_headers(state, world, "owner_a")
    water = world.products_a[0]
    bad = {
        "create": [new_product("BULK-1"), new_product("BULK-1"), new_product("BULK-2", category_id=999)],
        "update": [{"id": water, "version": 1, "price": 1111}, {"id": 9999, "version": 1, "price": 5}],
        "delete": [world.products_a[1]],
    }
    resp = client.post(f"{API}/products/bulk", json=bad, headers=owner)
    assert resp.status_code == 422, resp.text
    fields = {d["field"] for d in resp.json()["error"]["details"]}
    assert fields == {"create.0.sku", "create.1.sku", "create.2.category_id", "update.1.id"}
    with state.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Product).where(Product.sku.like("BULK%"))) == 0
        assert s.get(Product, water).price == 1000  # type: ignore[union-attr]
        assert not s.get(Product, world.products_a[1]).deleted  # type: ignore[union-attr]

    stale = client.post(
        f"{API}/products/bulk", json={"update": [{"id": water, "version": 7, "price": 1}]}, headers=owner
    )
    assert stale.status_code == 409 and stale.json()["error"]["details"][0]["field"] == "update.0.version"

    good = {
        "create": [new_product("BULK-1"), new_product("BULK-2")],
        "update": [{"id": water, "version": 1, "price": 1111}],
        "delete": [world.products_a[1]],
    }
    done = client.post(f"{API}/products/bulk", json=good, headers=owner)
    assert done.status_code == 200, done.text
    body = done.json()
    assert [p["sku"] for p in body["created"]] == ["BULK-1", "BULK-2"]
    assert body["updated"][0]["price"] == 1111 and body["updated"][0]["version"] == 2
    assert body["deleted"] == [world.products_a[1]]
    skus = [
        i["sku"]
        for i in client.get(f"{API}/stores/{world.store_a1}/catalogue", headers=owner).json()["items"]
    ]
    assert "SKU-2" not in skus and {"BULK-1", "BULK-2"} <= set(skus)


def test_catalogue_etag_304_and_changes(client: TestClient, state: AppState, world: World) -> None:
    kiosk = device_headers(state, world.store_a1)
    url = f"{API}/stores/{world.store_a1}/catalogue"
    first = client.get(url, headers=kiosk)
    assert first.status_code == 200
    etag = first.headers["etag"]
    items = {i["product_id"]: i for i in first.json()["items"]}
    assert items[world.products_a[0]]["quantity"] == 20 and items[world.products_a[0]]["price"] == 1000
    cached = client.get(url, headers={**kiosk, "If-None-Match": etag})
    assert cached.status_code == 304 and cached.headers["etag"] == etag and cached.content == b""

    owner = user_headers(state, world, "owner_a")
    client.patch(f"{API}/products/{world.products_a[0]}", json={"version": 1, "price": 1200}, headers=owner)
    after_price = client.get(url, headers={**kiosk, "If-None-Match": etag})
    assert after_price.status_code == 200 and after_price.headers["etag"] != etag
    assert {i["product_id"]: i["price"] for i in after_price.json()["items"]}[world.products_a[0]] == 1200

    etag = after_price.headers["etag"]
    sale = client.post(
        f"{API}/orders", json=order_body(world.store_a1, [(world.products_a[0], 2, 1200)]), headers=kiosk
    )
    assert sale.status_code == 201, sale.text
    after_sale = client.get(url, headers={**kiosk, "If-None-Match": etag})
    assert after_sale.status_code == 200
    assert {i["product_id"]: i["quantity"] for i in after_sale.json()["items"]}[world.products_a[0]] == 18
    other_store = client.get(f"{API}/stores/{world.store_a2}/catalogue", headers=owner)
    assert {i["product_id"]: i["quantity"] for i in other_store.json()["items"]}[world.products_a[0]] == 20


def test_catalogue_cache_is_right_across_processes(
    client: TestClient, state: AppState, world: World, db_url: str, tmp_path: Path
) -> None:
    """A second app on the same database stands for a second uvicorn worker with its own cache."""
    other_app = create_app(make_settings(db_url, tmp_path), migrate=False)
    url = f"{API}/stores/{world.store_a1}/catalogue"
    with TestClient(other_app) as other:
        kiosk = device_headers(state, world.store_a1)
        before = other.get(url, headers=kiosk)
        owner = user_headers(state, world, "owner_a")
        assert (
            client.patch(
                f"{API}/products/{world.products_a[1]}", json={"version": 1, "price": 1900}, headers=owner
            ).status_code
            == 200
        )
        after = other.get(url, headers={**kiosk, "If-None-Match": before.headers["etag"]})
        assert after.status_code == 200
        assert {i["product_id"]: i["price"] for i in after.json()["items"]}[world.products_a[1]] == 1900
        same = client.get(url, headers={**kiosk, "If-None-Match": after.headers["etag"]})
        assert same.status_code == 304  # both processes name the same revision alike


def test_catalogue_scope(client: TestClient, state: AppState, world: World) -> None:
    url = f"{API}/stores/{world.store_a1}/catalogue"
    assert client.get(url, headers=device_headers(state, world.store_a2)).status_code == 404
    assert client.get(url, headers=user_headers(state, world, "staff_b1")).status_code == 404
    assert client.get(url, headers=user_headers(state, world, "support_a2")).status_code == 404
    assert client.get(url, headers=device_headers(state, world.store_a1, kind="vision")).status_code == 403
    assert (
        client.get(
            f"{API}/stores/{world.store_a2}/catalogue", headers=user_headers(state, world, "support_a2")
        ).status_code
        == 200
    )
    assert client.get(url).status_code == 401


def test_etag_names_content_not_revision(client: TestClient, state: AppState, world: World) -> None:
    """A revision bump with nothing changed (as after a database reset restarts revisions) must not
    change the ETag, and a changed body must: the tag comes from the content."""
    owner = user_headers(state, world, "owner_a")
    url = f"{API}/stores/{world.store_a1}/catalogue"
    original = client.get(url, headers=owner).headers["etag"]
    with state.db.write() as s:
        bump_catalogue_rev(s, brand_id=world.brand_a)
        s.commit()
    assert client.get(url, headers={**owner, "If-None-Match": original}).status_code == 304
    product = f"{API}/products/{world.products_a[2]}"
    assert client.patch(product, json={"version": 1, "name_en": "Onigiri"}, headers=owner).status_code == 200
    assert client.get(url, headers={**owner, "If-None-Match": original}).status_code == 200


def test_if_none_match_lists_and_wildcard() -> None:
    prepared = PreparedCatalogue(store_id=1, revision=3, etag='W/"abc"', body=b"{}")
    assert prepared.matches('"zzz", W/"abc"') and prepared.matches('"abc"') and prepared.matches("*")
    assert not prepared.matches('W/"abd"') and not prepared.matches(None) and not prepared.matches("")
