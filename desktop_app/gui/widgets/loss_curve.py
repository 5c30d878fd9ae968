"""The live loss curve of a training job: one line per run and split (LoRA's train and validation loss, or
the plain and the distilled student's), drawn as the points stream in, in the theme's colours. A screen
reader hears the latest values through the widget's accessible description."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.tuning.training import LossPoint

# The runs' names in the legend: a distilled student's loss mixes the teacher's KL with the text's own loss,
# so the legend says so beside the plain student's text loss.
RUN_WORDS = {
    "lora": QT_TR_NOOP("LoRA"),
    "plain": QT_TR_NOOP("student, text loss"),
    "distilled": QT_TR_NOOP("distilled, KL + text loss"),
}
SPLIT_WORDS = {"train": QT_TR_NOOP("train"), "validation": QT_TR_NOOP("validation")}
COLOURS = ("#3b82f6", "#f97316", "#10b981", "#e11d48")  # distinguishable in both themes and to most eyes
MARGIN = 36


class LossCurve(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: dict[tuple[str, str], list[tuple[int, float]]] = {}
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(tr("Loss curve"))
        self.setAccessibleDescription(tr("No training has run yet."))

    def clear(self) -> None:
        self.lines.clear()
        self.setAccessibleDescription(tr("No training has run yet."))
        self.update()

    def take(self, items: tuple[object, ...]) -> None:
        """The loss points among a job's streamed items."""
        for item in items:
            if isinstance(item, LossPoint):
                self.add(item)

    def add(self, point: LossPoint) -> None:
        line = self.lines.setdefault((point.run, point.split), [])
        line[:] = [p for p in line if p[0] != point.step]  # a resumed run repeats no step
        line.append((point.step, point.loss))
        line.sort()
        self.setAccessibleDescription(self.summary())
        self.update()

    def summary(self) -> str:
        parts = [
            arg(
                tr("%1 %2 loss %3 at step %4"),
                _words(run, split)[0],
                _words(run, split)[1],
                f"{line[-1][1]:.3f}",
                line[-1][0],
            )
            for (run, split), line in self.lines.items()
            if line
        ]
        return "; ".join(parts) or tr("No training has run yet.")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().text().color()
        area = QRectF(MARGIN, 8, max(1, self.width() - MARGIN - 8), max(1, self.height() - 8 - MARGIN))
        painter.setPen(QPen(text, 1))
        painter.drawRect(area)
        points = [p for line in self.lines.values() for p in line if math.isfinite(p[1])]
        if not points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, tr("The loss shows here while training runs."))
            return
        last_step = max(1, max(s for s, _ in points))
        top = max(v for _, v in points)
        bottom = min(0.0, min(v for _, v in points))
        span = max(top - bottom, 1e-9)

        def place(step: int, value: float) -> QPointF:
            return QPointF(
                area.left() + area.width() * step / last_step, area.bottom() - area.height() * (value - bottom) / span
            )

        painter.drawText(QRectF(0, area.top() - 4, MARGIN - 4, 16), Qt.AlignmentFlag.AlignRight, f"{top:.2g}")
        painter.drawText(QRectF(0, area.bottom() - 12, MARGIN - 4, 16), Qt.AlignmentFlag.AlignRight, f"{bottom:.2g}")
        painter.drawText(
            QRectF(area.left(), area.bottom() + 2, area.width(), 16),
            Qt.AlignmentFlag.AlignRight,
            arg(tr("step %1"), last_step),
        )
        legend_x = area.left() + 8
        for index, ((run, split), line) in enumerate(self.lines.items()):
            colour = QColor(COLOURS[index % len(COLOURS)])
            pen = QPen(colour, 2, Qt.PenStyle.SolidLine if split == "train" else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            path = QPainterPath()
            for number, (step, value) in enumerate(line):
                spot = place(step, value)
                path.moveTo(spot) if number == 0 else path.lineTo(spot)
            painter.drawPath(path)
            label = " · ".join(_words(run, split))
            y = area.bottom() + 18
            painter.drawLine(QPointF(legend_x, y - 4), QPointF(legend_x + 16, y - 4))
            painter.setPen(QPen(text, 1))
            painter.drawText(QPointF(legend_x + 20, y), label)
            legend_x += 28 + painter.fontMetrics().horizontalAdvance(label)


def _words(run: str, split: str) -> tuple[str, str]:
    return tr(RUN_WORDS.get(run, run)), tr(SPLIT_WORDS.get(split, split))
