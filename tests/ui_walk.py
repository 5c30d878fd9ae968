"""Every string a window can show, read from its real widgets: labels, buttons, tool tips, placeholders, tabs,
lists, table headers, spin box words, menus and accessible names. Shared by the translation and the
accessibility tests."""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    return TAG.sub(" ", text).replace("&nbsp;", " ").strip()


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for what one widget shows or says about itself."""
    name = f"{type(widget).__name__}:{widget.objectName() or '-'}"
    yield name + ".toolTip", widget.toolTip()
    yield name + ".accessibleName", widget.accessibleName()
    yield name + ".accessibleDescription", widget.accessibleDescription()
    if widget.isWindow():
        yield name + ".windowTitle", widget.windowTitle()
    if isinstance(widget, QLabel):
        yield name + ".text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield name + ".text", widget.text()
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        yield name + ".placeholderText", widget.placeholderText()
    if isinstance(widget, QGroupBox):
        yield name + ".title", widget.title()
    if isinstance(widget, QTabWidget):
        for index in range(widget.count()):
            yield name + ".tabText", widget.tabText(index)
            yield name + ".tabToolTip", widget.tabToolTip(index)
    if isinstance(widget, QTabBar):
        for index in range(widget.count()):
            yield name + ".tabText", widget.tabText(index)
    if isinstance(widget, QComboBox):
        for index in range(widget.count()):
            yield name + ".item", widget.itemText(index)
    if isinstance(widget, QAbstractSpinBox):
        yield name + ".specialValueText", widget.specialValueText()
        yield name + ".suffix", getattr(widget, "suffix", lambda: "")()
    if isinstance(widget, QAbstractItemView) and isinstance(widget.model(), QAbstractTableModel | QStandardItemModel):
        model = widget.model()
        for column in range(model.columnCount()):
            yield name + ".header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")


def action_texts(actions: list[QAction], where: str = "menu") -> Iterator[tuple[str, str]]:
    for action in actions:
        yield where + ".action", action.text()
        yield where + ".actionToolTip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        menu = action.menu()
        if isinstance(menu, QMenu):
            yield from action_texts(menu.actions(), where + "/" + action.text())


def _in_file_dialog(widget: QWidget) -> bool:
    while widget is not None:
        if isinstance(widget, QFileDialog):
            return True
        widget = widget.parentWidget()
    return False


def all_texts(root: QWidget) -> list[tuple[str, str]]:
    """Everything `root` and its children show, shown now or not (a hidden Cancel button shows later)."""
    found = list(widget_texts(root))
    for child in root.findChildren(QWidget):
        if _in_file_dialog(child):
            continue  # Qt's own dialog, translated by Qt
        found += widget_texts(child)
        found += action_texts(child.actions(), type(child).__name__)
    return [(where, plain(text)) for where, text in found if plain(text)]
