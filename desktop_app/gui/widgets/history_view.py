"""The history: every finished job, newest first, searchable; Enter or double-click reopens one."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
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

from desktop_app.core.i18n import arg, tr
from desktop_app.core.tasks import job_words, status_words
from desktop_app.gui.resources import icon
from desktop_app.store.history import HistoryEntry, HistoryStore

TASK_ICONS = {  # a task's entries by the icon of the panel that made them
    "generate": "message-square-text",
    "transcribe": "mic",
    "caption": "image",
    "translate": "languages",
    "fuse": "blend",
    "match": "blend",
    "search": "search",
}


class HistoryView(QWidget):
    entry_opened = Signal(object)  # HistoryEntry

    def __init__(self, history: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history = history
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search history"))
        self.search.setAccessibleName(tr("Search history"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("History"))
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.off = QLabel(arg(tr("History is off. %1"), history.problem))  # a folder the app cannot write to, say
        self.off.setWordWrap(True)
        self.off.setVisible(not history.available)
        self.empty = QLabel("")
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        open_button = QPushButton(tr("Open"))
        open_button.setToolTip(tr("Reopen the selected entry in its panel (Enter)"))
        delete_button = QPushButton(tr("Delete"))
        delete_button.setToolTip(tr("Delete the selected entry (Del)"))
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addWidget(delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.off)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self.refresh)
        self.list.itemActivated.connect(self._open_item)
        open_button.clicked.connect(self.open_selected)
        delete_button.clicked.connect(self.delete_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.delete_selected)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        entries = self.history.recent(search=self.search.text().strip())
        searching = bool(self.search.text().strip())
        self.empty.setText(
            tr("Nothing in the history matches.")
            if searching
            else tr("Nothing here yet: every answer, transcript, caption and translation is kept here.")
        )
        self.empty.setVisible(not entries and self.history.available)
        for entry in entries:
            when = QLocale().toString(
                QDateTime.fromSecsSinceEpoch(int(entry.created_at)), QLocale.FormatType.ShortFormat
            )
            status = "" if entry.status == "finished" else f" · {status_words(entry.status)}"
            item = QListWidgetItem(f"{entry.title()}\n{job_words(entry.task)} · {when}{status}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setIcon(icon(TASK_ICONS.get(entry.task, "history")))
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
