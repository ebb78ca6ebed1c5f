"""The kiosk's Qt-free rules: the cart, Korean initial-consonant search, the staff PIN, the receipt."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from core.schemas.catalogue import CatalogueItem, CategoryOut
from core.schemas.payments import CardData
from kiosk_app.cart import MAX_LINE_QUANTITY, AddOutcome, Cart
from kiosk_app.catalogue_view import CatalogueView, initials
from kiosk_app.receipt import build_order, build_receipt
from kiosk_app.staff_pin import StaffPinStore


def item(product_id: int, name_ko: str, name_en: str, price: int = 1000, quantity: int = 5, **extra: object):
    values = {
        "product_id": product_id,
        "sku": f"SKU-{product_id}",
        "barcode": f"880{product_id:07d}",
        "name_ko": name_ko,
        "name_en": name_en,
        "category_id": 1,
        "price": price,
        "currency": "KRW",
        "image_url": None,
        "age_restricted": False,
        "quantity": quantity,
        "version": 1,
        **extra,
    }
    return CatalogueItem.model_validate(values)


def test_cart_limits_quantities_to_stock_and_totals() -> None:
    cart = Cart()
    water = item(1, "생수", "Water", 1000, quantity=2)
    assert cart.add(water) == AddOutcome.added
    assert cart.add(water) == AddOutcome.added
    assert cart.add(water) == AddOutcome.stock_limit
    assert cart.add(item(2, "콜라", "Cola", quantity=0)) == AddOutcome.sold_out
    cart.add(item(3, "김밥", "Kimbap", 1500, quantity=500))
    for _ in range(120):
        cart.increment(3)
    assert cart.quantity_of(3) == MAX_LINE_QUANTITY
    cart.decrement(1)
    assert cart.total == 1000 + 1500 * MAX_LINE_QUANTITY and cart.count == 1 + MAX_LINE_QUANTITY
    cart.decrement(1)
    assert cart.quantity_of(1) == 0 and len(cart.lines) == 1


def test_checkout_ids_stay_until_the_cart_changes() -> None:
    cart = Cart()
    cart.add(item(1, "생수", "Water"))
    first = cart.checkout()
    assert cart.checkout() is first  # a retried payment is the same order
    payment = first.payment_id
    first.next_payment()
    assert first.payment_id != payment and first.order_id == cart.checkout().order_id
    cart.add(item(2, "콜라", "Cola"))
    assert cart.checkout().order_id != first.order_id  # another cart is another order


def test_cart_follows_new_prices_and_stock() -> None:
    cart = Cart()
    cart.add(item(1, "생수", "Water", 1000))
    cart.add(item(1, "생수", "Water", 1000))
    cart.add(item(2, "콜라", "Cola", 1800))
    changed = cart.refresh({1: item(1, "생수", "Water", 1200, quantity=1)})
    assert sorted(changed) == [1, 2]
    assert cart.quantity_of(1) == 1 and cart.quantity_of(2) == 0 and cart.total == 1200


def test_age_restricted_lines_need_a_check_once_per_cart() -> None:
    cart = Cart()
    cart.add(item(1, "맥주", "Beer", age_restricted=True))
    assert cart.needs_age_check
    cart.age_verified = True
    assert not cart.needs_age_check
    cart.clear()
    cart.add(item(1, "맥주", "Beer", age_restricted=True))
    assert cart.needs_age_check


def test_initial_consonant_and_english_search() -> None:
    assert initials("삼각김밥 참치마요") == "ㅅㄱㄱㅂㅊㅊㅁㅇ"
    assert initials("꼬북칩") == "ㄱㅂㅊ"  # tense consonants match their plain keys
    view = CatalogueView(
        [CategoryOut(id=1, code="food", name_ko="식품", name_en="Food", sort_order=0)],
        [
            item(1, "삼각김밥 참치마요", "Triangle kimbap tuna mayo"),
            item(2, "꼬북칩 콘스프맛", "Kkobuk Chip corn soup"),
            item(3, "코카콜라", "Coca-Cola", quantity=0),
            item(4, "칠성사이다", "Chilsung Cider"),
        ],
    )
    assert [i.product_id for i in view.filter(query="ㄱㅂ")] == [1, 2]
    assert [i.product_id for i in view.filter(query="ㅋㅋ")] == [3]
    assert [i.product_id for i in view.filter(query="c")] == [2, 4, 3]  # word starts; sold out last
    assert [i.product_id for i in view.filter(query="tuna")] == [1]
    assert view.item_by_barcode(" 8800000004 ") is not None
    assert view.category_name(1, "en") == "Food"


def test_staff_pin_is_hashed_and_locks_after_failures(tmp_path: Path) -> None:
    now = [100.0]
    pins = StaffPinStore(tmp_path / "pin.json", max_failures=3, lockout_s=30, clock=lambda: now[0])
    assert not pins.is_set and not pins.verify("1234").ok
    pins.set_pin("2468")
    assert "2468" not in (tmp_path / "pin.json").read_text()
    assert (tmp_path / "pin.json").stat().st_mode & 0o077 == 0
    assert pins.verify("2468").ok
    assert pins.verify("0000").attempts_left == 2
    assert pins.verify("0000").attempts_left == 1
    assert pins.verify("0000").locked_for_s == 30
    assert not pins.verify("2468").ok  # locked: even the right PIN waits
    now[0] += 31
    assert pins.verify("2468").ok


def test_order_and_receipt_carry_the_same_sale() -> None:
    cart = Cart()
    cart.add(item(1, "생수", "Water", 1000))
    cart.add(item(2, "콜라", "Cola", 1800))
    checkout = cart.checkout()
    card = CardData(masked_pan="411111******1111", expiry="12/30", scheme="visa")
    moment = datetime(2026, 5, 1, 3, 0, tzinfo=UTC)
    online = build_order(
        cart,
        store_id=7,
        order_id=checkout.order_id,
        payment_id=checkout.payment_id,
        created_at=moment,
        card=card,
        approved=True,
    )
    assert online.total == 2800 and not online.offline and online.payment and online.payment.card is None
    offline = build_order(
        cart,
        store_id=7,
        order_id=checkout.order_id,
        payment_id=checkout.payment_id,
        created_at=moment,
        card=card,
        approved=False,
    )
    assert offline.offline and offline.payment and offline.payment.status == "pending"
    receipt = build_receipt(
        cart, offline, vat_rate_bp=1000, masked_pan=card.masked_pan, approval_code=None, store_name="A"
    )
    assert receipt.vat == 255 and receipt.card_last4 == "1111" and receipt.offline
    assert receipt.reference == str(checkout.order_id).replace("-", "")[:8].upper()


def test_quick_settings_read_what_the_validated_settings_read(tmp_path: Path) -> None:
    from core.settings import default_client_data_dir, default_settings_path
    from kiosk_app.quick_settings import default_data_dir, read_quick_settings, settings_path

    assert settings_path() == default_settings_path()
    assert default_data_dir() == default_client_data_dir()
    path = tmp_path / "client-settings.json"
    path.write_text('{"language": "en", "theme": "dark", "data_dir": "/srv/kiosk", "fullscreen": true}')
    quick = read_quick_settings(path, {"AUTOSTORE_LANGUAGE": "ko", "AUTOSTORE_THEME": "neon"})
    assert (quick.language, quick.theme, quick.fullscreen) == ("ko", "light", True)  # env wins; bad value
    assert quick.data_dir == Path("/srv/kiosk")
    path.write_text("not json")
    assert read_quick_settings(path, {}).language == "ko"
