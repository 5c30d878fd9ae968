"""The shape every panel shares, after Orange3's ConcurrentWidgetMixin: one job at a time on the worker, its
progress on the panel's bar and status line, its events to the panel's `on_job_*` hooks, a failure in the
panel's banner, Esc to cancel, bad input said before anything is sent; and what the window asks of every
panel (the `Panel` protocol: save its state, reopen a history entry, shut down, say whether it runs)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QPlainTextEdit, QProgressBar, QPushButton, QTextEdit, QVBoxLayout, QWidget

from desktop_app.core.errors import AppError, InvalidRequestError
from desktop_app.core.events import JobCancelled, JobFailed, JobFinished, JobPartial
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import Request
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.elided_label import ElidedLabel
from desktop_app.gui.widgets.layout import Part, button, fill, hbox
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.store.history import HistoryEntry
from desktop_app.store.output_files import write_text_whole
from desktop_app.workers.inference_worker import InferenceWorker


@runtime_checkable
class Panel(Protocol):
    """What the window does with each of its panels, whatever the panel is."""

    @property
    def history_tasks(self) -> tuple[str, ...]:
        """The tasks of the history entries it reopens."""

    def save_state(self) -> None: ...

    def load_entry(self, entry: HistoryEntry) -> None: ...

    def shutdown(self) -> None: ...

    @property
    def is_running(self) -> bool: ...


WITH_CHILDREN = Qt.ShortcutContext.WidgetWithChildrenShortcut


class RunKeys(QObject):
    """Ctrl+Enter in a text box: the panel's run, not a new line."""

    def __init__(self, run: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.run = run

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.run()
                return True
        return super().eventFilter(watched, event)


class JobPanel:
    """Mix into a QWidget and call `init_job` first in its constructor; then override the hooks."""

    history_tasks: ClassVar[tuple[str, ...]] = ()
    banner: MessageBanner
    progress: QProgressBar
    status: ElidedLabel
    job: PanelJob
    run_button: QPushButton | None = None  # set by `job_row`; the panels with their own buttons leave it
    cancel_button: QPushButton | None = None

    def init_job(self, worker: InferenceWorker, escape_cancels: bool = True) -> None:
        assert isinstance(self, QWidget)
        self.worker = worker
        self.banner = MessageBanner()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.status = ElidedLabel("")  # a long status never widens the window: it ends in "…", whole in its tooltip
        self.job = PanelJob(worker, self.progress, self.status, self)
        self.job.partial.connect(self.on_job_partial)
        self.job.finished.connect(self._job_finished)
        self.job.failed.connect(self._job_failed)
        self.job.cancelled.connect(self._job_cancelled)
        if escape_cancels:
            QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel)

    def lay_out(self, *parts: Part) -> QVBoxLayout:
        """The panel's column: its banner on top, then the parts."""
        assert isinstance(self, QWidget)
        return fill(QVBoxLayout(self), (self.banner, *parts))

    def job_row(self, run_label: str, icon_name: str = "") -> QWidget:
        """The run button, Cancel, the bar and the status line in one row (the Fusion pages, the lab)."""
        self.run_button = button(run_label, f"{run_label.replace('&', '')} (Ctrl+Enter)", icon_name=icon_name)
        self.cancel_button = button(tr("&Cancel"), tr("Stop (Esc)"), self.cancel, icon_name="x")
        widget = QWidget()
        layout = hbox(self.run_button, self.cancel_button, self.progress, (self.status, 1))
        layout.setContentsMargins(0, 0, 0, 0)
        widget.setLayout(layout)
        return widget

    # ---- running -----------------------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self.job.running

    def submit(self, request: Request, status: str = "") -> bool:
        """Check the request, then send it; bad input is said in the banner and nothing is sent."""
        if self.job.running:
            return False
        try:
            request.validate()
        except InvalidRequestError as error:
            self.banner.show_message(f"{error.message} {error.hint}".strip(), "warning")
            return False
        self.banner.hide()
        self.job.submit(request)
        self.update_state(status or None)
        return True

    def cancel(self) -> None:
        self.job.cancel()

    # ---- keys --------------------------------------------------------------------------------------------
    def primary_button(self) -> QPushButton | None:
        """The button Ctrl+Enter presses: the run button, unless the panel has its own (Send, Translate…)."""
        return self.run_button

    def run_from_keyboard(self) -> None:
        target = self.primary_button()
        if target is not None and target.isEnabled() and target.isVisible():
            target.click()

    def bind_run_keys(self) -> None:
        """Ctrl+Enter runs from anywhere in the panel, its text boxes included (which would otherwise take it
        as a new line). Called once the panel is built."""
        assert isinstance(self, QWidget)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.run_from_keyboard, context=WITH_CHILDREN)
        self._run_keys = RunKeys(self.run_from_keyboard, self)
        for editor in [*self.findChildren(QPlainTextEdit), *self.findChildren(QTextEdit)]:
            editor.installEventFilter(self._run_keys)

    def update_state(self, status: str | None = None) -> None:
        """The bar shows while a job runs; the panel's own controls follow (`refresh_controls`)."""
        self.progress.setVisible(self.job.running)
        if status is not None:
            self.status.setText(status)
            self.status.setToolTip(status)
        self.refresh_controls()

    def export_text(self, path: Path, text: str) -> bool:
        """Write an export whole or not at all; a failure is said in the banner, never a traceback."""
        try:
            write_text_whole(path, text)
        except AppError as error:
            self.banner.show_message(f"{error.message} {error.hint}", "error")
            return False
        self.status.setText(arg(tr("Exported %1"), path.name))
        return True

    def _job_finished(self, event: JobFinished) -> None:
        self.update_state(tr("Done"))
        self.on_job_finished(event)

    def _job_failed(self, event: JobFailed) -> None:
        self.banner.show_error(event.error)
        self.update_state(tr("Failed"))
        self.on_job_failed(event)

    def _job_cancelled(self, event: JobCancelled) -> None:
        self.update_state(tr("Stopped"))
        self.on_job_cancelled(event)

    # ---- hooks -------------------------------------------------------------------------------------------
    def refresh_controls(self) -> None:
        """Enable and disable the panel's buttons for its state (the job row's, unless overridden)."""
        if self.run_button is not None and self.cancel_button is not None:
            self.run_button.setEnabled(not self.job.running)
            self.cancel_button.setEnabled(self.job.running)

    def on_job_partial(self, event: JobPartial) -> None:
        """Streamed output (tokens, captions, segments) as it arrives."""

    def on_job_finished(self, event: JobFinished) -> None:
        """The result; the state is already updated (say more with `update_state(status)`)."""

    def on_job_failed(self, event: JobFailed) -> None:
        """After the banner has said what went wrong."""

    def on_job_cancelled(self, event: JobCancelled) -> None:
        """A stopped job, with whatever partial result it kept."""

    # ---- the Panel protocol ------------------------------------------------------------------------------
    def save_state(self) -> None:
        """Remember the panel's options in the settings."""

    def load_entry(self, entry: HistoryEntry) -> None:
        raise NotImplementedError

    def shutdown(self) -> None:
        self.save_state()
