"""The kiosk's one window: a header, the offline banner, a stack with one screen per state, and the
overlays (idle countdown, staff PIN, toasts). It only wires the controller's signals to widgets; what
happens when is the controller's business.

Portrait 1080 x 1920 is the design size (the common self-order kiosk panel).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from core.qt.i18n import Translations
from core.qt.theme import ThemePalette
from kiosk_app.controller import KioskController, KioskState
from kiosk_app.screens.attract import AttractScreen
from kiosk_app.screens.base import Screen
from kiosk_app.widgets.header import KioskHeader, OfflineBanner
from kiosk_app.widgets.overlays import IdleOverlay, PinOverlay, Toast

DESIGN_SIZE = QSize(1080, 1920)
SCREEN_STATES = tuple(KioskState)


def screen_class(state: KioskState) -> Callable[[KioskController, ThemePalette], Screen]:
    """The screen's class, imported when the screen is first built: the first frame loads only its own.
    (Plain import statements, not importlib, so PyInstaller still finds every screen.)"""
    if state == KioskState.activation:
        from kiosk_app.screens.activation import ActivationScreen

        return ActivationScreen
    if state == KioskState.attract:
        return AttractScreen
    if state == KioskState.welcome:
        from kiosk_app.screens.welcome import WelcomeScreen

        return WelcomeScreen
    if state == KioskState.catalogue:
        from kiosk_app.screens.catalogue import CatalogueScreen

        return CatalogueScreen
    if state == KioskState.cart:
        from kiosk_app.screens.cart import CartScreen

        return CartScreen
    if state == KioskState.payment:
        from kiosk_app.screens.payment import PaymentScreen

        return PaymentScreen
    if state == KioskState.done:
        from kiosk_app.screens.done import DoneScreen

        return DoneScreen
    from kiosk_app.screens.maintenance import MaintenanceScreen

    return MaintenanceScreen


class ScreenStack(dict[KioskState, Screen]):
    """The screens by state, each built the first time it is asked for."""

    def __init__(self, build: Callable[[KioskState], Screen]) -> None:
        super().__init__()
        self._build = build

    def __missing__(self, state: KioskState) -> Screen:
        screen = self._build(KioskState(state))
        self[KioskState(state)] = screen
        return screen


class KioskWindow(QMainWindow):
    def __init__(
        self, controller: KioskController, translations: Translations, colours: ThemePalette
    ) -> None:
        super().__init__()
        self.setObjectName("kioskWindow")
        # The root widget fills the whole window with the same colour: a second full-screen fill under it
        # cost ~30% of every screen's repaint (1080 x 1920).
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.controller = controller
        self.translations = translations
        root = QWidget()
        root.setObjectName("kioskRoot")
        self.setCentralWidget(root)
        column = QVBoxLayout(root)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.header = KioskHeader(colours)
        self.banner = OfflineBanner(colours)
        self.stack = QStackedWidget()
        self.stack.setObjectName("screens")
        column.addWidget(self.header)
        column.addWidget(self.banner)
        column.addWidget(self.stack, 1)
        self.colours = colours
        self.screens = ScreenStack(self._build_screen)
        self._cold: list[Screen] = []  # built screens still to warm up
        self.idle_overlay = IdleOverlay(root)
        self.pin_overlay = PinOverlay(root)
        self.toast = Toast(root)
        self._connect()
        self.header.set_language(controller.language)
        self.retranslate()

    def _build_screen(self, state: KioskState) -> Screen:
        screen = screen_class(state)(self.controller, self.colours)
        self.stack.addWidget(screen)
        return screen

    def build_remaining_screens(self) -> None:
        """Build the screens not shown yet, one per event-loop turn, once the first frame is up: start-up
        paints sooner, and no later tap waits for a screen to be built."""
        missing = [state for state in SCREEN_STATES if state not in self.screens]
        if missing:
            self.screens[missing[0]]
            QTimer.singleShot(0, self.build_remaining_screens)
        else:
            self._cold = list(self.screens.values())
            self._warm_up_next_screen()

    def _warm_up_next_screen(self) -> None:
        """Then style each screen ahead of its first visit, one per event-loop turn."""
        if self._cold:
            self._cold.pop().warm_up()
            QTimer.singleShot(0, self._warm_up_next_screen)

    def _connect(self) -> None:
        controller, runtime = self.controller, self.controller.runtime
        controller.state_changed.connect(self.show_state)
        controller.language_requested.connect(self.apply_language)
        controller.notice.connect(self._show_notice)
        controller.pin_requested.connect(self.pin_overlay.ask)
        controller.pin_checked.connect(
            lambda _purpose, check: self.pin_overlay.show_result(
                check.ok, check.attempts_left, check.locked_for_s
            )
        )
        self.pin_overlay.submitted.connect(controller.submit_pin)
        controller.idle.countdown.connect(self.idle_overlay.show_seconds)
        controller.idle.countdown_cancelled.connect(self.idle_overlay.hide)
        controller.idle.expired.connect(self.idle_overlay.hide)
        self.idle_overlay.resumed.connect(controller.idle.activity)
        self.header.language_clicked.connect(
            lambda: controller.set_language("en" if controller.language == "ko" else "ko")
        )
        self.header.staff_clicked.connect(lambda: controller.request_pin("maintenance"))
        runtime.network.changed.connect(self._update_banner)
        runtime.store_changed.connect(self._update_store)
        runtime.booted.connect(lambda _live: QTimer.singleShot(0, self.build_remaining_screens))
        runtime.config_changed.connect(self._update_store)

    # -- reacting to the controller -----------------------------------------------------------------------
    def show_state(self, state_name: str) -> None:
        state = KioskState(state_name)
        screen = self.screens[state]
        self.header.setVisible(state != KioskState.attract)
        self.header.staff_button.setVisible(state not in (KioskState.activation, KioskState.maintenance))
        if state != KioskState.maintenance:
            self.pin_overlay.hide()
        if state not in (KioskState.welcome, KioskState.catalogue, KioskState.cart, KioskState.payment):
            self.idle_overlay.hide()
        screen.prepare()
        # Lay the new screen out now and paint it in the next event-loop turn: between the two (~5 ms each
        # at 1080 x 1920) the loop takes input and worker results, so neither waits for both.
        self.stack.setUpdatesEnabled(False)
        self.stack.setCurrentWidget(screen)
        screen.enter()
        QTimer.singleShot(1, self._paint_stack)  # a timer, not 0 ms (a posted call that runs first)

    def _paint_stack(self) -> None:
        self.stack.setUpdatesEnabled(True)  # repaints the stack

    def apply_language(self, language: str) -> None:
        self.translations.set_language(language)
        self.header.set_language(language)
        self._update_banner()

    def attract_screen(self) -> AttractScreen:
        attract = self.screens[KioskState.attract]
        assert isinstance(attract, AttractScreen)
        return attract

    def _update_store(self) -> None:
        runtime = self.controller.runtime
        name = runtime.store_name
        self.header.store_name.setText(name or "AutoStore")
        if KioskState.attract in self.screens:  # else it reads them when it is built
            self.attract_screen().load_store()
        self._update_banner()

    def _update_banner(self) -> None:
        runtime = self.controller.runtime
        floor = runtime.config.offline_floor_limit if runtime.ready else 0
        self.banner.update_state(runtime.network, floor, self.controller.language)

    def _show_notice(self, kind: str, name: str) -> None:
        texts = {
            "added": (self.tr("Added: %1"), "good"),
            "sold_out": (self.tr("Sorry, %1 is sold out."), "bad"),
            "stock_limit": (self.tr("That is all we have of this product."), "bad"),
            "unknown_barcode": (self.tr("This barcode is not in our catalogue: %1"), "bad"),
            "cart_updated": (self.tr("Prices or stock changed; your cart was updated."), "info"),
        }
        text, tone = texts.get(kind, ("", "info"))
        if text:
            self.toast.show_text(text.replace("%1", name), tone)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("AutoStore Kiosk"))
        self.idle_overlay.retranslate()
        self.pin_overlay.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.runtime.shutdown()
        super().closeEvent(event)

    def show_kiosk(self, fullscreen: bool) -> None:
        if fullscreen:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            QApplication.setOverrideCursor(
                Qt.CursorShape.BlankCursor
            )  # a touchscreen: no pointer on the glass
            self.showFullScreen()
        else:
            self.resize(DESIGN_SIZE)
            self.show()
