"""A picture with a caption word's attention laid over it."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QImageReader, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.core.i18n import QT_TR_NOOP, arg, number, tr
from desktop_app.gui.panels.attention.qimage import rgb_image
from desktop_app.gui.widgets.cell_cursor import CellCursor
from desktop_app.interpret.overlay import blend, patch_heatmap

MAX_SIDE = 512


REGIONS = (
    QT_TR_NOOP("strongest in the top left of the picture"),
    QT_TR_NOOP("strongest at the top of the picture"),
    QT_TR_NOOP("strongest in the top right of the picture"),
    QT_TR_NOOP("strongest on the left of the picture"),
    QT_TR_NOOP("strongest in the middle of the picture"),
    QT_TR_NOOP("strongest on the right of the picture"),
    QT_TR_NOOP("strongest in the bottom left of the picture"),
    QT_TR_NOOP("strongest at the bottom of the picture"),
    QT_TR_NOOP("strongest in the bottom right of the picture"),
)


class ImageOverlayView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Image attention overlay"))
        self.pixels = np.zeros((0, 0, 3), np.uint8)  # the picture, at most MAX_SIDE, RGB
        self.heat = np.zeros((0, 0), np.float32)
        self._image = QImage()
        self.message = tr("Inspect a caption to see where each word looked")
        self.patches = np.zeros((0, 0), np.float32)  # the word's weight on each patch of the model's grid
        self.cell_cursor = CellCursor(self, lambda: (self.patches.shape[0], self.patches.shape[1]), self.patch_words)

    def set_picture(self, path: str) -> bool:
        reader = QImageReader(path)
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > MAX_SIDE:
            reader.setScaledSize(size.scaled(MAX_SIDE, MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if image.isNull():
            self.pixels, self.message = np.zeros((0, 0, 3), np.uint8), arg(tr("The picture cannot be read: %1"), path)
            self.update()
            return False
        image = image.convertToFormat(QImage.Format.Format_RGB888)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        self.pixels = rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()
        return True

    def set_weights(self, weights: np.ndarray, grid: tuple[int, int]) -> None:
        if self.pixels.size == 0:
            self.update()
            return
        height, width = self.pixels.shape[:2]
        self.patches = np.asarray(weights, np.float32).reshape(grid)
        self.cell_cursor.reset(self.cell_cursor.cell)
        self.heat = patch_heatmap(weights, grid, (width, height))
        self._image = rgb_image(blend(self.pixels, self.heat))
        self.setAccessibleDescription(self.summary())
        self.update()

    def summary(self) -> str:
        """Where the word looked most, in words: "strongest in the top left of the picture"."""
        if self.heat.size == 0:
            return ""
        y, x = np.unravel_index(int(np.argmax(self.heat)), self.heat.shape)
        height, width = self.heat.shape
        return tr(REGIONS[3 * min(2, 3 * int(y) // height) + min(2, 3 * int(x) // width)])

    def patch_words(self, row: int, column: int) -> str:
        return arg(tr("patch row %1, column %2: %3"), row + 1, column + 1, number(self.patches[row, column], 3))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.cell_cursor.key(event):
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self._image.isNull() or self.pixels.size == 0:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
            return
        target = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left, top = (self.width() - target.width()) // 2, (self.height() - target.height()) // 2
        painter.drawImage(QRect(left, top, target.width(), target.height()), self._image)
        rows, columns = self.patches.shape
        if rows and columns:
            row, column = self.cell_cursor.cell
            cell_w, cell_h = target.width() / columns, target.height() / rows
            self.cell_cursor.paint(
                painter, QRectF(QPointF(left + column * cell_w, top + row * cell_h), QSizeF(cell_w, cell_h))
            )
