"""The conversations beside the chat: newest first, searchable (titles and messages), with New, Rename,
Delete and Export."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.core.i18n import tr
from desktop_app.gui.widgets.layout import button, hbox, menu_button
from desktop_app.store.conversations import Conversation


class ConversationList(QWidget):
    chosen = Signal(int)  # a conversation's id
    new_requested = Signal()
    rename_requested = Signal(int)
    delete_requested = Signal(int)
    export_requested = Signal(str)  # "md" or "json"
    search_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search conversations"))
        self.search.setAccessibleName(tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Conversations"))
        self.empty = QLabel(tr("No conversations yet."))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_button = button(
            tr("&New"), tr("A new conversation (Ctrl+N)"), self.new_requested.emit, "message-square-text"
        )
        self.rename_button = button(tr("&Rename"), tr("Rename the selected conversation (F2)"), self._rename)
        self.delete_button = button(tr("De&lete"), tr("Delete the selected conversation"), self._delete, "trash-2")
        self.export_button = menu_button(
            tr("E&xport ▾"),
            [(tr("Markdown…"), "md"), (tr("JSON…"), "json")],
            self.export_requested.emit,
            icon_name="download",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addLayout(hbox(self.new_button, self.rename_button))
        layout.addLayout(hbox(self.delete_button, self.export_button))
        self.search.textChanged.connect(self.search_changed)
        self.list.currentItemChanged.connect(self._on_current_changed)
        QShortcut(QKeySequence("F2"), self.list, self._rename, context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self._delete, context=Qt.ShortcutContext.WidgetShortcut)

    def show_conversations(self, conversations: list[Conversation], current: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for conversation in conversations:
            item = QListWidgetItem(conversation.title or tr("New conversation"))
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            item.setToolTip(conversation.title)
            self.list.addItem(item)
            if conversation.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not conversations)
        self.empty.setText(tr("No conversations match.") if self.search.text().strip() else tr("No conversations yet."))
        for widget in (self.rename_button, self.delete_button, self.export_button):
            widget.setEnabled(current is not None)

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _on_current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _rename(self) -> None:
        current = self.current_id()
        if current is not None:
            self.rename_requested.emit(current)

    def _delete(self) -> None:
        current = self.current_id()
        if current is not None:
            self.delete_requested.emit(current)
