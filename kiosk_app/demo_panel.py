"""Demo mode: a small developer panel beside the kiosk and hot keys, driving the simulated devices.

Hot keys: A a customer approaches, L the customer leaves, 1 tap an approving card, 2 a declining card,
3 a card with insufficient funds, P pull the card, N drop or restore the network.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from kiosk_app.controller import KioskController

HOT_KEYS = {
    "A": "approach",
    "L": "leave",
    "1": "approve",
    "2": "decline",
    "3": "insufficient_funds",
    "P": "pull",
    "N": "network",
}


class DemoDriver:
    """The simulator actions, by name, for the panel, the hot keys and scripts."""

    def __init__(self, controller: KioskController) -> None:
        self.controller = controller
        self.network_dropped = False

    def run(self, action: str) -> bool:
        runtime = self.controller.runtime
        sensor, reader = runtime.sensor.simulator, runtime.card.simulator
        if action in ("approach", "leave") and sensor is not None:
            runtime.camera.person_present = action == "approach"
            sensor.approach() if action == "approach" else sensor.leave()
        elif action in ("approve", "decline", "insufficient_funds", "issuer_timeout", "member") and reader:
            reader.tap(action)
        elif action == "card_removed" and reader is not None:
            from hardware.card_reader import CardError

            reader.tap("approve", error=CardError.CARD_REMOVED)
        elif action == "pull" and reader is not None:
            reader.pull()
        elif action == "network":
            self.network_dropped = not self.network_dropped
            runtime.set_network_dropped(self.network_dropped)
        elif action == "scan":
            items = [item for item in self.controller.catalogue.items if item.barcode]
            if items:
                self.controller.scan(random.choice(items).barcode or "")
        else:
            return False
        return True

    def hot_key(self, key: str) -> None:
        action = HOT_KEYS.get(key)
        if action is not None:
            self.run(action)


class DevPanel(QWidget):
    """A tool window with one button per simulator action and the devices' live state."""

    def __init__(self, driver: DemoDriver) -> None:
        super().__init__(None, Qt.WindowType.Tool)
        self.setObjectName("devPanel")
        self.setWindowTitle("AutoStore kiosk — demo devices")
        self.driver = driver
        column = QVBoxLayout(self)
        grid = QGridLayout()
        actions: list[tuple[str, str]] = [
            ("Customer approaches (A)", "approach"),
            ("Customer leaves (L)", "leave"),
            ("Tap approving card (1)", "approve"),
            ("Tap declining card (2)", "decline"),
            ("Insufficient funds (3)", "insufficient_funds"),
            ("Issuer timeout", "issuer_timeout"),
            ("Card pulled mid-read", "card_removed"),
            ("Pull card (P)", "pull"),
            ("Membership card", "member"),
            ("Scan a random barcode", "scan"),
            ("Drop / restore network (N)", "network"),
        ]
        for index, (text, action) in enumerate(actions):
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(self._runner(action))
            grid.addWidget(button, index // 2, index % 2)
        column.addLayout(grid)
        self.status = QLabel()
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh)
        self._timer.start(500)

    def _runner(self, action: str) -> Callable[[], None]:
        def run() -> None:
            self.driver.run(action)

        return run

    def _refresh(self) -> None:
        controller = self.driver.controller
        runtime = controller.runtime
        distance = runtime.sensor.latest_cm
        network = runtime.network
        network_text = "offline" if network.offline else "online"
        lines = [
            f"State: {controller.state.value}",
            f"Distance: {'—' if distance is None else f'{distance:.0f} cm'}",
            f"Network: {'dropped' if self.driver.network_dropped else network_text}",
            f"Outbox: {network.pending} pending",
            f"Card reader: {runtime.card.health_text}",
            f"Camera: {runtime.camera.health_text}",
        ]
        self.status.setText("\n".join(lines))
