"""A token x token attention heatmap, and a grid of small ones for every layer and head (the model view).

The matrix is coloured once into a QImage (numpy, viridis) and scaled when painted, so moving the layer or
head sliders redraws at once even for 512 tokens. Hovering a cell shows the two tokens and the weight; the
arrow keys move a cursor over the cells, each said to a screen reader, and the view's description says
where the attention is strongest. Column labels are turned on their side, but Chinese, Japanese and Korean
ones stay upright, one character under another, as those scripts are read.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.core.i18n import arg, number, tr
from desktop_app.gui import theme
from desktop_app.gui.panels.attention.qimage import rgb_image
from desktop_app.gui.widgets.cell_cursor import CellCursor
from desktop_app.interpret.render import colours
from desktop_app.interpret.token_text import readable_all

LABEL_WIDTH = 90


CJK = (("\u2e80", "\u9fff"), ("\uac00", "\ud7af"), ("\uf900", "\ufaff"))  # hanzi and kana, hangul, compatibility


def upright(token: str) -> bool:
    """Chinese, Japanese or Korean: labels in these scripts are not turned on their side."""
    return any(low <= char <= high for char in token for low, high in CJK)


class HeatmapView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Attention heatmap"))
        self.matrix = np.zeros((0, 0), np.float32)
        self.rows: tuple[str, ...] = ()
        self.columns: tuple[str, ...] = ()
        self._image = QImage()
        self.summary = ""
        self.cell_cursor = CellCursor(self, self._cells, self.cell_words)

    def set_matrix(self, matrix: np.ndarray, rows: Sequence[str], columns: Sequence[str]) -> None:
        self.matrix = np.asarray(matrix, dtype=np.float32)
        self.rows, self.columns = readable_all(rows), readable_all(columns)  # byte-level "åĮĹ" shows as 北
        peak = float(self.matrix.max()) if self.matrix.size else 1.0
        self._image = rgb_image(colours(self.matrix / (peak or 1.0))) if self.matrix.size else QImage()
        self.summary = self._strongest() if self.matrix.size else ""
        self.setAccessibleDescription(self.summary)
        self.cell_cursor.reset(self.cell_cursor.cell)
        self.update()

    def _cells(self) -> tuple[int, int]:
        return (self.matrix.shape[0], self.matrix.shape[1]) if self.matrix.ndim == 2 else (0, 0)

    def cell_words(self, row: int, column: int) -> str:
        return arg(tr("%1 → %2: %3"), self.rows[row], self.columns[column], number(self.matrix[row, column], 2))

    def _strongest(self) -> str:
        row, column = np.unravel_index(int(np.argmax(self.matrix)), self.matrix.shape)
        return arg(tr("strongest: %1"), self.cell_words(int(row), int(column)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.cell_cursor.key(event):
            super().keyPressEvent(event)

    def _grid_rect(self) -> QRect:
        width, height = self.width() - LABEL_WIDTH, self.height() - LABEL_WIDTH
        if self.rows == self.columns:  # token x token: square cells
            width = height = min(width, height)
        return QRect(LABEL_WIDTH, LABEL_WIDTH, max(width, 1), max(height, 1))

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        rect = self._grid_rect()
        if self._image.isNull() or not rect.contains(point):
            return None
        rows, columns = self.matrix.shape
        return (
            min(rows - 1, (point.y() - rect.top()) * rows // rect.height()),
            min(columns - 1, (point.x() - rect.left()) * columns // rect.width()),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self._image.isNull():
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("Run a model to see its attention"))
            return
        rect = self._grid_rect()
        painter.drawImage(rect, self._image)
        rows, columns = self.matrix.shape
        cell_h, cell_w = rect.height() / rows, rect.width() / columns
        painter.setPen(self.palette().text().color())
        if cell_h >= 9:  # labels only where they can be read
            for i, token in enumerate(self.rows):
                painter.drawText(
                    QRect(2, int(rect.top() + i * cell_h), LABEL_WIDTH - 4, int(cell_h)),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    token[:14],
                )
        if cell_w >= 9:
            for j, token in enumerate(self.columns):
                left = int(rect.left() + j * cell_w)
                if upright(token):  # one character under another, the way a vertical line of hanzi reads
                    painter.drawText(
                        QRect(left, 2, int(cell_w), LABEL_WIDTH - 4),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                        "\n".join(token.strip()[:5]),
                    )
                    continue
                painter.save()
                painter.rotate(-90)
                painter.drawText(
                    QRect(-LABEL_WIDTH + 2, left, LABEL_WIDTH - 4, int(cell_w)),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    token[:14],
                )
                painter.restore()
        row, column = self.cell_cursor.cell
        self.cell_cursor.paint(
            painter, QRectF(rect.left() + column * cell_w, rect.top() + row * cell_h, cell_w, cell_h)
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            QToolTip.hideText()
            return
        i, j = cell
        QToolTip.showText(event.globalPosition().toPoint(), self.cell_words(i, j), self)


class HeadGrid(QWidget):
    """Every layer (rows) and head (columns) as a small heatmap; click one to look at it closely."""

    head_chosen = Signal(int, int)  # layer, head

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(200, 160)
        self.setAccessibleName(tr("All layers and heads"))
        self._weights: tuple[np.ndarray, int] | None = None
        theme.changes().changed.connect(self._on_theme_changed)
        self._image = QImage()
        self._shape = (0, 0)
        self.selected = (0, 0)
        self.cell_cursor = CellCursor(
            self, lambda: self._shape, lambda layer, head: arg(tr("layer %1, head %2"), layer, head)
        )
        self.setToolTip(tr("Arrow keys move over the heads; Enter or a click opens one"))

    def set_weights(self, weights: np.ndarray, thumb: int = 32) -> None:
        """(layers, heads, rows, columns) -> one image of thumbnails, each head scaled to its own maximum."""
        self._weights = (weights, thumb)
        layers, heads, rows, columns = weights.shape
        small = np.asarray(weights[:, :, :: max(1, rows // thumb), :: max(1, columns // thumb)], dtype=np.float32)
        small /= small.max(axis=(2, 3), keepdims=True).clip(1e-9)
        (height, width), gap = small.shape[-2:], 2
        paper = QColor(theme.current().base)  # the gaps between heads: the theme's background
        canvas = np.empty((layers * (height + gap), heads * (width + gap), 3), np.uint8)
        canvas[...] = (paper.red(), paper.green(), paper.blue())
        for layer in range(layers):
            for head in range(heads):
                y, x = layer * (height + gap), head * (width + gap)
                canvas[y : y + height, x : x + width] = colours(small[layer, head])
        self._image, self._shape = rgb_image(canvas), (layers, heads)
        self.cell_cursor.reset(self.selected)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and not self._image.isNull():
            self.open(*self.cell_cursor.cell)
        elif not self.cell_cursor.key(event):
            super().keyPressEvent(event)

    def open(self, layer: int, head: int) -> None:
        self.selected = (layer, head)
        self.cell_cursor.cell = (layer, head)
        self.update()
        self.head_chosen.emit(layer, head)

    def _on_theme_changed(self, _theme: object) -> None:
        if self._weights is not None:  # the gaps between heads are the theme's background: drawn again
            self.set_weights(*self._weights)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self._image.isNull():
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, tr("Every layer and head shows here"))
            return
        target = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRect(QPoint(0, 0), target), self._image)
        layers, heads = self._shape
        cell_w, cell_h = target.width() / heads, target.height() / layers
        painter.setPen(QColor(theme.current().accent))
        layer, head = self.selected
        painter.drawRect(int(head * cell_w), int(layer * cell_h), int(cell_w) - 1, int(cell_h) - 1)
        layer, head = self.cell_cursor.cell
        self.cell_cursor.paint(painter, QRectF(head * cell_w, layer * cell_h, cell_w, cell_h))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._image.isNull():
            return
        target = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        point = event.position().toPoint()
        layers, heads = self._shape
        if 0 <= point.x() < target.width() and 0 <= point.y() < target.height():
            self.open(point.y() * layers // target.height(), point.x() * heads // target.width())
