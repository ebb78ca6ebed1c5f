"""The catalogue as the screens use it (Qt-free): items by category, barcode lookup and a touch search.

A kiosk has no keyboard, so search is a keypad of Korean initial consonants (초성 검색, as Korean kiosks
and phone contact lists do: ㄱㅂ finds 김밥) or of Latin letters for English names. It runs in memory on
the snapshot, which is a few hundred items: far under a millisecond, no database round trip per tap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.schemas.catalogue import CatalogueItem, CategoryOut

_HANGUL_BASE = 0xAC00
_HANGUL_LAST = 0xD7A3
_SYLLABLES_PER_INITIAL = 21 * 28
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
# The keypad offers the 14 plain consonants; a tense one matches its plain partner (ㄲ is found by ㄱ).
_PLAIN = str.maketrans({"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"})
KEYPAD_INITIALS = "ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊㅋㅌㅍㅎ"
_WORD = re.compile(r"[\s\-/(),.+]+")


def initials(text: str) -> str:
    """Each Hangul syllable replaced by its (plain) initial consonant; other characters lower-cased."""
    out = []
    for char in text:
        code = ord(char)
        if _HANGUL_BASE <= code <= _HANGUL_LAST:
            out.append(INITIALS[(code - _HANGUL_BASE) // _SYLLABLES_PER_INITIAL])
        else:
            out.append(char.lower())
    return "".join(out).translate(_PLAIN).replace(" ", "")


def _is_initials_query(query: str) -> bool:
    return all(char in INITIALS for char in query)


@dataclass
class CatalogueView:
    categories: list[CategoryOut] = field(default_factory=list)
    items: list[CatalogueItem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_id = {item.product_id: item for item in self.items}
        self.by_barcode = {item.barcode: item for item in self.items if item.barcode}
        self._initials = {item.product_id: initials(item.name_ko) for item in self.items}
        self._english = {item.product_id: item.name_en.lower().replace(" ", "") for item in self.items}
        self._words = {item.product_id: _WORD.split(item.name_en.lower()) for item in self.items}

    def item(self, product_id: int) -> CatalogueItem | None:
        return self.by_id.get(product_id)

    def item_by_barcode(self, barcode: str) -> CatalogueItem | None:
        return self.by_barcode.get(barcode.strip())

    def category_name(self, category_id: int | None, language: str) -> str:
        for category in self.categories:
            if category.id == category_id:
                return category.name_ko if language == "ko" else category.name_en
        return ""

    def filter(self, category_id: int | None = None, query: str = "") -> list[CatalogueItem]:
        """Items of a category (None: all) whose name matches `query`; in-stock items first."""
        found: Iterable[CatalogueItem] = self.items
        if category_id is not None:
            found = (item for item in found if item.category_id == category_id)
        query = query.replace(" ", "").lower()
        if query:
            found = (item for item in found if self._matches(item.product_id, query))
        return sorted(found, key=lambda item: item.quantity <= 0)

    def _matches(self, product_id: int, query: str) -> bool:
        if _is_initials_query(query):
            return query.translate(_PLAIN) in self._initials[product_id]
        if any(word.startswith(query) for word in self._words[product_id]):
            return True  # "c" finds Cola and Cider, not Americano
        return len(query) >= 3 and (query in self._english[product_id] or query in self._initials[product_id])
