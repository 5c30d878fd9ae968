"""Files dragged onto the window, wherever they land (a text box included), go where the window sends files:
images and folders to Caption, audio to Speech; onto the Fusion panel, into its slots. While a drag of files
is over the window, the panel that will take them lights up and says what it will do. A drag of text is left
alone: it still pastes as text.

One event filter does it, on the window and on every widget of it that takes drops itself (the text boxes,
which would paste a file as `file:///…`), instead of a drop handler per panel: a panel cannot see a drop
that lands on its text box."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QMimeData, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QDragMoveEvent, QDropEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QTabWidget, QWidget

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.gui import theme

DRAG_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.DragLeave, QEvent.Type.Drop)
ROUTED_HINT = QT_TR_NOOP("Drop to open: images and folders go to Caption, audio to Speech")


@runtime_checkable
class DropTarget(Protocol):
    """A panel that takes dropped files itself (Fusion's slots) instead of the window's routing."""

    def drop_files(self, paths: list[str]) -> None: ...

    def drop_hint(self) -> str: ...


def local_files(mime: QMimeData) -> list[str]:
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []


class DropHighlight(QWidget):
    """Lights up the panel a drag is over, with what a drop will do; mouse and drops pass through it."""

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setObjectName("dropHighlight")
        self.hint = ""
        self.hide()

    def cover(self, target: QWidget, hint: str) -> None:
        if self.parentWidget() is not target:
            self.setParent(target)
        self.hint = hint
        self.setGeometry(target.rect())
        self.raise_()
        self.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        colours = theme.current()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = QColor(colours.highlight)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.setPen(QPen(QColor(colours.highlight), 3))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 10, 10)
        painter.setPen(QColor(colours.window_text))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.hint)


class DropRouter(QObject):
    def __init__(self, window: QWidget, tabs: QTabWidget, route: Callable[[list[str]], None]) -> None:
        super().__init__(window)
        self.window, self.tabs, self.route = window, tabs, route
        self.highlight = DropHighlight()
        window.setAcceptDrops(True)  # a drag over a part that takes no drops of its own reaches the window
        self.watch(window)

    def watch(self, root: QWidget) -> None:
        """Filter the drags of `root` and of every widget under it that takes drops (call again for widgets
        added later that do)."""
        for widget in [root, *root.findChildren(QWidget)]:
            if widget is root or widget.acceptDrops():
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in DRAG_EVENTS or not isinstance(watched, QWidget) or watched.window() is not self.window:
            return False
        if event.type() == QEvent.Type.DragLeave:
            self.highlight.hide()  # entering another widget of the window shows it again
            return False
        assert isinstance(event, QDragMoveEvent | QDropEvent)
        files = local_files(event.mimeData())
        if not files:
            return False  # text and anything else: the widget's own handling
        target = self._target(watched)
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            self.highlight.hide()
            if isinstance(target, DropTarget):
                target.drop_files(files)
            else:
                self.route(files)
        else:
            self.highlight.cover(target, target.drop_hint() if isinstance(target, DropTarget) else tr(ROUTED_HINT))
        return True

    def _target(self, widget: QWidget) -> QWidget:
        """The panel that takes a drop on `widget`: the one it belongs to (the window's current one, when it is
        outside the panels)."""
        current = self.tabs.currentWidget()
        walker: QWidget | None = widget
        while walker is not None:
            if self.tabs.indexOf(walker) >= 0:
                return walker
            walker = walker.parentWidget()
        return current if current is not None else self.window
