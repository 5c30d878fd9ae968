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
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.requests import COMPRESSION_METHODS, CompressionRequest
from desktop_app.core.results import CompressionReport, JobFinished
from desktop_app.gui.job_row import JobRow
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
        self.row = JobRow(worker, "Compress and compare", self.banner)
        self.job, self.run_button, self.status = self.row.job, self.row.run_button, self.row.status
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["", "Original", "Compressed", "Original / compressed"])
        self.table.verticalHeader().hide()
        self.before_output, self.after_output = QPlainTextEdit(), QPlainTextEdit()
        for box in (self.before_output, self.after_output):
            box.setReadOnly(True)
        self.verdict = QLabel("")
        self._lay_out()
        self.job.finished.connect(self._on_job_finished)
        self.run_button.clicked.connect(self.run)
        self.browse.clicked.connect(self._browse)
        self.method.currentIndexChanged.connect(lambda _i: self.amount.setEnabled(self.method.currentData() == "prune"))
        self.amount.setEnabled(False)

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
        outputs = QHBoxLayout()
        for title, box in (("Original output", self.before_output), ("Compressed output", self.after_output)):
            column = QVBoxLayout()
            column.addWidget(QLabel(title))
            column.addWidget(box)
            outputs.addLayout(column)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.row)
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
        self.row.submit(self.build_request(), "Measuring…")

    def _on_job_finished(self, event: JobFinished) -> None:
        self.show_report(event.result)
        self.row.set_state(event.result.summary() + (" · kept loaded" if event.result.kept else ""))

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
