"""The pages of the sidebar, one module each. To add one (Alerts, Forecast, …): write
`owner_app/pages/<name>.py` with a `Page` subclass (key, icon, order, title(), reload()) and add the class
to `PAGE_CLASSES`; the shell builds the sidebar and the stack from this tuple, sorted by `order`, showing
each page only to the roles its `visible_for` accepts."""

from __future__ import annotations

from owner_app.account import Account
from owner_app.pages.alerts import AlertsPage
from owner_app.pages.base import Page
from owner_app.pages.dashboard import DashboardPage
from owner_app.pages.devices import DevicesPage
from owner_app.pages.forecast import ForecastPage
from owner_app.pages.inventory import InventoryPage
from owner_app.pages.products import ProductsPage
from owner_app.pages.sales import SalesPage

PAGE_CLASSES: tuple[type[Page], ...] = (
    DashboardPage,
    InventoryPage,
    ProductsPage,
    SalesPage,
    ForecastPage,
    DevicesPage,
    AlertsPage,
)


def pages_for(account: Account) -> list[type[Page]]:
    return sorted((cls for cls in PAGE_CLASSES if cls.visible_for(account)), key=lambda cls: cls.order)


__all__ = ["PAGE_CLASSES", "Page", "pages_for"]
