"""Settings: language, theme, and which desktop notifications to show. Language and theme are client
settings (shared with the kiosk's settings file); the notification mutes are UI preferences."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QVBoxLayout,
    QWidget,
)

from owner_app.prefs import UiPrefs
from owner_app.ui.widgets import label


class SettingsDialog(QDialog):
    language_chosen = Signal(str)
    theme_chosen = Signal(str)

    def __init__(self, prefs: UiPrefs, language: str, theme: str, server: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.prefs = prefs
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(460)
        self.language = QComboBox()
        self.language.addItem("한국어", "ko")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.theme = QComboBox()
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.alerts = QCheckBox(self.tr("New CCTV alerts"))
        self.alerts.setChecked(not prefs.muted("alert"))
        self.low_stock = QCheckBox(self.tr("Products running low"))
        self.low_stock.setChecked(not prefs.muted("low_stock"))
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.setHorizontalSpacing(16)
        form.addRow(label(self.tr("Language"), "fieldLabel"), self.language)
        form.addRow(label(self.tr("Theme"), "fieldLabel"), self.theme)
        form.addRow(label(self.tr("Notify me of"), "fieldLabel"), self.alerts)
        form.addRow("", self.low_stock)
        form.addRow(label(self.tr("Server"), "fieldLabel"), label(server, "muted"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(16)
        layout.addWidget(label(self.windowTitle(), "", "dialogTitle"))
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.accepted.connect(self.apply)

    def apply(self) -> None:
        self.prefs.set_muted("alert", not self.alerts.isChecked())
        self.prefs.set_muted("low_stock", not self.low_stock.isChecked())
        self.prefs.sync()
        self.language_chosen.emit(self.language.currentData())
        self.theme_chosen.emit(self.theme.currentData())
