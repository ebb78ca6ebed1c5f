"""Kiosk registration: the one-time code dialog and its QR code."""
