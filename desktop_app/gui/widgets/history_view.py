"""The history: every finished job, newest first, searchable; Enter or double-click reopens one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.store.history import HistoryEntry, HistoryStore


class HistoryView(QWidget):
    entry_opened = Signal(object)  # HistoryEntry

    def __init__(self, history: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search history")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.off = QLabel(f"History is off. {history.problem}")  # a folder the app cannot write to, say
        self.off.setWordWrap(True)
        self.off.setVisible(not history.available)
        open_button = QPushButton("Open")
        open_button.setToolTip("Reopen the selected entry in its panel (Enter)")
        delete_button = QPushButton("Delete")
        delete_button.setToolTip("Delete the selected entry (Del)")
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.off)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self.refresh)
        self.list.itemActivated.connect(self._open_item)
        open_button.clicked.connect(self.open_selected)
        delete_button.clicked.connect(self.delete_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.delete_selected)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for entry in self.history.recent(search=self.search.text().strip()):
            when = dt.datetime.fromtimestamp(entry.created_at).strftime("%Y-%m-%d %H:%M")
            status = "" if entry.status == "finished" else f" · {entry.status}"
            item = QListWidgetItem(f"{entry.title()}\n{entry.task} · {when}{status}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(str(entry.outputs.get("text", ""))[:500])
            self.list.addItem(item)

    def open_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._open_item(item)

    def delete_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.history.delete(int(item.data(Qt.ItemDataRole.UserRole)))
            self.refresh()

    def _open_item(self, item: QListWidgetItem) -> None:
        entry: HistoryEntry | None = self.history.get(int(item.data(Qt.ItemDataRole.UserRole)))
        if entry is not None:
            self.entry_opened.emit(entry)
