"""The tuning lab's Teach page: LoRA instruction tuning of the generation model on a kept dataset (or a file),
with the loss curve drawn as it trains, Cancel (which keeps a checkpoint), resume, and held-out instructions
answered before and after, side by side with their scores. The adapter can then be used for Generate."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.core.events import JobFinished, JobPartial
from desktop_app.core.i18n import arg, tr
from desktop_app.core.tuning_requests import TuneRequest
from desktop_app.core.tuning_results import TuneResult
from desktop_app.gui.accessibility import link_labels
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.layout import button, hbox
from desktop_app.gui.widgets.loss_curve import LossCurve
from desktop_app.gui.widgets.option_form import OptionForm
from desktop_app.tuning.stored_datasets import StoredDataset
from desktop_app.workers.inference_worker import InferenceWorker

OPTIONS = ["steps", "learning_rate", "batch_size", "rank", "held_out", "seed", "resume"]


class TeachPage(QWidget, JobPanel):
    def __init__(
        self,
        worker: InferenceWorker,
        settings: AppSettings,
        base_model: Callable[[], str],
        use_model: Callable[[str, str], None],
    ) -> None:
        super().__init__()
        self.init_job(worker, escape_cancels=False)  # the lab's Esc stops whichever page runs
        self.base_model, self.use_model = base_model, use_model
        self.result: TuneResult | None = None
        self.data = QComboBox()
        self.data.setAccessibleName(tr("Data to train on"))
        self.base = QLabel("")
        form = QFormLayout()
        label = QLabel(tr("Data"))
        label.setBuddy(self.data)  # the list's label for a screen reader, though a button shares its row
        form.addRow(label, hbox((self.data, 1), button(tr("&File…"), "", self._choose_file, icon_name="folder-open")))
        form.addRow(tr("Base model"), self.base)
        self.options = OptionForm(TuneRequest, OPTIONS, settings, form)
        self.options.restore()
        row = self.job_row(tr("&Run tuning"), "play")
        self.use_button = button(tr("&Use the adapter for Generate"), "", self._use_adapter)
        self.use_button.setEnabled(False)
        self.curve = LossCurve()
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("Held-out instruction"), tr("Before"), tr("After")])
        self.table.setAccessibleName(tr("Answers before and after tuning"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # three equal columns
        self.table.setWordWrap(True)
        self.lay_out(form, row, (self.curve, 1), self.summary, (self.table, 1), hbox(self.use_button, None))
        self.run_button.clicked.connect(self.run)  # type: ignore[union-attr]
        self.update_state()
        link_labels(self)
        self.bind_run_keys()

    def showEvent(self, event: object) -> None:
        self.base.setText(self.base_model() or tr("the default generation model"))
        super().showEvent(event)  # type: ignore[arg-type]

    def add_dataset(self, stored: StoredDataset, select: bool = False) -> None:
        if self.data.findData(stored.folder) < 0:
            self.data.addItem(arg(tr("%1 (%2 examples)"), stored.name, stored.train + stored.validation), stored.folder)
        if select:
            self.data.setCurrentIndex(self.data.findData(stored.folder))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Instruction data"), "", tr("Instruction data") + " (*.jsonl *.csv *.json)"
        )
        if path:
            self.data.addItem(path, path)
            self.data.setCurrentIndex(self.data.count() - 1)

    def build_request(self) -> TuneRequest:
        return TuneRequest(str(self.data.currentData() or ""), self.base_model(), **self.options.values())

    def run(self) -> None:
        self.options.save()
        if self.submit(self.build_request(), tr("Loading the base model…")):
            self.curve.clear()
            self.table.setRowCount(0)
            self.summary.setText("")
            self.use_button.setEnabled(False)

    def on_job_partial(self, event: JobPartial) -> None:
        self.curve.take(event.items)

    def on_job_finished(self, event: JobFinished) -> None:
        result: TuneResult = event.result
        self.result = result
        self.table.setRowCount(len(result.answers))
        for row, answer in enumerate(result.answers):
            cells = (
                answer.instruction,
                f"{answer.before}  [{answer.before_score:.2f}]",
                f"{answer.after}  [{answer.after_score:.2f}]",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if column else f"{text}\n\n{tr('Reference')}: {answer.reference}")
                self.table.setItem(row, column, item)
        self.summary.setText(
            arg(
                tr("%1 steps%2. Score against the references (word F1): %3 before, %4 after. Adapter: %5"),
                result.steps,
                arg(tr(", resumed from step %1"), result.resumed_from) if result.resumed_from else "",
                f"{result.score_before:.2f}",
                f"{result.score_after:.2f}",
                result.adapter_dir,
            )
        )
        self.table.resizeRowsToContents()
        self.use_button.setEnabled(True)
        self.update_state(tr("Tuned"))

    def on_job_cancelled(self, event: object) -> None:
        self.summary.setText(tr("Stopped. The last checkpoint is kept: Teach again resumes from it."))

    def _use_adapter(self) -> None:
        if self.result is not None:
            self.use_model("generate", self.result.adapter_dir)
            self.update_state(tr("Generate now uses the adapter."))
