"""The interface's language: the system's by default, or the one chosen in Settings ▸ Language.

Installed once, before any widget is built: the app's own `.qm` (built from `resources/translations/*.ts`
by `pyside6-lrelease`) and Qt's `qtbase_*.qm`, so that Qt's dialogs and buttons speak the same language.
A change in the menu takes effect at the next start, which the menu says.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app.core import i18n
from desktop_app.core.i18n import QT_TR_NOOP
from desktop_app.gui.resources import resource

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []  # taken out again when the language is installed anew (tests do)

# What Settings ▸ Language offers: each language written in itself, so anyone can find their own.
CHOICES = {"system": QT_TR_NOOP("System language"), "en": "English", "zh_CN": "简体中文"}


def locale_for(choice: str) -> QLocale:
    if choice in ("", "system"):
        return QLocale.system()
    return QLocale(choice)


def translation_name(locale: QLocale) -> str:
    """The shipped translation for a locale: "zh_CN" for Simplified Chinese (zh_CN, zh_SG, Hans script), and
    otherwise "en", whose file holds English's plural forms ("1 file", "2 files")."""
    if locale.language() == QLocale.Language.Chinese and locale.script() != QLocale.Script.TraditionalHanScript:
        return "zh_CN"
    return "en"


def install(choice: str) -> QLocale:
    """Sets the default locale (numbers, dates) and installs the translators; returns the locale in use.
    Translators already installed by an earlier call are taken out first."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication comes first"
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    locale = locale_for(choice)
    QLocale.setDefault(locale)
    name = translation_name(locale)
    translators: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(resource("translations", f"desktop_app_{name}.qm"))):
        translators.append(ours)
    else:
        log.warning("the %s translation is not built (make translations): the interface stays English", name)
    if name != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{name}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            translators.append(qt)
    for translator in translators:
        app.installTranslator(translator)
    _installed.extend(translators)
    i18n.use(QCoreApplication.translate, _number)
    return locale


def _number(value: float, decimals: int) -> str:
    return QLocale().toString(int(value)) if decimals < 0 else QLocale().toString(value, "f", decimals)


def uninstall() -> None:
    """Back to English, as before `install` (for tests that start the app in another language)."""
    app = QCoreApplication.instance()
    for old in _installed:
        if app is not None:
            app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(QLocale.c())
    i18n.use(i18n.english, i18n.plain_number)
