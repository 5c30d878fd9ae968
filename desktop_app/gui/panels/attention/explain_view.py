"""Explanations beside attention, for the output on view (a generated answer, a translation, a caption or a
transcript): each word of the input, region of the picture or stretch of audio scored by LIME, Kernel SHAP,
integrated gradients, feature ablation and attention, side by side, with each method's faithfulness and the
methods' agreement, words on what those numbers mean, and the chosen method drawn over the picture or the
waveform."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.events import JobCancelled, JobFailed, JobFinished
from desktop_app.core.explain_requests import METHODS, ExplainRequest, Explanation
from desktop_app.core.i18n import QT_TR_NOOP, arg, number, tr
from desktop_app.core.options import options_of
from desktop_app.core.results import AttentionMaps, ImageCaption, TranslationResult
from desktop_app.explain.global_importance import PUNCTUATION
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.panels.attention.qimage import rgb_image
from desktop_app.gui.widgets.elided_label import ElidedLabel
from desktop_app.gui.widgets.layout import button
from desktop_app.interpret.render import colours
from desktop_app.workers.inference_worker import InferenceWorker

PICTURE_HEIGHT = 160  # pixels: the drawn explanation under the table

HEADERS = {
    "lime": "LIME",
    "kernelshap": "Kernel SHAP",
    "shapley": QT_TR_NOOP("Shapley sampling"),
    "ig": QT_TR_NOOP("Integrated gradients"),
    "ablation": QT_TR_NOOP("Ablation"),
    "attention": QT_TR_NOOP("Attention"),
}
ABOUT = QT_TR_NOOP(
    "Each column scores the input's words, regions or stretches of audio by how much they make the model give "
    "this output. Attention shows where the model looked, which is not why it answered: compare it with the "
    "methods that remove features and measure the change (LIME, Kernel SHAP, ablation) or follow the gradient "
    "(integrated gradients). Faithfulness (AOPC): how far the output's log-probability falls when a method's "
    "top 1 to 3 features are removed, against random ones; above random, the method found features the model "
    "uses. Agreement: Spearman's rank correlation of two methods (1: the same order, 0: unrelated)."
)


@dataclass(frozen=True)
class Subject:
    """The output on view: which task made it, from what input (text or file), and with which model."""

    task: str
    source: str
    output: str
    model: str
    source_lang: str = ""
    target_lang: str = ""


def explainable(maps: AttentionMaps, text: str) -> Subject | None:
    """What the Explain tab can explain of the maps on view: their whole output, from the input they read (a
    translation or a transcript cut to its first sentence or 30 s has only part of its output here)."""
    if not maps.generated.strip() or maps.truncated or maps.start_s > 0:
        return None
    if maps.source_task == "generate":
        return Subject("generate", text, maps.generated, maps.model.ref)
    if maps.source_task == "translate":
        return Subject("translate", text, maps.generated, maps.model.ref)
    if maps.source_task in ("caption", "transcribe") and maps.input_path:
        return Subject(maps.source_task, maps.input_path, maps.generated, maps.model.ref)
    return None


def sentence_subject(result: TranslationResult, index: int) -> Subject | None:
    """A translated sentence from the Translate panel (the sentences that kept attention, as the picker lists)."""
    sentences = [s for s in result.sentences if s.attention is not None]
    if not 0 <= index < len(sentences):
        return None
    chosen = sentences[index]
    return Subject("translate", chosen.source, chosen.target, result.model.ref, result.source_lang, result.target_lang)


def caption_subject(item: ImageCaption, model: str) -> Subject:
    return Subject("caption", item.path, item.caption, model)


class ExplainView(QWidget):
    def __init__(self, worker: InferenceWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.subject: Subject | None = None
        self.result: Explanation | None = None
        spec = options_of(ExplainRequest)["samples"]
        self.samples = QSpinBox()
        self.samples.setRange(int(spec.minimum or 1), int(spec.maximum or 5000))
        self.samples.setValue(int(spec.default))
        self.samples.setToolTip(tr(spec.help))
        samples_label = QLabel(tr(spec.label))
        samples_label.setBuddy(self.samples)
        self.explain_button = button(
            tr("&Explain this output"),
            tr("Score each feature of the input by LIME, Kernel SHAP, integrated gradients, ablation and attention"),
            self.run,
            "scan-search",
        )
        self.focus = QComboBox()  # the whole output, or one of its words alone
        self.focus.setToolTip(tr("Explain the whole output, or one of its words alone"))
        focus_label = QLabel(tr("Explainin&g:"))
        focus_label.setBuddy(self.focus)
        self.parts = QCheckBox(tr("Prompt &parts"))
        self.parts.setToolTip(
            tr("Score each paragraph of the prompt (few-shot examples, the question) instead of each word")
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
        self.table.setAccessibleName(tr("Scores of each feature by each method"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(150)  # a few rows stay in view beside the picture and the summary
        self.drawn_method = QComboBox()
        self.drawn_method.setAccessibleName(tr("Method drawn over the input"))
        self.drawn_method.currentIndexChanged.connect(self._draw)
        drawn_label = QLabel(tr("&Drawn:"))
        drawn_label.setBuddy(self.drawn_method)
        self.picture = QLabel()
        self.picture.setAccessibleName(tr("The chosen method's scores over the input"))
        drawn_row = QHBoxLayout()
        drawn_row.addWidget(drawn_label)
        drawn_row.addWidget(self.drawn_method)
        drawn_row.addStretch(1)
        self.drawing = QWidget()
        drawing_layout = QVBoxLayout(self.drawing)
        drawing_layout.setContentsMargins(0, 0, 0, 0)
        drawing_layout.addLayout(drawn_row)
        drawing_layout.addWidget(self.picture)
        self.drawing.hide()
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.about = QLabel(tr(ABOUT))
        self.about.setWordWrap(True)
        self.about.setObjectName("emptyState")
        # shown until there are scores to read, then folded behind a toggle so the table has the room
        self.about_button = QToolButton()
        self.about_button.setText(tr("What do these scores mea&n?"))
        self.about_button.setCheckable(True)
        self.about_button.setChecked(True)
        self.about_button.toggled.connect(self.about.setVisible)
        row = QHBoxLayout()
        for part in (self.explain_button, samples_label, self.samples, self.cancel_button, self.progress):
            row.addWidget(part)
        row.addWidget(self.status, 1)
        what = QHBoxLayout()
        what.addWidget(focus_label)
        what.addWidget(self.focus, 1)
        what.addWidget(self.parts)
        # under the table, what reads it: it scrolls when the window is short, rather than squeezing the table
        reading = QWidget()
        reading_layout = QVBoxLayout(reading)
        reading_layout.setContentsMargins(0, 0, 0, 0)
        for shown in (self.drawing, self.summary, self.about_button, self.about):
            reading_layout.addWidget(shown)
        reading_layout.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidget(reading)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addLayout(what)
        layout.addWidget(self.table, 1)
        layout.addWidget(scroller, 1)
        self.set_subject(None)

    def set_subject(self, subject: Subject | None) -> None:
        """The output on view, or None when there is none this view can explain."""
        self.subject = subject
        self.focus.clear()
        self.focus.addItem(tr("the whole output"), "")
        words = dict.fromkeys(w.strip(PUNCTUATION) for w in (subject.output.split() if subject else ()))
        for word in (w for w in words if w):
            self.focus.addItem(word, word)
        self.parts.setVisible(subject is not None and subject.task == "generate")
        self._refresh()

    def run(self) -> None:
        if self.subject is None or self.job.running:
            return
        subject = self.subject
        self.job.submit(
            ExplainRequest(
                subject.source,
                source_task=subject.task,
                model=subject.model,
                target=subject.output,
                focus=str(self.focus.currentData() or ""),
                parts=subject.task == "generate" and self.parts.isChecked(),
                samples=self.samples.value(),
                source_lang=subject.source_lang,
                target_lang=subject.target_lang,
            )
        )
        self._refresh()

    def _on_finished(self, event: JobFinished) -> None:
        self.show(event.result)
        result: Explanation = event.result
        seconds = number(result.timings.get("total_s", 0.0), 1)
        if result.cached:
            self.status.setText(arg(tr("Explained in %1 s (%2 from the cache)"), seconds, ", ".join(result.cached)))
        else:
            self.status.setText(arg(tr("Explained in %1 s"), seconds))

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
        faithful = [
            arg(tr("%1 %2 (random %3)"), tr(HEADERS[m]), number(top, 2), number(rand, 2))
            for m, (top, rand) in result.faithfulness.items()
        ]
        agreeing = [
            f"{tr(HEADERS[pair.split('~')[0]])} ~ {tr(HEADERS[pair.split('~')[1]])} {number(rho, 2)}"
            for pair, rho in result.agreement.items()
        ]
        lines = [arg(tr("Faithfulness: %1"), " · ".join(faithful))] if faithful else []
        if agreeing:
            lines.append(arg(tr("Rank agreement: %1"), " · ".join(agreeing)))
        self.table.resizeColumnsToContents()
        if not result.complete:
            lines.append(tr("Stopped: only the methods that finished are shown."))
        self.summary.setText("\n".join(lines))
        self.about_button.setChecked(False)
        drawable = result.layout.kind != "words"
        self.drawing.setVisible(drawable)
        self.drawn_method.blockSignals(True)
        self.drawn_method.clear()
        for method in methods:
            self.drawn_method.addItem(tr(HEADERS[method]), method)
        self.drawn_method.blockSignals(False)
        if drawable:
            self._draw()
        self._refresh()

    def _draw(self) -> None:
        """The chosen method's scores over the picture the model saw, or under the waveform."""
        from desktop_app.explain.pictures import picture

        method = self.drawn_method.currentData()
        if self.result is None or method not in self.result.scores:
            return
        drawn = picture(self.result, str(method))
        if drawn is None:
            return
        image = rgb_image(np.asarray(drawn.convert("RGB")))
        height = image.height()
        pixmap = QPixmap.fromImage(image)  # small enough to leave the table room, sharp when scaled down
        self.picture.setPixmap(
            pixmap.scaledToHeight(min(PICTURE_HEIGHT, height), Qt.TransformationMode.SmoothTransformation)
        )

    def _refresh(self) -> None:
        running = self.job.running
        self.explain_button.setEnabled(self.subject is not None and not running)
        for choice in (self.focus, self.parts):
            choice.setEnabled(self.subject is not None and not running)
        self.cancel_button.setEnabled(running)
        if self.subject is None and not running:
            self.status.setText(
                tr("Show attention on a generated answer, a translation, a caption or a transcript to explain it.")
            )
        elif not running and self.result is None:
            self.status.setText("")
