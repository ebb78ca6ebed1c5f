"""Guard against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 (cp310-abi3 wheel) drops a reference to None on every Qt call returning nothing; on
Python 3.11, where None is not immortal, a busy GUI reaches a zero count within seconds and CPython aborts
("none_dealloc"). pyproject.toml excludes that release and requirements/lock.txt pins 6.11.3; this test
fails loudly if a build with the defect is ever installed again.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_qt_calls_do_not_leak_references_to_none() -> None:
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        probe.setObjectName("probe")
    # Other threads may hold or drop a few references meanwhile; the defect costs one per call.
    assert before - sys.getrefcount(None) < 50
