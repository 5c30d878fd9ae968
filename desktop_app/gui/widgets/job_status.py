"""The status bar's view of the worker: what runs, how far along, and which models are in memory."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from desktop_app.core.events import (
    JobCancelled,
    JobFailed,
    JobFinished,
    JobPartial,
    JobProgress,
    JobStarted,
    ModelsChanged,
    ModelsUnloaded,
)
from desktop_app.core.i18n import arg, tr
from desktop_app.core.remote_models import parse as remote_model
from desktop_app.core.requests import Request
from desktop_app.core.results import RuntimeInfo
from desktop_app.core.tasks import JOB_WORDS, job_words
from desktop_app.gui.accessibility import announce
from desktop_app.gui.widgets.elided_label import ElidedLabel
from desktop_app.gui.widgets.progress import progress_text, show_fraction, streamed_fraction


def short_name(ref: str) -> str:
    """A model's name as a person says it: a folder's or a Hub id's last part, not its whole path."""
    return ref.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or ref


class JobStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.activity = ElidedLabel(tr("Ready"))
        self.kept = False  # a failure or a note stays in view until the next job starts
        self.running: Request | None = None  # the job the bar is about
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.models = ElidedLabel(tr("No model loaded"))
        self.models.setProperty("ownTooltip", True)  # the tooltip has the full paths
        self.runtime = QLabel("")  # device and threads, once the worker has said
        self.runtime.setAccessibleName(tr("Device and threads"))
        self.bar = QHBoxLayout(self)
        self.bar.setContentsMargins(0, 0, 0, 0)
        self.bar.addWidget(self.activity)
        self.bar.addWidget(self.progress)
        self.bar.addWidget(QLabel("|"))
        self.bar.addWidget(self.runtime)
        self.bar.addWidget(self.models)
        self._widen_activity(False)

    def _widen_activity(self, wide: bool) -> None:
        """The loaded models usually get two thirds of the bar; a note or a failure, kept for the user to read,
        gets them instead."""
        self.bar.setStretchFactor(self.activity, 2 if wide else 1)
        self.bar.setStretchFactor(self.models, 1 if wide else 2)

    def _keep(self, text: str, details: str) -> None:
        """Kept in view until the next job starts: the user should read it."""
        self.kept = True
        self.activity.setText(text)
        self.activity.setToolTip(details)
        self._widen_activity(True)

    def on_worker_job_started(self, event: JobStarted) -> None:
        self.running = event.request
        self.kept = False
        self._widen_activity(False)
        self.activity.setText(arg(tr("Running: %1"), job_words(event.request.task)))

    def on_worker_job_progress(self, event: JobProgress) -> None:
        self.activity.setText(progress_text(event.message, event.fraction))
        self.progress.show()
        show_fraction(self.progress, event.fraction)

    def on_worker_job_partial(self, event: JobPartial) -> None:
        fraction = streamed_fraction(self.running, event.items)
        if fraction is not None:
            show_fraction(self.progress, fraction)

    def on_worker_job_failed(self, event: JobFailed) -> None:
        self._keep(arg(tr("Failed: %1"), event.error.message), event.error.user_text())
        announce(self, arg(tr("Failed: %1"), event.error.user_text()), urgent=True)

    def on_worker_job_finished(self, event: JobFinished) -> None:
        if event.notices:
            self._keep(arg(tr("Note: %1"), " ".join(event.notices)), "\n".join(event.notices))
        if event.request.task in JOB_WORDS:
            done = arg(tr("Done: %1"), job_words(event.request.task))
            remote = remote_model(str(getattr(getattr(event.result, "model", None), "ref", "")))
            if remote is not None:  # said until the next job: which server and model wrote it
                done = arg(tr("%1 (%2)"), done, remote.label)
                self._keep(done, remote.ref)
            announce(self, " ".join([done, *event.notices]))
        elif event.notices:  # a setting's job (a precision this device cannot run): its note is said too
            announce(self, " ".join(event.notices))

    def on_worker_job_cancelled(self, event: JobCancelled) -> None:
        if event.request.task in JOB_WORDS:
            announce(self, arg(tr("Stopped: %1"), job_words(event.request.task)))

    def on_worker_busy_changed(self, busy: bool) -> None:
        if not busy:
            self.progress.hide()
            if not self.kept:
                self.activity.setText(tr("Ready"))

    def on_worker_models_changed(self, event: ModelsChanged) -> None:
        names = [
            f"{short_name(m.ref or m.path)} ({m.task}, {m.parameters / 1e6:.0f}M, {m.dtype})" for m in event.loaded
        ]
        self.models.setText(tr("Loaded: ") + ", ".join(names) if names else tr("No model loaded"))
        details = [
            arg(
                tr("%1: %2 (%3M parameters, %4, %5)"),
                m.task,
                m.path or m.ref,
                f"{m.parameters / 1e6:.0f}",
                m.device,
                m.dtype,
            )
            for m in event.loaded
        ]
        self.models.setToolTip("\n".join(details) if details else tr("No model is in memory"))

    def on_worker_models_unloaded(self, event: ModelsUnloaded) -> None:
        """Said until the next job, so that a slower next start is not a surprise."""
        if not event.models:  # only the models' process ended, holding no model: nothing the user had went
            return
        names = ", ".join(short_name(m.ref or m.path) for m in event.models)
        said = arg(
            tr("Unloaded %1: unused for %2 min. It loads again when a job needs it."),
            names,
            max(1, round(event.idle_s / 60)),
        )
        self.kept = True
        self.activity.setText(said)
        self.activity.setToolTip(said)
        announce(self, said)

    def show_runtime(self, info: RuntimeInfo) -> None:
        self.runtime.setText(f"{info.label()} · {info.unload_label()}")
        self.runtime.setToolTip(
            tr("Models ▸ Run on, Models ▸ CPU threads and Models ▸ Unload unused models change these")
        )
