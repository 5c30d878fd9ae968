"""The tuning lab's Augment page: pick a kind (text, image, audio) and a transform, set its strength, seed and
number of copies, and preview the copies; save them to a folder (a dataset's copies become a dataset file to
train on); or probe a model's robustness: the task's model over the original and every copy, and how far
each output moved (WER for speech, disagreement for captions and answers)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.augment.registry import TRANSFORMS
from desktop_app.core.events import JobFinished
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.tasks import Task
from desktop_app.core.tuning_requests import AugmentRequest, ProbeRequest
from desktop_app.core.tuning_results import AugmentResult, ProbeResult
from desktop_app.gui.accessibility import link_labels
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.panels.attention.qimage import rgb_image
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.empty_state import EmptyState
from desktop_app.gui.widgets.layout import button, hbox
from desktop_app.gui.widgets.option_form import OptionForm
from desktop_app.workers.inference_worker import InferenceWorker

KINDS = {"text": QT_TR_NOOP("Text"), "image": QT_TR_NOOP("Image"), "audio": QT_TR_NOOP("Speech")}
PROBED = {"text": Task.GENERATE, "image": Task.CAPTION, "audio": Task.TRANSCRIBE}
FILTERS = {
    "text": QT_TR_NOOP("Text or instruction data (*.txt *.jsonl *.csv)"),
    "image": QT_TR_NOOP("Images (*.png *.jpg *.jpeg *.webp *.bmp)"),
    "audio": QT_TR_NOOP("Audio (*.wav *.flac *.ogg *.mp3)"),
}
THUMB = 64


class AugmentPage(QWidget, JobPanel):
    def __init__(self, worker: InferenceWorker, settings: AppSettings) -> None:
        super().__init__()
        self.init_job(worker, escape_cancels=False)  # the lab's Esc stops whichever page runs
        self.kind = QComboBox()
        for key, words in KINDS.items():
            self.kind.addItem(tr(words), key)
        self.transform = QComboBox()
        self.source = QLineEdit()
        self.source.setAccessibleName(tr("What to augment"))
        form = QFormLayout()
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("Transform"), self.transform)
        form.addRow(
            tr("Input"), hbox((self.source, 1), button(tr("&File…"), "", self._choose_file, icon_name="folder-open"))
        )
        self.options = OptionForm(AugmentRequest, ["n", "strength", "seed"], settings, form)
        self.options.restore()
        row = self.job_row(tr("&Preview"), "scan-eye")
        self.save_button = button(
            tr("&Save copies…"), tr("Write the copies to a folder"), self.save_copies, icon_name="download"
        )
        self.probe_button = button(tr("P&robe a model"), "", self.probe, icon_name="scan-search")
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(tr("Augmented copies"))
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = EmptyState(self.table, tr("The copies show here: preview them before saving or probing."))
        self.lay_out(form, row, hbox(self.save_button, self.probe_button, None), self.summary, (self.table, 1))
        self.run_button.clicked.connect(self.preview)  # type: ignore[union-attr]
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.update_state()
        link_labels(self)
        self.bind_run_keys()

    def _kind_changed(self) -> None:
        kind = str(self.kind.currentData())
        self.transform.clear()
        for name, transform in TRANSFORMS[kind].items():
            self.transform.addItem(tr(transform.label), name)
        self.source.setPlaceholderText(
            tr("Text to augment, or a .txt, .jsonl or .csv file") if kind == "text" else tr("A file")
        )
        self.probe_button.setToolTip(
            {
                "text": tr("Answer the original and every copy with the generation model"),
                "image": tr("Caption the original and every copy"),
                "audio": tr("Transcribe the original and every copy; the change is the word error rate"),
            }[kind]
        )

    def _choose_file(self) -> None:
        kind = str(self.kind.currentData())
        path, _ = QFileDialog.getOpenFileName(self, tr("Input"), "", tr(FILTERS[kind]))
        if path:
            self.source.setText(path)

    def refresh_controls(self) -> None:
        super().refresh_controls()
        for widget in (self.save_button, self.probe_button):
            widget.setEnabled(not self.job.running)

    def build_request(self, out_dir: str = "") -> AugmentRequest:
        return AugmentRequest(
            self.source.text().strip(),
            str(self.kind.currentData()),
            str(self.transform.currentData()),
            out_dir=out_dir,
            **self.options.values(),
        )

    def preview(self) -> None:
        self.options.save()
        self.submit(self.build_request(), tr("Making the copies…"))

    def save_copies(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Save the copies in"))
        if folder:
            self.submit(self.build_request(folder), tr("Writing the copies…"))

    def probe(self) -> None:
        kind = str(self.kind.currentData())
        values = self.options.values()
        request = ProbeRequest(PROBED[kind], self.source.text().strip(), str(self.transform.currentData()), **values)
        self.submit(request, tr("Running the model over the copies…"))

    def on_job_finished(self, event: JobFinished) -> None:
        if isinstance(event.result, ProbeResult):
            self.show_probe(event.result)
        else:
            self.show_copies(event.result)

    def show_copies(self, result: AugmentResult) -> None:
        self.table.setColumnCount(3)
        self.table.setHorizontalHeaderLabels(["#", tr("Copy"), tr("What changed")])
        self.table.setRowCount(len(result.items))
        for row, copy in enumerate(result.items):
            cell = QTableWidgetItem(copy.text or copy.path or _described(copy.data))
            if result.kind == "image" and copy.data is not None:
                cell.setIcon(QIcon(QPixmap.fromImage(rgb_image(copy.data)).scaled(THUMB, THUMB)))
                self.table.setRowHeight(row, THUMB + 4)
            cell.setToolTip(copy.text or copy.path)
            for column, item in enumerate((QTableWidgetItem(str(row + 1)), cell, QTableWidgetItem(copy.detail))):
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        where = arg(tr(" Written to %1."), result.out_dir) if result.out_dir else ""
        self.summary.setText(arg(tr("%1 copies, the same under this seed.%2"), len(result.items), where))

    def show_probe(self, result: ProbeResult) -> None:
        metric = tr("WER") if result.metric == "WER" else tr("Disagreement")
        self.table.setColumnCount(4)
        self.table.setHorizontalHeaderLabels(["#", tr("What changed"), tr("Output"), metric])
        self.table.setRowCount(len(result.rows))
        for row, probe_row in enumerate(result.rows):
            cells = (str(row + 1), probe_row.detail, probe_row.output, f"{probe_row.change:.2f}")
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.summary.setText(
            arg(
                tr("Original: “%1”. Mean %2 %3; %4 of %5 outputs unchanged (%6)."),
                result.original,
                metric,
                f"{result.mean_change:.2f}",
                result.unchanged,
                len(result.rows),
                result.model.ref,
            )
        )


def _described(data: object) -> str:
    if isinstance(data, tuple) and len(data) == 2:  # (samples, rate)
        samples, rate = data
        return arg(tr("%1 s at %2 Hz"), f"{len(samples) / rate:.2f}", rate)
    return ""
