"""Collects what a device delivers on its own thread, and lets a test wait for it without sleeping."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

WAIT = 10.0  # generous: a wait only runs this long when the behaviour under test is broken


class Recorder(Generic[T]):
    def __init__(self) -> None:
        self.items: list[T] = []
        self._changed = threading.Condition()

    def __call__(self, item: T) -> None:
        with self._changed:
            self.items.append(item)
            self._changed.notify_all()

    def wait_until(self, predicate: Callable[[list[T]], bool], timeout: float = WAIT) -> list[T]:
        with self._changed:
            if not self._changed.wait_for(lambda: predicate(self.items), timeout):
                raise AssertionError(f"condition not met within {timeout} s; got {self.items!r}")
            return list(self.items)

    def wait_for(self, match: Callable[[T], bool], timeout: float = WAIT) -> T:
        """The first item (already recorded or still to come) that matches."""
        found = self.wait_until(lambda items: any(match(i) for i in items), timeout)
        return next(i for i in found if match(i))

    def clear(self) -> None:
        with self._changed:
            self.items.clear()
