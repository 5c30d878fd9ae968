"""What an empty list or table says instead of a blank grid: a line in the middle of its viewport ("No
transcript yet: …") while it has no rows, in the theme's muted text, and as the view's accessible
description, so a screen reader says why it is empty too."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyState(QLabel):
    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(text, view.viewport())
        self.view = view
        self.setObjectName("emptyState")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks and drops reach the view
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
            signal.connect(self.refresh)
        self.refresh()

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.refresh()

    def refresh(self, *_: object) -> None:
        empty = self.view.model().rowCount() == 0
        self.setGeometry(self.view.viewport().rect().adjusted(12, 0, -12, 0))
        self.setVisible(empty)
        self.view.setAccessibleDescription(self.text() if empty else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect().adjusted(12, 0, -12, 0))
        return False
