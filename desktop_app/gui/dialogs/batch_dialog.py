"""Run as batch job…: the panel's files (or a folder's) through the same engine on Ray Data, one result row per
file in a Parquet or JSONL file, with files done, files per second and time left. Stop keeps every finished
row; running the same job again picks up where it stopped."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.batch.inputs import gather
from desktop_app.batch.runner import BatchJob, BatchProgress, BatchSummary, run_batch
from desktop_app.core.errors import AppError, ErrorInfo
from desktop_app.core.i18n import arg, tr
from desktop_app.gui.widgets.progress import show_fraction


class BatchRun(QObject):
    """run_batch on a thread of its own: the window and the panels' worker stay free while it runs."""

    progressed = Signal(object)  # BatchProgress
    finished = Signal(object)  # BatchSummary
    failed = Signal(object)  # ErrorInfo

    def __init__(self, job: BatchJob) -> None:
        super().__init__()
        self.job = job
        self.stop = threading.Event()

    def run(self) -> None:
        try:
            self.finished.emit(run_batch(self.job, self.progressed.emit, self.stop))
        except Exception as exc:  # every failure is said in the dialog, none takes the window down
            self.failed.emit(ErrorInfo.from_exception(exc))


class BatchDialog(QDialog):
    def __init__(
        self,
        task: str,
        task_words: str,
        inputs: list[str],
        model: str,
        out: Path,
        options: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(arg(tr("Batch job: %1"), task_words))
        self.resize(640, 320)
        self.task, self.model, self.options = task, model, dict(options or {})
        self.inputs = list(inputs)
        self.runner_thread: QThread | None = None
        self.run_job: BatchRun | None = None
        self.summary: BatchSummary | None = None

        self.files = QLabel()
        self.folder_button = QPushButton(tr("Choose a &folder…"))
        self.out = QLineEdit(str(out))
        self.out.setAccessibleName(tr("Results file"))
        self.out.setToolTip(tr("A .parquet or .jsonl file; a file from an earlier run is added to, not redone"))
        browse = QPushButton(tr("&Browse…"))
        self.workers = QSpinBox()
        self.workers.setRange(1, 64)
        self.workers.setAccessibleName(tr("Workers"))
        self.workers.setToolTip(tr("Worker processes, each with the model loaded"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("empty: a Ray started on this computer for the job"))
        self.address.setAccessibleName(tr("Ray cluster address"))
        self.start_button = QPushButton(tr("&Start"))
        self.start_button.setDefault(True)
        self.stop_button = QPushButton(tr("S&top"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Batch progress"))
        self.status = QLabel(tr("Each file becomes one row: its result, the model, its revision and the time it took."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addWidget(self.folder_button)
        out_label, workers_label, address_label = (
            QLabel(tr("&Results file:")),
            QLabel(tr("&Workers:")),
            QLabel(tr("Ray &cluster:")),
        )
        out_label.setBuddy(self.out)
        workers_label.setBuddy(self.workers)
        address_label.setBuddy(self.address)
        form.addRow(QLabel(tr("Files:")), files_row)
        form.addRow(out_label, out_row)
        form.addRow(workers_label, self.workers)
        form.addRow(address_label, self.address)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.progress, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status, 1)
        layout.addWidget(close)

        self.folder_dialog = QFileDialog(self, tr("Choose the folder to run over"))
        self.folder_dialog.setFileMode(QFileDialog.FileMode.Directory)
        self.folder_dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        self.folder_dialog.fileSelected.connect(self.use_folder)
        self.out_dialog = QFileDialog(
            self, tr("Results file"), str(out.parent), tr("Parquet (*.parquet);;JSON Lines (*.jsonl)")
        )
        self.out_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.out_dialog.fileSelected.connect(self.out.setText)
        self.folder_button.clicked.connect(self.folder_dialog.open)
        browse.clicked.connect(self.out_dialog.open)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self._show_files()
        self._update_buttons()

    @property
    def running(self) -> bool:
        return self.runner_thread is not None

    def use_folder(self, folder: str) -> None:
        try:
            self.inputs = gather(self.task, Path(folder))
        except AppError as error:
            self._say(error.message, error.hint)
            return
        self._show_files()
        self._update_buttons()

    def start(self) -> None:
        if self.running or not self.inputs:
            return
        job = BatchJob(
            self.task,
            tuple(self.inputs),
            Path(self.out.text().strip()).expanduser(),
            model=self.model,
            options=self.options,
            ray_address=self.address.text().strip(),
            workers=self.workers.value(),
        )
        self.summary = None
        self.run_job = BatchRun(job)
        self.runner_thread = QThread(self)
        self.run_job.moveToThread(self.runner_thread)
        self.runner_thread.started.connect(self.run_job.run)
        self.run_job.progressed.connect(self._on_progressed)
        self.run_job.finished.connect(self._on_finished)
        self.run_job.failed.connect(self._on_failed)
        self.progress.setRange(0, 0)
        self._say(tr("Starting Ray and the workers; each loads the model first…"))
        self.runner_thread.start()
        self._update_buttons()

    def stop(self) -> None:
        if self.run_job is not None:
            self.run_job.stop.set()
            self._say(tr("Stopping after the files in hand; every finished row is kept…"))

    # ---- the run's news ------------------------------------------------------------------------------------
    def _on_progressed(self, progress: BatchProgress) -> None:
        show_fraction(self.progress, progress.done / max(progress.total, 1))
        self._say(progress.text())

    def _on_finished(self, summary: BatchSummary) -> None:
        self.summary = summary
        self._end()
        show_fraction(self.progress, 1.0 if not summary.cancelled else summary.done / max(summary.total, 1))
        done = arg(
            tr("%1 done, %2 failed, %3 already there: %4 rows in %5. Ray started in %6 s; first results after %7 s."),
            summary.done,
            summary.errors,
            summary.skipped,
            summary.rows,
            self.out.text(),
            f"{summary.ray_start_s:.1f}",
            f"{summary.first_row_s:.1f}",
        )
        if summary.cancelled:
            done = arg(tr("Stopped. %1 Start again to do the rest."), done)
        self._say(done)

    def _on_failed(self, error: ErrorInfo) -> None:
        self._end()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._say(error.message, error.hint)

    def _end(self) -> None:
        if self.runner_thread is not None:
            self.runner_thread.quit()
            self.runner_thread.wait()
        self.runner_thread, self.run_job = None, None
        self._update_buttons()

    # ---- the rest ------------------------------------------------------------------------------------------
    def _show_files(self) -> None:
        self.files.setText(tr("%n file(s)", None, len(self.inputs)))

    def _say(self, message: str, hint: str = "") -> None:
        self.status.setText(f"<b>{message}</b> {hint}" if hint else message)

    def _update_buttons(self) -> None:
        running = self.running
        self.start_button.setEnabled(not running and bool(self.inputs))
        self.stop_button.setEnabled(running)
        for widget in (self.folder_button, self.out, self.workers, self.address):
            widget.setEnabled(not running)

    def reject(self) -> None:
        """Closing while it runs stops it first (after the files in hand): no row is lost."""
        if self.running:
            self.stop()
            self.run_job.finished.connect(lambda _summary: QDialog.reject(self))  # type: ignore[union-attr]
            self.run_job.failed.connect(lambda _error: QDialog.reject(self))  # type: ignore[union-attr]
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)


def open_batch_dialog(
    parent: QWidget, task: str, task_words: str, inputs: list[str], model: str, options: dict[str, Any]
) -> BatchDialog:
    """The panels' "Run as batch job…": their files, model and options; results beside the first file."""
    folder = Path(inputs[0]).parent if inputs else Path.home()
    dialog = BatchDialog(task, task_words, inputs, model, folder / f"{task}-results.parquet", options, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    if not inputs:
        dialog.folder_dialog.open()
    return dialog
