"""Getting started: every task in one list, ready or not, with its model; one click downloads what is missing
(one task or all of them), with progress, cancel and resume, while the window stays usable. Shown on the first
start and from Help ▸ Getting started."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.events import JobCancelled, JobFailed, JobFinished
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.model_requests import DownloadModelRequest
from desktop_app.core.tasks import Task
from desktop_app.core.units import human_size
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.resources import icon
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.layout import button
from desktop_app.store.model_store import ModelStore
from desktop_app.store.readiness import Readiness, readiness
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker


@dataclass(frozen=True)
class TaskLine:
    task: str
    panel: str  # the tab that runs it
    icon_name: str
    purpose: str


TASK_LINES = (
    TaskLine(Task.GENERATE, QT_TR_NOOP("Chat"), "message-square-text", QT_TR_NOOP("Chat with a language model")),
    TaskLine(
        Task.TRANSLATE, QT_TR_NOOP("Translate"), "languages", QT_TR_NOOP("Translate text, documents and transcripts")
    ),
    TaskLine(Task.CAPTION, QT_TR_NOOP("Caption"), "image", QT_TR_NOOP("Describe images in words")),
    TaskLine(Task.TRANSCRIBE, QT_TR_NOOP("Speech"), "mic", QT_TR_NOOP("Transcribe recordings and audio files")),
    TaskLine(Task.ENCODE, QT_TR_NOOP("Attention"), "scan-eye", QT_TR_NOOP("Look inside a text model")),
    TaskLine(Task.EMBED, QT_TR_NOOP("Fusion"), "blend", QT_TR_NOOP("Match and search images with words")),
)


class TaskRow(QWidget):
    """One task: its state in words, and the one button that moves it on (Download, Cancel, Open)."""

    changed = Signal()  # ready or not, downloading or not

    def __init__(
        self,
        line: TaskLine,
        check: Callable[[], Readiness],
        worker: InferenceWorker,
        on_ready: Callable[[str, str], None],
        on_open: Callable[[str], None],
        grid: QGridLayout,
        row: int,
    ) -> None:
        super().__init__()
        self.line, self.check, self.on_ready, self.on_open = line, check, on_ready, on_open
        self.state = check()
        picture = QLabel()
        picture.setPixmap(icon(line.icon_name).pixmap(24, 24))
        self.title = QLabel(f"<b>{tr(line.panel)}</b><br>{tr(line.purpose)}")
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(140)
        self.progress.hide()
        self.action = QPushButton("")
        self.action.clicked.connect(self._on_action_clicked)
        self.job = PanelJob(worker, self.progress, self.detail, self)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)
        for column, part in enumerate((picture, self.title, self.detail, self.progress, self.action)):
            grid.addWidget(part, row, column)
        self.refresh()

    @property
    def missing(self) -> bool:
        return self.state.status == "downloadable" and not self.job.running

    def refresh(self) -> None:
        if not self.job.running:
            self.state = self.check()
            self.detail.setText(self._words())
            self.detail.setToolTip(self.state.fit.capitalize() if self.state.fit else "")
        self.progress.setVisible(self.job.running)
        if self.job.running:
            label = tr("Cancel")
        elif self.state.ready:
            label = arg(tr("Open %1"), tr(self.line.panel))
        elif self.state.size_bytes:
            label = arg(tr("Download (%1)"), human_size(self.state.size_bytes))
        else:
            label = tr("Download")
        self.action.setText(label)
        self.action.setEnabled(self.job.running or self.state.ready or self.state.status == "downloadable")
        self.action.setAccessibleName(f"{label}: {tr(self.line.panel)}")
        self.changed.emit()

    def _words(self) -> str:
        state = self.state
        if state.ready:
            return arg(tr("Ready: %1"), state.name)
        if state.status == "downloadable":
            if state.size_bytes:
                return arg(
                    tr("Needs %1: %2, %3 licence"), state.offer_name, human_size(state.size_bytes), state.licence
                )
            return arg(tr("Needs %1"), state.offer_name)
        if state.status == "offline":
            return arg(tr("Not installed, and downloads are off. %1"), state.advice())
        return state.advice()

    def download(self) -> None:
        if self.missing:
            self.job.submit(DownloadModelRequest(for_task=self.line.task, model=self.state.offer))
            self.refresh()

    def _on_action_clicked(self) -> None:
        if self.job.running:
            self.job.cancel()
        elif self.state.ready:
            self.on_open(self.line.panel)
        else:
            self.download()

    def _on_job_finished(self, event: JobFinished) -> None:
        self.on_ready(self.line.task, self.state.offer)
        self.refresh()

    def _on_job_failed(self, event: JobFailed) -> None:
        self.refresh()
        self.detail.setText(arg(tr("The download failed: %1 Press Download to try again."), event.error.user_text()))

    def _on_job_cancelled(self, event: JobCancelled) -> None:
        self.refresh()
        self.detail.setText(tr("Download stopped. What arrived is kept: Download resumes from there."))


class GettingStartedDialog(QDialog):
    open_panel = Signal(str)  # a tab's name

    def __init__(
        self,
        store: ModelStore,
        worker: InferenceWorker,
        settings: AppSettings,
        chosen: Callable[[str], str],
        on_ready: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("gettingStarted")
        self.setWindowTitle(tr("Getting started"))
        self.settings = settings
        intro = QLabel(
            tr(
                "Everything runs on this computer. Each task needs its model once: those that are here work now, "
                "the others download with one click and then work offline."
            )
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)

        def check(task: str) -> Callable[[], Readiness]:
            return lambda: readiness(store, task, chosen(task))

        self.rows = [
            TaskRow(line, check(line.task), worker, on_ready, self._open, grid, index)
            for index, line in enumerate(TASK_LINES)
        ]
        self.download_all = button("", tr("Download every missing model, one after another"), self.download_missing)
        self.show_at_start = QCheckBox(tr("Show this at start while a task has no model"))
        self.show_at_start.setChecked(settings.get(Keys.show_getting_started))
        self.show_at_start.toggled.connect(lambda on: settings.set(Keys.show_getting_started, on))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        buttons.addButton(self.download_all, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.show_at_start)
        layout.addWidget(buttons)
        for row in self.rows:
            row.changed.connect(self._summarise)
        self._summarise()
        self.resize(max(820, self.sizeHint().width()), self.sizeHint().height())

    def refresh(self) -> None:
        for row in self.rows:
            row.refresh()

    def download_missing(self) -> None:
        for row in self.rows:
            row.download()  # the worker runs them one at a time, in this order

    def _summarise(self) -> None:
        missing = [row.state for row in self.rows if row.missing]
        total = sum(state.size_bytes for state in missing)
        self.download_all.setText(
            arg(tr("Download &all missing (%1)"), human_size(total)) if total else tr("Download &all missing")
        )
        self.download_all.setVisible(bool(missing))

    def _open(self, panel: str) -> None:
        self.open_panel.emit(panel)
        self.close()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()  # a model may have arrived from elsewhere since it last showed
        super().showEvent(event)

    def summary(self) -> str:
        """The page row by row, as a screen reader reads it."""
        return "\n".join(f"{row.line.panel}: {row.detail.text()} [{row.action.text()}]" for row in self.rows)
