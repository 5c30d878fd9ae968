"""The tuning lab's Data page: import instruction data (a JSONL or CSV file, or a folder of them), every line
checked; see it; keep it, split into train and validation, in the data folder (and the history)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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

from desktop_app.core.events import JobFinished
from desktop_app.core.i18n import arg, tr
from desktop_app.core.tuning_requests import ImportDataRequest
from desktop_app.gui.accessibility import link_labels
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.empty_state import EmptyState
from desktop_app.gui.widgets.layout import button, hbox
from desktop_app.gui.widgets.option_form import OptionForm
from desktop_app.tuning.stored_datasets import StoredDataset
from desktop_app.workers.inference_worker import InferenceWorker

DATA_FILTER = "(*.jsonl *.csv *.json)"
CONTENTS, STRETCH = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
PREVIEW_ROWS = 500


class DataPage(QWidget, JobPanel):
    def __init__(
        self, worker: InferenceWorker, settings: AppSettings, on_kept: Callable[[StoredDataset], None]
    ) -> None:
        super().__init__()
        self.init_job(worker, escape_cancels=False)  # the lab's Esc stops whichever page runs
        self.on_kept = on_kept
        self.source = QLineEdit()
        self.source.setPlaceholderText(tr("A .jsonl or .csv file, or a folder of them"))
        self.source.setAccessibleName(tr("Data file or folder"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("(the file's name)"))
        self.name.setAccessibleName(tr("Dataset name"))
        form = QFormLayout()
        choose = hbox(
            (self.source, 1),
            button(tr("&File…"), "", self._choose_file, icon_name="folder-open"),
            button(tr("F&older…"), "", self._choose_folder, icon_name="folder-open"),
        )
        form.addRow(tr("Data"), choose)
        form.addRow(tr("Name"), self.name)
        self.options = OptionForm(ImportDataRequest, ["validation_share", "seed"], settings, form)
        self.options.restore()
        row = self.job_row(tr("&Import and check"), "list-checks")
        self.summary = QLabel(tr("Instruction / input / output, or chat messages; every line is checked."))
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Split"), tr("Where"), tr("Instruction"), tr("Answer")])
        self.table.setAccessibleName(tr("The imported examples"))
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, mode in enumerate((CONTENTS, CONTENTS, STRETCH, STRETCH)):
            header.setSectionResizeMode(column, mode)
        self.empty = EmptyState(self.table, tr("The examples show here once they are imported."))
        self.lay_out(form, row, self.summary, (self.table, 1))
        self.run_button.clicked.connect(self.run)  # type: ignore[union-attr]
        self.update_state()
        link_labels(self)
        self.bind_run_keys()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Instruction data"), "", tr("Instruction data") + " " + DATA_FILTER
        )
        if path:
            self.source.setText(path)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, tr("A folder of instruction data"))
        if path:
            self.source.setText(path)

    def build_request(self) -> ImportDataRequest:
        return ImportDataRequest(self.source.text().strip(), self.name.text().strip(), **self.options.values())

    def run(self) -> None:
        self.options.save()
        self.submit(self.build_request(), tr("Checking every line…"))

    def on_job_finished(self, event: JobFinished) -> None:
        stored: StoredDataset = event.result
        self.show_dataset(stored)
        self.on_kept(stored)

    def show_dataset(self, stored: StoredDataset) -> None:
        train, held = stored.splits()
        rows = [(tr("train"), e) for e in train] + [(tr("validation"), e) for e in held]
        self.table.setRowCount(min(len(rows), PREVIEW_ROWS))
        for number, (split, example) in enumerate(rows[:PREVIEW_ROWS]):
            for column, text in enumerate((split, example.where, example.instruction, example.answer)):
                item = QTableWidgetItem(text.replace("\n", " ⏎ "))
                item.setToolTip(text)
                self.table.setItem(number, column, item)
        self.summary.setText(
            arg(
                tr("%1: %2 examples to train on, %3 held out. Kept in %4."),
                stored.name,
                stored.train,
                stored.validation,
                str(Path(stored.folder)),
            )
        )
        self.update_state(tr("Imported"))
