"""Create or edit one product: Korean and English names, category, price, age check, image, on sale.

Saving runs on a worker; the backend's field errors appear under their fields, and a version conflict
(someone else saved the product meanwhile) says so instead of overwriting their change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.client.errors import ApiError, ConflictError
from core.qt.theme import ThemePalette
from core.schemas.catalogue import CategoryOut, ProductIn, ProductOut, ProductPatch
from owner_app.context import AppContext
from owner_app.errors import error_text
from owner_app.products.image import ImageUnavailable, fetch_image
from owner_app.ui.icons import pixmap
from owner_app.ui.widgets import label

PREVIEW_SIDE = 180


class ProductEditor(QDialog):
    saved = Signal(object)  # ProductOut

    def __init__(
        self,
        context: AppContext,
        categories: list[CategoryOut],
        palette: ThemePalette,
        product: ProductOut | None = None,
        lang: str = "ko",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.product = product
        self.placeholder = pixmap("image", palette.border, 64)
        self.setWindowTitle(self.tr("Edit product") if product else self.tr("New product"))
        self.setMinimumWidth(720)
        self.sku, self.barcode = QLineEdit(), QLineEdit()
        self.name_ko, self.name_en = QLineEdit(), QLineEdit()
        self.category = QComboBox()
        self.category.addItem(self.tr("No category"), None)
        for c in categories:
            self.category.addItem(c.name_ko if lang == "ko" else c.name_en, c.id)
        self.price = QSpinBox()
        self.price.setRange(0, 100_000_000)
        self.price.setSingleStep(100)
        self.price.setGroupSeparatorShown(True)
        self.price.setSuffix(self.tr(" won"))
        self.age_restricted = QCheckBox(self.tr("Age-restricted (19+): the kiosk asks for ID"))
        self.active = QCheckBox(self.tr("On sale at the kiosks"))
        self.active.setChecked(True)
        self.image_url = QLineEdit()
        self.image_url.setPlaceholderText("https://…/product.jpg")
        self.image_url.editingFinished.connect(self.load_preview)
        self.preview = QLabel()
        self.preview.setObjectName("imagePreview")
        self.preview.setFixedSize(PREVIEW_SIDE, PREVIEW_SIDE)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_note = label("", "muted")
        self.preview_note.setWordWrap(True)
        self.preview_note.setFixedWidth(PREVIEW_SIDE)
        self.field_errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setVerticalSpacing(6)
        form.setHorizontalSpacing(14)
        for name, text, widget in (
            ("sku", self.tr("SKU"), self.sku),
            ("barcode", self.tr("Barcode"), self.barcode),
            ("name_ko", self.tr("Name (Korean)"), self.name_ko),
            ("name_en", self.tr("Name (English)"), self.name_en),
            ("category_id", self.tr("Category"), self.category),
            ("price", self.tr("Price"), self.price),
            ("image_url", self.tr("Image address"), self.image_url),
        ):
            error = label("", "error")
            error.hide()
            self.field_errors[name] = error
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            form.addRow(label(text, "fieldLabel"), box)
        form.addRow("", self.age_restricted)
        form.addRow("", self.active)
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(self.preview_note)
        side.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(form, 1)
        columns.addLayout(side)
        self.error = label("", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setProperty("role", "primary")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(14)
        layout.addWidget(label(self.windowTitle(), "", "dialogTitle"))
        layout.addLayout(columns)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if product is not None:
            self.fill(product)
            self.name_ko.setFocus()
        else:
            self.sku.setFocus()
        self.set_preview_text(self.tr("No image"))

    def fill(self, p: ProductOut) -> None:
        self.sku.setText(p.sku)
        self.sku.setReadOnly(True)  # the SKU names the product in files and on receipts
        self.barcode.setText(p.barcode or "")
        self.name_ko.setText(p.name_ko)
        self.name_en.setText(p.name_en)
        self.category.setCurrentIndex(max(0, self.category.findData(p.category_id)))
        self.price.setValue(p.price)
        self.age_restricted.setChecked(p.age_restricted)
        self.active.setChecked(p.active)
        self.image_url.setText(p.image_url or "")
        if p.image_url:
            self.load_preview()

    def values(self) -> dict[str, Any]:
        return {
            "sku": self.sku.text().strip(),
            "barcode": self.barcode.text().strip() or None,
            "name_ko": self.name_ko.text().strip(),
            "name_en": self.name_en.text().strip(),
            "category_id": self.category.currentData(),
            "price": self.price.value(),
            "image_url": self.image_url.text().strip() or None,
            "age_restricted": self.age_restricted.isChecked(),
            "active": self.active.isChecked(),
        }

    # -- saving -------------------------------------------------------------------------------------------
    def save(self) -> None:
        self.show_errors({}, "")
        values = self.values()
        missing = {k: self.tr("Required.") for k in ("sku", "name_ko", "name_en") if not values[k]}
        if missing:
            self.show_errors(missing, self.tr("Fill in the marked fields."))
            return
        client = self.context.client
        if self.product is None:
            call: Any = (client.create_product, ProductIn(**values))
        else:
            changed = {k: v for k, v in values.items() if k != "sku" and getattr(self.product, k) != v}
            if not changed:
                self.accept()
                return
            call = (
                client.patch_product,
                self.product.id,
                ProductPatch(version=self.product.version, **changed),
            )
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("Saving…"))
        self.context.run(*call, on_done=self._saved, on_error=self._failed)

    def _saved(self, product: ProductOut) -> None:
        self.saved.emit(product)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.save_button.setText(self.tr("Save"))
        if isinstance(error, ConflictError) and error.code == "version_conflict":
            self.show_errors(
                {},
                self.tr(
                    "Someone else changed this product meanwhile. Close and open it again "
                    "to see their change."
                ),
            )
        elif isinstance(error, ApiError):
            fields = {(f or "").split(".")[-1]: m for f, m in error.field_errors().items()}
            self.show_errors(fields, error_text(error))
        else:
            self.show_errors({}, error_text(error))

    def show_errors(self, fields: dict[str, str], general: str) -> None:
        for name, widget in self.field_errors.items():
            widget.setText(fields.get(name, ""))
            widget.setVisible(name in fields)
        self.error.setText(general)
        self.error.setVisible(bool(general))

    # -- image --------------------------------------------------------------------------------------------
    def load_preview(self) -> None:
        url = self.image_url.text().strip()
        if not url:
            self.set_preview_text(self.tr("No image"))
            return
        self.set_preview_text(self.tr("Loading image…"))
        self.context.run(
            fetch_image,
            url,
            self.context.client.base_url,
            busy=False,
            on_done=self.show_image,
            on_error=self._image_failed,
        )

    def show_image(self, data: bytes) -> None:
        image = QPixmap()
        if not image.loadFromData(data):
            self.set_preview_text(self.tr("This file is not an image Qt can show."))
            return
        self.preview.setPixmap(
            image.scaled(
                PREVIEW_SIDE,
                PREVIEW_SIDE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.preview_note.setText(self.tr("As the kiosks will show it."))

    def _image_failed(self, error: BaseException) -> None:
        why = str(error) if isinstance(error, ImageUnavailable) else error_text(error)
        self.set_preview_text(self.tr("The image could not be loaded: %1").replace("%1", why))

    def set_preview_text(self, text: str) -> None:
        self.preview.setPixmap(self.placeholder)
        self.preview_note.setText(text)
