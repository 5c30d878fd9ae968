"""A window as a screen reader meets it: Qt's own accessibility interfaces, read for every interactive widget."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
)


def name_of(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def _qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (a spin box's line edit, a scroll bar, a file dialog): Qt names
    them, or they are not reached on their own."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox) and isinstance(widget, QLineEdit):
            return False  # an editable list's text box: where the focus goes, so it needs the list's name
        if isinstance(parent, QFileDialog | QInputDialog | QAbstractSpinBox | QComboBox | QLineEdit):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView | QScrollBar)


def labelled(widget: QWidget) -> bool:
    """A "labelled by" relation: how Qt gives a list its label on Linux, where its name is its value."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return bool(interface.relations(QAccessible.RelationFlag.Label))


def unnamed(root: QWidget) -> list[str]:
    """The interactive widgets under `root` with no accessible name, or (a list) with no label: a list that
    only says "en" says nothing about what it chooses."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or _qt_internal(widget) or widget.isHidden():
            continue  # (a hidden widget is not in a screen reader's tree; its panel's turn comes)
        name = name_of(widget)
        where = f"{type(widget).__name__} {widget.objectName() or ''} in {type(widget.parentWidget()).__name__}"
        if isinstance(widget, QComboBox):
            if not labelled(widget):
                problems.append(f"{where}: no label, only its value {name!r}")
        elif not name:
            problems.append(f"{where}: no name")
        elif isinstance(widget, QAbstractButton) and len(name) == 1 and not name.isalnum():
            problems.append(f"{where}: named by a glyph {name!r}")
    return problems
