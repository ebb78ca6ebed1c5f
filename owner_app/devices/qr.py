"""A QR code as a QImage, drawn from qrcode's module matrix (no Pillow needed)."""

from __future__ import annotations

from urllib.parse import urlencode

import qrcode
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter


def qr_image(text: str, side: int = 240, dark: str = "#111111", light: str = "#ffffff") -> QImage:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    modules = len(matrix)
    scale = max(1, side // modules)
    size = scale * modules
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(light))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(dark))
    for y, row in enumerate(matrix):
        for x, filled in enumerate(row):
            if filled:
                painter.drawRect(QRect(x * scale, y * scale, scale, scale))
    painter.end()
    return image


def activation_uri(server_url: str, code: str) -> str:
    """What the QR code carries: the kiosk's camera can read the server and the code in one go."""
    return "autostore://activate?" + urlencode({"server": server_url, "code": code})
