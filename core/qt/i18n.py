"""Translations: one QTranslator per catalogue (`resources/translations/<catalogue>_<lang>.qm`).

Source strings are English, so 'en' needs no file. A language whose .qm is missing falls back to the source
strings and says so once in the log, rather than failing: a kiosk in English beats a kiosk that will not
start. Qt's own strings (standard buttons, dialogs) come from the qtbase catalogue shipped with PySide6.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("ko", "en")
SOURCE_LANGUAGE = "en"


class Translations:
    """Installs and swaps the translators of one application. Swapping sends every widget a
    `QEvent.LanguageChange`, which windows answer by setting their texts again (`retranslate()`)."""

    def __init__(self, app: QCoreApplication, catalogues: tuple[str, ...]) -> None:
        self._app = app
        self._catalogues = catalogues
        self._installed: list[QTranslator] = []
        self._warned: set[str] = set()
        self.language = SOURCE_LANGUAGE

    def set_language(self, language: str) -> bool:
        """Switch to `language`; True if every catalogue was found (always True for the source language)."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}; expected one of {LANGUAGES}")
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        QLocale.setDefault(QLocale(language))
        if language == SOURCE_LANGUAGE:
            return True
        complete = True
        for catalogue in self._catalogues:
            path = resource_path("translations", f"{catalogue}_{language}.qm")
            translator = QTranslator(self._app)
            if translator.load(str(path)):
                self._install(translator)
            else:
                complete = False
                self._warn_once(str(path))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt_translator = QTranslator(self._app)
        if qt_translator.load(f"qtbase_{language}", qt_dir):
            self._install(qt_translator)
        return complete

    def _install(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)

    def _warn_once(self, path: str) -> None:
        if path not in self._warned:
            self._warned.add(path)
            log.warning("translation %s is missing; showing source (English) strings", path)
