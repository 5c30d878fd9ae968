"""The compression lab, from the model manager: int8-quantize or prune a model, run it and the original on
the same input, and see both side by side (size on disk and in memory, load time, speed, the outputs); for a
generation model, distil a smaller student as well (its own page: gui/dialogs/distil_page.py)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.events import JobFinished
from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.core.options import options_of
from desktop_app.core.requests import COMPRESSION_METHODS, CompressionRequest
from desktop_app.core.results import CompressionReport
from desktop_app.gui.accessibility import link_labels
from desktop_app.gui.dialogs.distil_page import DistilPage
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.widgets.empty_state import EmptyState
from desktop_app.gui.widgets.layout import button, fill, hbox, vbox
from desktop_app.workers.inference_worker import InferenceWorker

FILE_FILTERS = {
    "caption": QT_TR_NOOP("Images (*.png *.jpg *.jpeg *.webp *.bmp)"),
    "transcribe": QT_TR_NOOP("Audio (*.wav *.flac *.ogg *.mp3)"),
}


class CompressionLabDialog(QDialog, JobPanel):
    run_button: QPushButton
    cancel_button: QPushButton

    def __init__(
        self,
        worker: InferenceWorker,
        task: str,
        model: str,
        parent: QWidget | None = None,
        use_model: Callable[[str, str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.use_model = use_model
        self.init_job(worker, escape_cancels=False)  # Esc stops a run first, then closes (see `reject`)
        self.setWindowTitle(tr("Compression lab"))
        self.resize(820, 520)
        self.task, self.model = task, model
        self.report: CompressionReport | None = None
        self.method = QComboBox()
        for key, label in COMPRESSION_METHODS.items():
            self.method.addItem(tr(label), key)
        amount = options_of(CompressionRequest)["amount"]  # shown in percent; declared as a share
        self.amount = QDoubleSpinBox()
        self.amount.setRange(100 * (amount.minimum or 0), 100 * (amount.maximum or 1))
        self.amount.setValue(100 * amount.default)
        self.amount.setSuffix(tr(" % of the weights"))
        self.amount.setToolTip(tr(amount.help))
        self.sample = QLineEdit()
        self.sample.setPlaceholderText(
            tr("An image to caption")
            if task == "caption"
            else tr("An audio file")
            if task == "transcribe"
            else tr("A prompt or text (empty: a built-in one)")
        )
        self.browse = button(tr("File…"), "", self._browse, icon_name="folder-open")
        self.browse.setVisible(task in FILE_FILTERS)
        self.keep = QCheckBox(tr("Keep the compressed model loaded for later jobs"))
        self.row = self.job_row(tr("Compress and compare"), "package")
        self.sample.setAccessibleName(tr("Input"))
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(tr("Original and compressed, side by side"))
        self.table.setHorizontalHeaderLabels(["", tr("Original"), tr("Compressed"), tr("Original / compressed")])
        self.table.verticalHeader().hide()
        self.empty = EmptyState(self.table, tr("Size, speed and output of both models show here after a run."))
        self.before_output, self.after_output = QPlainTextEdit(), QPlainTextEdit()
        for box, name in ((self.before_output, tr("Original output")), (self.after_output, tr("Compressed output"))):
            box.setReadOnly(True)
            box.setAccessibleName(name)
        self.verdict = QLabel("")
        self._lay_out()
        self.run_button.clicked.connect(self.run)
        self.method.currentIndexChanged.connect(lambda _i: self.amount.setEnabled(self.method.currentData() == "prune"))
        self.amount.setEnabled(False)
        self.update_state()
        link_labels(self)
        self.bind_run_keys()

    def reject(self) -> None:
        """Esc (or Close) while a comparison or a distillation runs stops it; the next Esc closes the lab."""
        if self.job.running:
            self.cancel()
            return
        if self.distil is not None and self.distil.job.running:
            self.distil.cancel()
            return
        super().reject()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(tr("Model"), QLabel(f"{self.model or tr('the default')} ({self.task})"))
        form.addRow(tr("Method"), self.method)
        form.addRow(tr("Prune"), self.amount)
        form.addRow(tr("Input"), hbox((self.sample, 1), self.browse))
        form.addRow("", self.keep)
        outputs = hbox(
            vbox(QLabel(tr("Original output")), self.before_output),
            vbox(QLabel(tr("Compressed output")), self.after_output),
        )
        page = QWidget()
        fill(QVBoxLayout(page), (self.banner, form, self.row, self.table, (outputs, 1), self.verdict))
        self.distil: DistilPage | None = None
        if self.task != "generate":
            fill(QVBoxLayout(self), (page,))
            return
        self.distil = DistilPage(self.worker, self.model, self.use_model)  # the third method: a smaller student
        self.tabs = QTabWidget()
        self.tabs.addTab(page, tr("&Quantize or prune"))
        self.tabs.addTab(self.distil, tr("&Distil"))
        fill(QVBoxLayout(self), (self.tabs,))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Input"), "", tr(FILE_FILTERS.get(self.task, "")))
        if path:
            self.sample.setText(path)

    def build_request(self) -> CompressionRequest:
        return CompressionRequest(
            self.task,
            self.model,
            str(self.method.currentData()),
            round(self.amount.value() / 100, 3),
            self.sample.text().strip(),
            keep=self.keep.isChecked(),
        )

    def run(self) -> None:
        self.submit(self.build_request(), tr("Measuring…"))

    def on_job_finished(self, event: JobFinished) -> None:
        self.show_report(event.result)
        self.update_state(event.result.summary() + (tr(" · kept loaded") if event.result.kept else ""))

    def show_report(self, report: CompressionReport) -> None:
        self.report = report
        rows = report.comparison()
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.before_output.setPlainText(report.before.output)
        self.after_output.setPlainText(report.after.output)
        self.verdict.setText(tr("The same output.") if report.same_output else tr("The outputs differ."))
