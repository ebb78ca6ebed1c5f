"""Session-wide test set-up: offscreen Qt, an in-memory keyring, no real user directories."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "core.keyring_memory.MemoryKeyring")
