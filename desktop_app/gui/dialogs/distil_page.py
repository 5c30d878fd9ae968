"""The compression lab's Distil page (generation models): a student with fewer layers trained on the
teacher's softened outputs over the user's text, beside the same student trained without the teacher, with
both loss curves live; then size, speed, held-out perplexity and the three answers to one prompt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.core.events import JobFinished, JobPartial
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.tuning_requests import DistilRequest
from desktop_app.core.tuning_results import DistilReport, StudentMeasures
from desktop_app.core.units import human_size
from desktop_app.gui.accessibility import link_labels
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.widgets.layout import button, hbox
from desktop_app.gui.widgets.loss_curve import LossCurve
from desktop_app.gui.widgets.option_form import OptionForm
from desktop_app.workers.inference_worker import InferenceWorker

OPTIONS = ["layers", "steps", "learning_rate", "temperature", "block", "batch_size", "seed", "resume"]
COLUMNS = {
    "teacher": QT_TR_NOOP("Teacher"),
    "student": QT_TR_NOOP("Student, no teacher"),
    "distilled": QT_TR_NOOP("Distilled student"),
}
ROWS: tuple[tuple[str, Callable[[StudentMeasures], str]], ...] = (
    (QT_TR_NOOP("Layers"), lambda m: str(m.layers)),
    (QT_TR_NOOP("Parameters"), lambda m: f"{m.parameters / 1e6:.1f} M"),
    (QT_TR_NOOP("Weights"), lambda m: human_size(m.weight_bytes)),
    (QT_TR_NOOP("Tokens per second"), lambda m: f"{m.tokens_per_s:.1f}"),
    (QT_TR_NOOP("Held-out perplexity"), lambda m: f"{m.perplexity:.1f}"),
    (QT_TR_NOOP("Output"), lambda m: m.output),
)


class DistilPage(QWidget, JobPanel):
    def __init__(self, worker: InferenceWorker, teacher: str, use_model: Callable[[str, str], None] | None) -> None:
        super().__init__()
        self.init_job(worker, escape_cancels=False)  # the lab's Esc stops it
        self.teacher, self.use_model = teacher, use_model
        self.report: DistilReport | None = None
        self.text = QLineEdit()
        self.text.setPlaceholderText(tr("A UTF-8 text file: its last tenth is held out to measure perplexity"))
        self.text.setAccessibleName(tr("Text to distil on"))
        self.prompt = QLineEdit(DistilRequest.prompt)
        self.prompt.setAccessibleName(tr("Prompt all three continue"))
        form = QFormLayout()
        form.addRow(tr("Teacher"), QLabel(teacher or tr("the default generation model")))
        form.addRow(
            tr("Text"), hbox((self.text, 1), button(tr("&File…"), "", self._choose_file, icon_name="folder-open"))
        )
        form.addRow(tr("Prompt"), self.prompt)
        self.options = OptionForm(DistilRequest, OPTIONS, None, form)  # its options have no settings keys
        self.options.restore()
        row = self.job_row(tr("&Run distillation"), "play")
        self.use_button = button(tr("&Use the student for Generate"), "", self._use_student)
        self.use_button.setEnabled(False)
        self.curve = LossCurve()
        self.table = QTableWidget(len(ROWS), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(words) for words in COLUMNS.values()])
        self.table.setVerticalHeaderLabels([tr(label) for label, _ in ROWS])
        self.table.setAccessibleName(tr("Teacher and students, side by side"))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.lay_out(form, row, (self.curve, 1), (self.table, 2), self.summary, hbox(self.use_button, None))
        self.run_button.clicked.connect(self.run)  # type: ignore[union-attr]
        self.update_state()
        link_labels(self)
        self.bind_run_keys()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Text"), "", tr("Text (*.txt *.md);;All files (*)"))
        if path:
            self.text.setText(path)

    def build_request(self) -> DistilRequest:
        return DistilRequest(self.text.text().strip(), self.teacher, prompt=self.prompt.text(), **self.options.values())

    def run(self) -> None:
        if self.submit(self.build_request(), tr("Loading the teacher…")):
            self.curve.clear()
            self.use_button.setEnabled(False)

    def on_job_partial(self, event: JobPartial) -> None:
        self.curve.take(event.items)

    def on_job_finished(self, event: JobFinished) -> None:
        report: DistilReport = event.result
        self.report = report
        for column, name in enumerate(COLUMNS):
            measures = report.measure(name)
            for row, (_label, value) in enumerate(ROWS):
                item = QTableWidgetItem(value(measures))
                item.setToolTip(value(measures))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        plain, distilled = report.measure("student"), report.measure("distilled")
        self.summary.setText(
            arg(
                tr("Held-out perplexity %1 distilled against %2 without the teacher, in %3 steps. Student: %4"),
                f"{distilled.perplexity:.1f}",
                f"{plain.perplexity:.1f}",
                report.steps,
                report.student_dir,
            )
        )
        self.use_button.setEnabled(self.use_model is not None)
        self.update_state(tr("Distilled"))

    def on_job_cancelled(self, event: object) -> None:
        self.summary.setText(tr("Stopped. The last checkpoints are kept: Distil again resumes from them."))

    def _use_student(self) -> None:
        if self.report is not None and self.use_model is not None:
            self.use_model("generate", self.report.student_dir)
            self.update_state(tr("Generate now uses the distilled student."))
