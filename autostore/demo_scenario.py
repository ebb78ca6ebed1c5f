"""The headless demo: one sale told step by step, over real HTTP with the same client the apps use.

The owner signs in and issues an activation code; a kiosk activates with it and gets its bootstrap
bundle; the kiosk tries a card the sandbox declines, then one it approves, and posts the order; the owner
receives the order on the event stream and sees it in today's sales. Then (with a kiosk data folder) the
real kiosk app runs offscreen: it activates with a second code, a simulated customer buys and pays, and
the owner finds that order too. Each step prints its figures; the first failing step ends the run with its
number and the reason.
"""

from __future__ import annotations

import queue
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from core.client.api import ApiClient
from core.client.sse import SseClient, SseEvent
from core.money import format_money
from core.schemas.catalogue import CatalogueItem
from core.schemas.devices import ActivationCodeCreate, DeviceKind
from core.schemas.events import EventOut, EventType
from core.schemas.orders import OrderCreate, OrderLineIn, OrderPaymentIn
from core.schemas.payments import AuthorizeRequest, CardData, PaymentOut, PaymentStatus
from core.schemas.stats import Granularity, SalesSeries
from core.schemas.stores import StoreOut
from core.timeutil import local_date, utcnow

T = TypeVar("T")
DECLINED_CARD = "411111******0002"  # the sandbox declines this one (do_not_honor)
APPROVED_CARD = "411111******1111"
EVENT_WAIT_S = 15.0


class StepFailed(RuntimeError):
    pass


class Steps:
    """Numbers and times the steps, and remembers which one is running when something fails."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.number = 0
        self.title = "start"

    def run(self, title: str, action: Callable[[], T], describe: Callable[[T], str]) -> T:
        self.number += 1
        self.title = title
        started = time.perf_counter()
        result = action()
        elapsed_ms = (time.perf_counter() - started) * 1000
        print(
            f"[{self.number:>2}/{self.total}] {title}: {describe(result)} ({elapsed_ms:.0f} ms)", flush=True
        )
        return result


class EventListener:
    """The owner's event stream, read on a thread into a queue."""

    def __init__(self, client: ApiClient, last_event_id: int) -> None:
        self.sse = SseClient(client, last_event_id=last_event_id)
        self.events: queue.Queue[SseEvent] = queue.Queue()
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._read, name="demo-events", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            for event in self.sse:
                self.events.put(event)
        except BaseException as exc:  # reported by wait_for, on the main thread
            self.error = exc

    def wait_for(self, event_type: str, match: Callable[[dict[str, Any]], bool], timeout: float) -> EventOut:
        """The first event of `event_type` whose data satisfies `match`; StepFailed after `timeout`."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            if self.error is not None:
                raise StepFailed(f"the event stream failed: {self.error}")
            try:
                message = self.events.get(timeout=min(left, 0.5))
            except queue.Empty:
                continue
            event = message.to_event()
            if event is not None and event.type == event_type and match(event.data):
                return event
        raise StepFailed(f"no {event_type} event within {timeout:.0f} s")

    def stop(self) -> None:
        self.sse.stop()
        self._thread.join(timeout=5)


def _card(masked_pan: str) -> CardData:
    return CardData(masked_pan=masked_pan, expiry=f"12/{(date.today().year + 3) % 100:02d}", scheme="visa")


def _basket(items: list[CatalogueItem]) -> list[OrderLineIn]:
    in_stock = [i for i in items if i.quantity >= 2 and i.price > 0 and not i.age_restricted]
    if len(in_stock) < 2:
        raise StepFailed("the catalogue has fewer than two products in stock")
    first, second = in_stock[0], in_stock[1]
    return [
        OrderLineIn(product_id=first.product_id, quantity=1, unit_price=first.price),
        OrderLineIn(product_id=second.product_id, quantity=2, unit_price=second.price),
    ]


def _sales_text(series: SalesSeries) -> str:
    orders = "1 order" if series.total_orders == 1 else f"{series.total_orders:,} orders"
    return f"{orders}, {format_money(series.total_revenue, series.currency, 'en')}"


def run_kiosk_steps(steps: Steps, owner: ApiClient, store: StoreOut, kiosk_data_dir: Path) -> None:
    """The real kiosk app sells once; the owner finds the order."""
    from autostore.demo_kiosk import run_kiosk_customer

    code = steps.run(
        "Owner issues a code for the kiosk app",
        lambda: owner.create_activation_code(
            store.id, ActivationCodeCreate(kind=DeviceKind.kiosk, name="Demo kiosk app")
        ),
        lambda c: f"code {c.code}",
    )
    sale = steps.run(
        "Kiosk app (offscreen) activates and sells to a scripted customer",
        lambda: run_kiosk_customer(kiosk_data_dir, owner.base_url, code.code),
        lambda s: "".join(f"\n        {line}" for line in s.story),
    )
    order = steps.run(
        "Owner sees the kiosk app's order",
        lambda: owner.get_order(sale.order_id),
        lambda o: f"order {o.number} {o.status.value}, {format_money(o.total, o.currency, 'en')}",
    )
    if (order.number, order.total, order.status.value) != (sale.number, sale.total, "paid"):
        raise StepFailed(f"the kiosk reported order {sale.number} of {sale.total}; the backend has {order}")


def run_scenario(server_url: str, owner_email: str, password: str, kiosk_data_dir: Path | None = None) -> int:
    """Run the scenario against `server_url`; 0 when every step passed, 1 at the first failure.
    With `kiosk_data_dir`, the real kiosk app sells too (three more steps)."""
    steps = Steps(total=13 if kiosk_data_dir is not None else 10)
    owner, kiosk = ApiClient(server_url, max_retries=1), ApiClient(server_url, max_retries=1)
    listener: EventListener | None = None
    print(f"\nHeadless demo against {server_url}")
    try:
        principal = steps.run(
            "Owner signs in",
            lambda: owner.login(owner_email, password),
            lambda p: f"{p.display_name}, role {p.role.value}",
        )
        stores = steps.run("Owner lists the stores", owner.stores, lambda s: ", ".join(x.name for x in s))
        if not stores:
            raise StepFailed(f"{principal.display_name} has no stores")
        store = stores[0]

        def money(amount: int) -> str:
            return format_money(amount, store.currency, "en")

        today = local_date(utcnow(), store.timezone)
        before = owner.sales(store.id, Granularity.day, start=today, end=today)

        code = steps.run(
            f"Owner issues a kiosk activation code for {store.name}",
            lambda: owner.create_activation_code(
                store.id, ActivationCodeCreate(kind=DeviceKind.kiosk, name="Demo")
            ),
            lambda c: f"code {c.code}, valid until {c.expires_at:%H:%M} UTC",
        )
        bundle = steps.run(
            "Kiosk activates with the code",
            lambda: kiosk.activate(code.code, device_name="Demo kiosk", app_version="demo"),
            lambda b: (
                f"device {b.device_id[:8]}…, {len(b.catalogue.items)} products, language {b.config.language}"
            ),
        )
        listener = steps.run(
            "Owner opens the event stream",
            lambda: EventListener(owner, owner.latest_event_id()),
            lambda listening: f"listening after event {listening.sse.last_event_id}",
        )
        lines = _basket(bundle.catalogue.items)
        total = sum(line.unit_price * line.quantity for line in lines)
        order_id = uuid.uuid4()

        def authorize(masked_pan: str) -> PaymentOut:
            request = AuthorizeRequest(
                payment_id=uuid.uuid4(),
                order_id=order_id,
                amount=total,
                currency=store.currency,
                card=_card(masked_pan),
            )
            return kiosk.authorize_payment(request)

        declined = steps.run(
            f"Kiosk charges {money(total)} to a card the sandbox declines",
            lambda: authorize(DECLINED_CARD),
            lambda p: f"{p.status.value} ({p.decline_code}): {p.message}",
        )
        if declined.status != PaymentStatus.declined:
            raise StepFailed(f"expected a decline, got {declined.status.value}")
        approved = steps.run(
            "Kiosk retries with a card the sandbox approves",
            lambda: authorize(APPROVED_CARD),
            lambda p: f"{p.status.value}, approval code {p.approval_code}",
        )
        if approved.status != PaymentStatus.approved:
            raise StepFailed(f"expected an approval, got {approved.status.value}: {approved.message}")

        order = OrderCreate(
            id=order_id,
            store_id=store.id,
            lines=lines,
            total=total,
            currency=store.currency,
            created_at=utcnow(),
            payment=OrderPaymentIn(payment_id=approved.payment_id, status=PaymentStatus.approved),
        )
        created = steps.run(
            "Kiosk posts the order",
            lambda: kiosk.create_order(order),
            lambda o: (
                f"order {o.number} {o.status.value}: {sum(x.quantity for x in o.lines)} items, "
                f"{money(o.total)} (VAT {money(o.vat)})"
            ),
        )
        events = listener
        steps.run(
            "Owner receives order.created on the event stream",
            lambda: events.wait_for(
                EventType.order_created.value,
                lambda data: data.get("order_id") == str(order_id),
                EVENT_WAIT_S,
            ),
            lambda e: f"event {e.id}: order {e.data.get('number')}, {money(int(e.data.get('total', 0)))}",
        )
        after = steps.run(
            "Owner sees the sale in today's stats",
            lambda: owner.sales(store.id, Granularity.day, start=today, end=today),
            _sales_text,
        )
        expected = (before.total_orders + 1, before.total_revenue + created.total)
        if (after.total_orders, after.total_revenue) != expected:
            raise StepFailed(f"today's sales went from {_sales_text(before)} to {_sales_text(after)}")
        if kiosk_data_dir is not None:
            run_kiosk_steps(steps, owner, store, kiosk_data_dir)
        print(
            f"\nDemo passed: today's sales {_sales_text(before)} before the sale, {_sales_text(after)} after."
        )
        return 0
    except Exception as exc:
        print(f"\nFAILED at step {steps.number} ({steps.title}): {exc}", flush=True)
        return 1
    finally:
        if listener is not None:
            listener.stop()
        owner.close()
        kiosk.close()
