"""A keyboard cursor over a painted grid (a heatmap, the grid of heads, an image's patches): the arrow keys move
it, Home and End go to a row's ends, Page Up and Page Down to the column's; each move is said to a screen
reader (row, column and value) and kept as the view's accessible description. Enter is the view's own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QWidget

from desktop_app.gui import theme
from desktop_app.gui.accessibility import announce

MOVES = {
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Down: (1, 0),
}


class CellCursor:
    def __init__(
        self, view: QWidget, shape: Callable[[], tuple[int, int]], describe: Callable[[int, int], str]
    ) -> None:
        self.view, self.shape, self.describe = view, shape, describe
        self.cell = (0, 0)
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def reset(self, cell: tuple[int, int] = (0, 0)) -> None:
        rows, columns = self.shape()
        self.cell = (min(cell[0], max(rows - 1, 0)), min(cell[1], max(columns - 1, 0)))

    def key(self, event: QKeyEvent) -> bool:
        """Moves the cursor for an arrow, Home, End, Page Up or Page Down; False for any other key."""
        rows, columns = self.shape()
        if not rows or not columns:
            return False
        row, column = self.cell
        key = event.key()
        if key in MOVES:
            step_row, step_column = MOVES[Qt.Key(key)]
            row, column = row + step_row, column + step_column
        elif key == Qt.Key.Key_Home:
            column = 0
        elif key == Qt.Key.Key_End:
            column = columns - 1
        elif key == Qt.Key.Key_PageUp:
            row = 0
        elif key == Qt.Key.Key_PageDown:
            row = rows - 1
        else:
            return False
        self.move_to(min(max(row, 0), rows - 1), min(max(column, 0), columns - 1))
        return True

    def move_to(self, row: int, column: int) -> None:
        self.cell = (row, column)
        words = self.describe(row, column)
        self.view.setAccessibleDescription(words)
        self.view.setToolTip(words)
        announce(self.view, words)
        self.view.update()

    def paint(self, painter: QPainter, cell: QRectF) -> None:
        """The cursor's outline over `cell`, only while the view has the keyboard."""
        if not self.view.hasFocus():
            return
        painter.save()
        pen = QPen(QColor(theme.current().accent))
        pen.setWidth(2)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(cell.adjusted(1, 1, -1, -1))
        painter.restore()
