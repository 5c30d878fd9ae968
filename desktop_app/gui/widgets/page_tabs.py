"""Tabs whose bar never moves: the bar on top, then what every page shares (a banner, a model picker), then
the pages. With a QTabWidget, a picker shown for some pages above it pushed the bar down by its height each
time the page changed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QTabBar, QVBoxLayout, QWidget


class PageTabs(QWidget):
    currentChanged = Signal(int)  # as QTabWidget's

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QTabBar()
        self.bar.setExpanding(False)
        self.shared = QVBoxLayout()  # what all the pages share, between the bar and the pages
        self.shared.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addLayout(self.shared)
        layout.addWidget(self.pages, 1)
        self.bar.currentChanged.connect(self.pages.setCurrentIndex)
        self.bar.currentChanged.connect(self.currentChanged)

    def addTab(self, page: QWidget, label: str) -> int:
        self.pages.addWidget(page)
        return self.bar.addTab(label)

    def add_shared(self, widget: QWidget) -> None:
        self.shared.addWidget(widget)

    def count(self) -> int:
        return self.bar.count()

    def currentIndex(self) -> int:
        return self.bar.currentIndex()

    def setCurrentIndex(self, index: int) -> None:
        self.bar.setCurrentIndex(index)

    def currentWidget(self) -> QWidget | None:
        return self.pages.currentWidget()

    def setCurrentWidget(self, page: QWidget) -> None:
        self.bar.setCurrentIndex(self.pages.indexOf(page))

    def widget(self, index: int) -> QWidget | None:
        return self.pages.widget(index)

    def indexOf(self, page: QWidget) -> int:
        return self.pages.indexOf(page)

    def tabText(self, index: int) -> str:
        return self.bar.tabText(index)
