"""Explanations beside attention, for the answer on view: each word of the prompt scored by LIME, Kernel SHAP,
integrated gradients, feature ablation and attention, side by side, with each method's faithfulness and the
methods' agreement, and words on what those numbers mean."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.events import JobCancelled, JobFailed, JobFinished
from desktop_app.core.explain_requests import METHODS, ExplainRequest, Explanation
from desktop_app.core.i18n import QT_TR_NOOP, arg, number, tr
from desktop_app.core.options import options_of
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.elided_label import ElidedLabel
from desktop_app.gui.widgets.layout import button
from desktop_app.interpret.render import colours
from desktop_app.workers.inference_worker import InferenceWorker

HEADERS = {
    "lime": "LIME",
    "kernelshap": "Kernel SHAP",
    "ig": QT_TR_NOOP("Integrated gradients"),
    "ablation": QT_TR_NOOP("Ablation"),
    "attention": QT_TR_NOOP("Attention"),
}
ABOUT = QT_TR_NOOP(
    "Each column scores the prompt's words by how much they make the model give this answer. Attention shows "
    "where the model looked, which is not why it answered: compare it with the methods that remove words and "
    "measure the change (LIME, Kernel SHAP, ablation) or follow the gradient (integrated gradients). "
    "Faithfulness (AOPC): how far the answer's log-probability falls when a method's top 1 to 3 words are "
    "removed, against random words; above random, the method found words the model uses. Agreement: "
    "Spearman's rank correlation of two methods (1: the same order, 0: unrelated)."
)


class ExplainView(QWidget):
    def __init__(self, worker: InferenceWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject: tuple[str, str, str] | None = None  # prompt, answer, model
        self.result: Explanation | None = None
        spec = options_of(ExplainRequest)["samples"]
        self.samples = QSpinBox()
        self.samples.setRange(int(spec.minimum or 1), int(spec.maximum or 5000))
        self.samples.setValue(int(spec.default))
        self.samples.setToolTip(tr(spec.help))
        samples_label = QLabel(tr(spec.label))
        samples_label.setBuddy(self.samples)
        self.explain_button = button(
            tr("&Explain this answer"),
            tr("Score each word of the prompt by LIME, Kernel SHAP, integrated gradients, ablation and attention"),
            self.run,
            "scan-search",
        )
        self.progress, self.status = QProgressBar(), ElidedLabel("")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.job = PanelJob(worker, self.progress, self.status, self)
        self.job.finished.connect(self._on_finished)
        self.job.cancelled.connect(self._on_cancelled)
        self.job.failed.connect(self._on_failed)
        self.cancel_button = button(tr("Stop"), tr("Stop; the methods that finished stay"), self.job.cancel, "x")
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(tr("Scores of each word by each method"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        about = QLabel(tr(ABOUT))
        about.setWordWrap(True)
        about.setObjectName("emptyState")
        row = QHBoxLayout()
        for part in (self.explain_button, samples_label, self.samples, self.cancel_button, self.progress):
            row.addWidget(part)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(about)
        self.set_subject(None)

    def set_subject(self, subject: tuple[str, str, str] | None) -> None:
        """The answer on view (prompt, answer, model), or None when it is not a generated answer."""
        self.subject = subject
        self._refresh()

    def run(self) -> None:
        if self.subject is None or self.job.running:
            return
        prompt, answer, model = self.subject
        self.job.submit(ExplainRequest(prompt, model=model, target=answer, samples=self.samples.value()))
        self._refresh()

    def _on_finished(self, event: JobFinished) -> None:
        self.show(event.result)

    def _on_cancelled(self, event: JobCancelled) -> None:
        if isinstance(event.partial_result, Explanation):
            self.show(event.partial_result)
        self._refresh()

    def _on_failed(self, event: JobFailed) -> None:
        self.status.setText(event.error.user_text())
        self._refresh()

    def show(self, result: Explanation) -> None:  # type: ignore[override]
        """The table of scores, each column coloured on its own scale, and what the numbers say."""
        self.result = result
        methods = [m for m in METHODS if m in result.scores]
        self.table.setRowCount(len(result.features))
        self.table.setColumnCount(len(methods))
        self.table.setHorizontalHeaderLabels([tr(HEADERS[m]) for m in methods])
        self.table.setVerticalHeaderLabels(list(result.features))
        for column, method in enumerate(methods):
            values = np.asarray(result.scores[method], np.float32)
            spread = float(values.max() - values.min()) or 1.0
            shades = colours((values - values.min()) / spread)
            for row, value in enumerate(values):
                item = QTableWidgetItem(number(float(value), 3))
                red, green, blue = (int(c) for c in shades[row])
                item.setBackground(QColor(red, green, blue))
                item.setForeground(QColor("black" if green > 140 else "white"))
                self.table.setItem(row, column, item)
        lines = [
            arg(tr("%1: faithfulness %2 (random %3)"), tr(HEADERS[m]), number(top, 2), number(rand, 2))
            for m, (top, rand) in result.faithfulness.items()
        ]
        for pair, rho in result.agreement.items():
            first, second = (tr(HEADERS[m]) for m in pair.split("~"))
            lines.append(arg(tr("agreement %1: %2"), f"{first} ~ {second}", number(rho, 2)))
        self.table.resizeColumnsToContents()
        if not result.complete:
            lines.append(tr("Stopped: only the methods that finished are shown."))
        self.summary.setText("\n".join(lines))
        self._refresh()

    def _refresh(self) -> None:
        running = self.job.running
        self.explain_button.setEnabled(self.subject is not None and not running)
        self.cancel_button.setEnabled(running)
        if self.subject is None and not running:
            self.status.setText(tr("Explanations are for answers of the generation model (Show attention on it)."))
        elif not running and self.result is None:
            self.status.setText("")
