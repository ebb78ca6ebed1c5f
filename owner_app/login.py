"""The sign-in page: the server (default: the local demo backend), e-mail and password. The sign-in is
remembered in the OS keyring; where there is none, the page says the user will be asked again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from owner_app.ui.widgets import label
from resources import resource_path


class LoginPage(QWidget):
    submitted = Signal(str, str, str)  # server URL, e-mail, password
    language_requested = Signal(str)

    def __init__(self, server_url: str, email: str = "", keyring_problem: str = "") -> None:
        super().__init__()
        self.setObjectName("loginPage")
        self._busy = False
        self.keyring_problem = keyring_problem
        hero = QFrame()
        hero.setObjectName("loginHero")
        logo = QLabel()
        logo.setPixmap(
            QPixmap(str(resource_path("owner", "logo.svg"))).scaled(
                56, 56, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
        self.hero_title = label("", "", "heroTitle")
        self.hero_text = label("", "", "heroText")
        self.hero_text.setWordWrap(True)
        hero_box = QVBoxLayout(hero)
        hero_box.setContentsMargins(56, 56, 56, 56)
        hero_box.setSpacing(18)
        hero_box.addWidget(logo)
        hero_box.addStretch(1)
        hero_box.addWidget(self.hero_title)
        hero_box.addWidget(self.hero_text)
        hero_box.addStretch(2)

        card = QFrame()
        card.setObjectName("loginCard")
        self.title, self.subtitle = label("", "", "loginTitle"), label("", "muted")
        self.subtitle.setWordWrap(True)
        self.server_label, self.email_label, self.password_label = (label("", "fieldLabel") for _ in range(3))
        self.server = QLineEdit(server_url)
        self.email = QLineEdit(email)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = QPushButton()
        self.button.setProperty("role", "primary")
        self.button.setObjectName("signInButton")
        self.button.setMinimumHeight(42)
        self.error = label("", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.note = label("", "muted")
        self.note.setWordWrap(True)
        self.korean, self.english = QPushButton("한국어"), QPushButton("English")
        for button, lang in ((self.korean, "ko"), (self.english, "en")):
            button.setProperty("role", "link")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _c=False, lang=lang: self.language_requested.emit(lang))
        languages = QHBoxLayout()
        languages.addStretch(1)
        languages.addWidget(self.korean)
        languages.addWidget(self.english)
        form = QVBoxLayout(card)
        form.setContentsMargins(40, 40, 40, 32)
        form.setSpacing(8)
        form.addWidget(self.title)
        form.addWidget(self.subtitle)
        form.addSpacing(16)
        for field_label, field in (
            (self.server_label, self.server),
            (self.email_label, self.email),
            (self.password_label, self.password),
        ):
            form.addWidget(field_label)
            form.addWidget(field)
            form.addSpacing(6)
        form.addWidget(self.error)
        form.addSpacing(6)
        form.addWidget(self.button)
        form.addSpacing(8)
        form.addWidget(self.note)
        form.addStretch(1)
        form.addLayout(languages)
        right = QVBoxLayout()
        right.addStretch(1)
        right.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addStretch(1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(hero, 5)
        outer.addLayout(right, 6)
        for field in (self.server, self.email, self.password):
            field.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.hero_title.setText(self.tr("AutoStore for owners"))
        self.hero_text.setText(
            self.tr(
                "Sales, stock and kiosks of every store you run, live. Edit stock in "
                "bulk, compare your stores and register new kiosks in a minute."
            )
        )
        self.title.setText(self.tr("Sign in"))
        self.subtitle.setText(self.tr("Use the account your brand gave you: owner, staff or support."))
        self.server_label.setText(self.tr("Server address"))
        self.email_label.setText(self.tr("E-mail"))
        self.password_label.setText(self.tr("Password"))
        self.email.setPlaceholderText("owner@example.com")
        if self.keyring_problem:
            self.note.setText(
                self.tr("This computer has no OS keyring, so you will be asked to sign in each time.")
            )
            self.note.setToolTip(self.keyring_problem)
        else:
            self.note.setText(
                self.tr("You stay signed in on this computer until you sign out (kept in the OS keyring).")
            )
        self.set_busy(self._busy)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self._busy = busy
        self.button.setEnabled(not busy)
        self.button.setText(text or (self.tr("Signing in…") if busy else self.tr("Sign in")))
        for field in (self.server, self.email, self.password):
            field.setReadOnly(busy)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _submit(self) -> None:
        if self._busy:
            return
        url, email, password = self.server.text().strip(), self.email.text().strip(), self.password.text()
        if not url.startswith(("http://", "https://")):
            self.show_error(self.tr("The server address starts with http:// or https://."))
        elif not email or not password:
            self.show_error(self.tr("Enter your e-mail and password."))
        else:
            self.show_error("")
            self.submitted.emit(url, email, password)
