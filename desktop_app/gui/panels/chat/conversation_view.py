"""The branch of a conversation on screen, message after message, scrolling; a rule where the oldest turns
no longer fit the model's context; and what to do when there is nothing yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.gui.panels.chat.message_view import MessageView
from desktop_app.store.conversations import Message

EMPTY = QT_TR_NOOP(
    "Start a conversation: type a message below and press Ctrl+Enter.\n"
    "Each answer can be copied, regenerated or inspected; edit one of your messages to branch from it."
)


class ConversationView(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # messages wrap instead
        self.setAccessibleName(tr("Conversation"))
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.addStretch(1)
        self.setWidget(self.body)
        self.views: list[MessageView] = []
        self.empty = QLabel(tr(EMPTY))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.column.insertWidget(0, self.empty)
        self.rule = QLabel("")
        self.rule.setObjectName("contextRule")
        self.rule.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.rule.setWordWrap(True)
        self.rule.hide()
        self.column.insertWidget(0, self.rule)

    def show_messages(self, views: list[MessageView], dropped: int = 0) -> None:
        for old in self.views:
            self.column.removeWidget(old)
            old.deleteLater()
        self.views = views
        for view in views:
            self.column.insertWidget(self.column.count() - 1, view)  # above the stretch
        self.empty.setVisible(not views)
        self.set_dropped(dropped)

    def set_dropped(self, dropped: int) -> None:
        """A rule after the `dropped` oldest messages: the model no longer reads what is above it."""
        self.column.removeWidget(self.rule)
        if dropped <= 0 or not self.views:
            self.rule.hide()
            return
        self.rule.setText(
            tr(
                "── The %n oldest message(s) above no longer fit the model's context: it does not read them ──",
                None,
                dropped,
            )
        )
        self.column.insertWidget(1 + min(dropped, len(self.views)), self.rule)  # after the empty state, those
        self.rule.show()

    def append(self, view: MessageView) -> None:
        self.views.append(view)
        self.column.insertWidget(self.column.count() - 1, view)
        self.empty.hide()

    def scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def message_view(self, message: Message) -> MessageView | None:
        return next((view for view in self.views if view.message.id == message.id), None)
