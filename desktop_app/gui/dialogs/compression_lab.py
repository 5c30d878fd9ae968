"""The compression lab, from the model manager: int8-quantize or prune a model, run it and the original on
the same input, and see both side by side (size on disk and in memory, load time, speed, the outputs)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.requests import COMPRESSION_METHODS, CompressionRequest
from desktop_app.core.results import CompressionReport, JobFailed, JobFinished
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.workers.inference_worker import InferenceWorker

FILE_FILTERS = {"caption": "Images (*.png *.jpg *.jpeg *.webp *.bmp)", "transcribe": "Audio (*.wav *.flac *.ogg *.mp3)"}


class CompressionLabDialog(QDialog):
    def __init__(self, worker: InferenceWorker, task: str, model: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compression lab")
        self.resize(820, 520)
        self.task, self.model = task, model
        self.report: CompressionReport | None = None
        self.banner = MessageBanner()
        self.method = QComboBox()
        for key, label in COMPRESSION_METHODS.items():
            self.method.addItem(label, key)
        self.amount = QDoubleSpinBox()
        self.amount.setRange(5, 95)
        self.amount.setValue(30)
        self.amount.setSuffix(" % of the weights")
        self.sample = QLineEdit()
        self.sample.setPlaceholderText("An image to caption" if task == "caption" else "An audio file" if
                                       task == "transcribe" else "A prompt or text (empty: a built-in one)")
        self.browse = QPushButton("File…")
        self.browse.setVisible(task in FILE_FILTERS)
        self.keep = QCheckBox("Keep the compressed model loaded for later jobs")
        self.run_button, self.cancel_button = QPushButton("Compress and compare"), QPushButton("Cancel")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.status = QLabel("")
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["", "Original", "Compressed", "Original / compressed"])
        self.table.verticalHeader().hide()
        self.before_output, self.after_output = QPlainTextEdit(), QPlainTextEdit()
        for box in (self.before_output, self.after_output):
            box.setReadOnly(True)
        self.verdict = QLabel("")
        self._lay_out()
        self.job = PanelJob(worker, self.progress, self.status, self)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(lambda _event: self._set_state("Stopped"))
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.job.cancel)
        self.browse.clicked.connect(self._browse)
        self.method.currentIndexChanged.connect(lambda _i: self.amount.setEnabled(self.method.currentData() == "prune"))
        self.amount.setEnabled(False)
        self._set_state()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Model", QLabel(f"{self.model or 'the default'} ({self.task})"))
        form.addRow("Method", self.method)
        form.addRow("Prune", self.amount)
        sample = QHBoxLayout()
        sample.addWidget(self.sample, 1)
        sample.addWidget(self.browse)
        form.addRow("Input", sample)
        form.addRow("", self.keep)
        run = QHBoxLayout()
        for widget in (self.run_button, self.cancel_button, self.progress):
            run.addWidget(widget)
        run.addWidget(self.status, 1)
        outputs = QHBoxLayout()
        for title, box in (("Original output", self.before_output), ("Compressed output", self.after_output)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(box)
            outputs.addLayout(column)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addLayout(run)
        layout.addWidget(self.table)
        layout.addLayout(outputs, 1)
        layout.addWidget(self.verdict)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Input", "", FILE_FILTERS.get(self.task, ""))
        if path:
            self.sample.setText(path)

    def build_request(self) -> CompressionRequest:
        return CompressionRequest(self.task, self.model, str(self.method.currentData()),
                                  round(self.amount.value() / 100, 3), self.sample.text().strip(),
                                  keep=self.keep.isChecked())

    def run(self) -> None:
        if self.job.running:
            return
        request = self.build_request()
        try:
            request.validate()
        except InvalidRequestError as error:
            self.banner.show_message(error.message, "warning")
            return
        self.banner.hide()
        self.job.submit(request)
        self._set_state("Measuring…")

    def _on_job_finished(self, event: JobFinished) -> None:
        self.show_report(event.result)
        self._set_state(event.result.summary() + (" · kept loaded" if event.result.kept else ""))

    def _on_job_failed(self, event: JobFailed) -> None:
        self.banner.show_error(event.error)
        self._set_state("Failed")

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
        self.verdict.setText("The same output." if report.same_output else "The outputs differ.")

    def _set_state(self, status: str | None = None) -> None:
        running = self.job.running
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        if status is not None:
            self.status.setText(status)
