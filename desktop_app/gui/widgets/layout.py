"""Small builders for the panels' layouts, so a panel's `_build` reads as what it shows: rows and columns of
parts, and buttons with their tooltip and action in one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QMenu, QPushButton, QVBoxLayout, QWidget

from desktop_app.gui.resources import set_icon

# A widget or a layout; (part, stretch) to stretch it; None for an empty stretch.
Part = QWidget | QLayout | tuple[QWidget | QLayout, int] | None
Box = TypeVar("Box", bound=QBoxLayout)


def button(text: str, tip: str = "", clicked: Callable[[], object] | None = None, icon_name: str = "") -> QPushButton:
    """A push button with its tooltip, its action and, by its Lucide name, its icon."""
    made = QPushButton(text)
    if icon_name:
        set_icon(made, icon_name)
    if tip:
        made.setToolTip(tip)
    if clicked is not None:
        made.clicked.connect(lambda _checked=False: clicked())
    return made


def menu_button(
    text: str, choices: list[tuple[str, str]], chosen: Callable[[str], object], tip: str = "", icon_name: str = ""
) -> QPushButton:
    """A button that opens a menu of (label, key) choices; choosing one calls `chosen(key)` (Export ▾)."""
    made = button(text, tip, icon_name=icon_name)
    menu = QMenu(made)
    for label, key in choices:
        menu.addAction(label).setData(key)
    menu.triggered.connect(lambda action: chosen(str(action.data())))
    made.setMenu(menu)
    return made


def fill(layout: Box, parts: tuple[Part, ...]) -> Box:
    for part in parts:
        if part is None:
            layout.addStretch(1)
            continue
        item, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(item, QLayout):
            layout.addLayout(item, stretch)
        else:
            layout.addWidget(item, stretch)
    return layout


def hbox(*parts: Part) -> QHBoxLayout:
    return fill(QHBoxLayout(), parts)


def vbox(*parts: Part) -> QVBoxLayout:
    return fill(QVBoxLayout(), parts)


def pane(*parts: Part) -> QWidget:
    """A widget holding a margin-less column: a side of a splitter."""
    widget = QWidget()
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    fill(layout, parts)
    return widget
