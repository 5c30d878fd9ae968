"""Every user-visible string goes through Qt's translation system: `tr()` here, for the GUI and the engines alike.

One translation context ("") for the whole app, so a free `tr("...")` works in any module, class or not
(`pyside6-lupdate` files such calls under that context), and a phrase is translated once wherever it
appears. Qt's `self.tr()` is not used: PySide looks its context up by the most derived class, so a string
in a base class would never be found for a subclass.

Arguments go in as `%1`, `%2` … with `arg()`, never through an f-string, so a translator can move them;
counts go in as `%n` with `n=` and get Qt's plural forms.

The model side never imports Qt (tests/test_layers.py), so this module only holds the hooks: the GUI
installs `QCoreApplication.translate` and `QLocale` into them at start (gui/language.py). Until then, and
in the CLI, the English source comes back with its numbers written plainly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_PLACEHOLDER = re.compile(r"%(\d)")


def english(_context: str, text: str, _disambiguation: str | None, n: int) -> str:
    """The source text, with English's two plural forms written as "file(s)" in it."""
    if n < 0:
        return text
    return text.replace("%n", str(n)).replace("(s)", "" if n == 1 else "s")


def plain_number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}" if decimals >= 0 else str(value)


_translate: Callable[[str, str, str | None, int], str] = english
_number: Callable[[float, int], str] = plain_number


def use(translate: Callable[[str, str, str | None, int], str], number: Callable[[float, int], str]) -> None:
    """Installs the translation and number-writing functions (the GUI's Qt ones)."""
    global _translate, _number
    _translate, _number = translate, number


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the interface's language; `%n` in it becomes `n`, in the locale's digits."""
    return _translate("", text, disambiguation, n)


def QT_TR_NOOP(text: str) -> str:
    """Marks a string declared as data (an option's label, a catalog's description) for translation; the
    code that shows it passes it through `tr()` then."""
    return text


def arg(text: str, *values: object) -> str:
    """`text` with `%1`…`%9` replaced in one pass (so a value holding "%2" stays as it is); whole numbers
    are written the locale's way, decimals with `number()`."""

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return _shown(values[index]) if 0 <= index < len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, text)


def number(value: float, decimals: int = 1) -> str:
    """A number written the locale's way, with `decimals` places."""
    return _number(float(value), decimals)


def _shown(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return _number(value, -1)
    return str(value)
