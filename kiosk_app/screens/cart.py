"""Cart: each line with minus, quantity, plus and remove; the running total; pay.

Age-restricted products (19+) are marked, and paying for them needs a member of staff to check the
customer's ID and enter the staff PIN first (the controller asks for it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from core.money import format_money
from kiosk_app.screens.base import Screen, button, label, restyle
from kiosk_app.widgets.art import icon, icon_size, pixmap

if TYPE_CHECKING:
    from core.qt.theme import ThemePalette
    from kiosk_app.cart import CartLine
    from kiosk_app.controller import KioskController


SPARE_ROWS = 6  # rows made and styled ahead, in a quiet moment: a usual cart never builds one mid-checkout


class CartLineRow(QFrame):
    """One line of the cart. Rows are kept and reused for whichever product comes next (a new row costs
    a style pass of nine widgets, ~3 ms), so its buttons act on `product_id` as it is at the tap."""

    def __init__(self, controller: KioskController, colours: ThemePalette) -> None:
        super().__init__()
        self.setProperty("role", "cartLine")
        self.product_id = 0
        row = QHBoxLayout(self)
        row.setContentsMargins(28, 20, 20, 20)
        row.setSpacing(14)
        texts = QVBoxLayout()
        texts.setSpacing(6)
        self.name = label("lineName")
        self.detail = label("lineDetail")
        texts.addWidget(self.name)
        texts.addWidget(self.detail)
        row.addLayout(texts, 1)
        self.minus = self._round("minus", colours.text)
        self.minus.clicked.connect(lambda: controller.decrement(self.product_id))
        self.quantity = label("lineQuantity", wrap=False, align=Qt.AlignmentFlag.AlignCenter)
        self.quantity.setMinimumWidth(70)
        self.plus = self._round("plus", colours.text)
        self.plus.clicked.connect(lambda: controller.increment(self.product_id))
        self.total = label(
            "lineTotal", wrap=False, align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.total.setMinimumWidth(170)
        self.remove = self._round("trash", colours.danger, role="removeButton")
        self.remove.clicked.connect(lambda: controller.remove(self.product_id))
        for widget in (self.minus, self.quantity, self.plus, self.total, self.remove):
            row.addWidget(widget)

    def show_line(self, line: CartLine, language: str) -> None:
        item, money = line.item, line.item.currency
        self.product_id = line.product_id
        role = "lineDetailWarn" if item.age_restricted else "lineDetail"
        if self.detail.property("role") != role:
            restyle(self.detail, role=role)
        self.name.setText(item.name_ko if language == "ko" else item.name_en)
        detail = format_money(item.price, money, language)
        self.detail.setText(detail + "  ·  " + self.tr("19+ ID check") if item.age_restricted else detail)
        self.quantity.setText(str(line.quantity))
        self.plus.setEnabled(line.quantity < item.quantity)
        self.total.setText(format_money(line.line_total, money, language))

    def _round(self, icon_name: str, colour: str, role: str = "stepButton") -> QPushButton:
        widget = QPushButton()
        widget.setProperty("role", role)
        widget.setIcon(icon(icon_name, colour, 96))
        widget.setIconSize(icon_size(40))
        widget.setFixedSize(88, 88)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return widget


class CartScreen(Screen):
    def __init__(
        self, controller: KioskController, colours: ThemePalette, parent: QWidget | None = None
    ) -> None:
        super().__init__("cartScreen", parent)
        self.controller = controller
        self.colours = colours
        self.rows: list[CartLineRow] = []  # in cart order; those past the cart's lines are hidden spares
        column = QVBoxLayout(self)
        column.setContentsMargins(40, 36, 40, 40)
        column.setSpacing(24)
        self.title = label("screenTitle")
        column.addWidget(self.title)
        self.lines_area = QScrollArea()
        self.lines_area.setObjectName("cartScroll")
        self.lines_area.setFrameShape(QFrame.Shape.NoFrame)
        self.lines_area.setWidgetResizable(True)
        QScroller.grabGesture(self.lines_area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        holder = QWidget()
        holder.setObjectName("cartHolder")
        self.lines_box = QVBoxLayout(holder)
        self.lines_box.setContentsMargins(0, 0, 0, 0)
        self.lines_box.setSpacing(16)
        self.lines_box.addStretch(1)
        self.lines_area.setWidget(holder)
        column.addWidget(self.lines_area, 1)
        self.empty = label("emptyText", align=Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.empty, 1)
        self.age_notice = QFrame()
        self.age_notice.setObjectName("ageNotice")
        notice_row = QHBoxLayout(self.age_notice)
        notice_row.setContentsMargins(28, 20, 28, 20)
        notice_row.setSpacing(18)
        id_icon = QLabel()
        id_icon.setPixmap(pixmap("id", colours.warning, 56))
        self.age_text = label("noticeText")
        notice_row.addWidget(id_icon)
        notice_row.addWidget(self.age_text, 1)
        column.addWidget(self.age_notice)
        totals = QFrame()
        totals.setObjectName("totalPanel")
        total_row = QHBoxLayout(totals)
        total_row.setContentsMargins(32, 24, 32, 24)
        self.total_label = label("totalLabel", wrap=False)
        self.total_value = label("totalValue", wrap=False, align=Qt.AlignmentFlag.AlignRight)
        total_row.addWidget(self.total_label, 1)
        total_row.addWidget(self.total_value)
        column.addWidget(totals)
        buttons = QHBoxLayout()
        buttons.setSpacing(20)
        self.more_button = button("secondary", "back", colours.text, 40)
        self.more_button.clicked.connect(controller.begin_shopping)
        self.pay_button = button("primary", "card", colours.accent_text, 44)
        self.pay_button.clicked.connect(controller.checkout)
        buttons.addWidget(self.more_button, 2)
        buttons.addWidget(self.pay_button, 3)
        column.addLayout(buttons)
        # While the cart shows: coalesced and deferred, so a tap on plus or minus repaints first.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.timeout.connect(self.refresh)
        controller.cart_changed.connect(self._cart_changed)
        self.retranslate()

    def prepare(self) -> None:
        self.refresh()

    def _cart_changed(self) -> None:
        if self.isVisible():  # else prepare() refreshes it before it is shown
            self._pending.start(0)

    def warm_up(self) -> None:
        """Make and style the spare rows (called once, after start-up, one screen per event-loop turn)."""
        while len(self.rows) < SPARE_ROWS:
            self._add_row()
        super().warm_up()

    def _add_row(self) -> CartLineRow:
        row = CartLineRow(self.controller, self.colours)
        row.hide()
        self.lines_box.insertWidget(len(self.rows), row)
        row.ensurePolished()
        self.rows.append(row)
        return row

    def refresh(self) -> None:
        self._pending.stop()
        cart = self.controller.cart
        language = self.controller.language
        while len(self.rows) < len(cart.lines):
            self._add_row()
        for index, row in enumerate(self.rows):
            if index < len(cart.lines):
                row.show_line(cart.lines[index], language)
                row.show()
            else:
                row.hide()
        self.lines_area.setVisible(not cart.is_empty)
        self.empty.setVisible(cart.is_empty)
        self.age_notice.setVisible(cart.has_age_restricted)
        if cart.age_verified:
            self.age_text.setText(self.tr("Age checked by staff. Thank you."))
        else:
            self.age_text.setText(
                self.tr("Your cart has items for adults (19+). Staff will check your ID before you pay.")
            )
        self.total_value.setText(format_money(cart.total, cart.currency, language))
        self.pay_button.setEnabled(not cart.is_empty)
        amount = format_money(cart.total, cart.currency, language)
        if cart.needs_age_check:
            self.pay_button.setText(self.tr("Staff check, then pay %1").replace("%1", amount))
        else:
            self.pay_button.setText(self.tr("Pay %1").replace("%1", amount))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Your cart"))
        self.empty.setText(self.tr("Your cart is empty."))
        self.total_label.setText(self.tr("Total (VAT included)"))
        self.more_button.setText(self.tr("Add more"))
        self.refresh()
