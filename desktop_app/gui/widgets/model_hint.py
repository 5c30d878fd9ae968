"""When the model a panel needs is not on this computer, its banner says so before the user tries and fails,
and offers it in one click: "Download <model> (<size>)". The download converts and selects the model, then
tells the panel, which runs what the user had already dropped or typed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.core.events import JobCancelled, JobFailed, JobFinished
from desktop_app.core.i18n import arg, tr
from desktop_app.core.model_requests import DownloadModelRequest
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.store.model_store import ModelStore
from desktop_app.store.readiness import MANAGER, readiness
from desktop_app.workers.inference_worker import InferenceWorker


class MissingModelHint(QObject):
    model_ready = Signal(str)  # the model was downloaded and is now the panel's choice

    def __init__(
        self,
        worker: InferenceWorker,
        store: ModelStore,
        picker: ModelPicker,
        banner: MessageBanner,
        task: str,
        what: str,
    ) -> None:
        super().__init__(banner)
        self.store, self.picker, self.banner, self.task, self.what = store, picker, banner, task, what
        self.message = ""
        self.offered = ""  # the model the Download button fetches
        self.job = PanelJob(worker, banner.progress, banner.label, self)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)
        picker.ref_changed.connect(self.check)

    @property
    def downloading(self) -> bool:
        return self.job.running

    def check(self, *_: object) -> bool:
        """True when the chosen model is here; otherwise the banner explains, and offers it when it can."""
        if self.downloading:
            return False
        state = readiness(self.store, self.task, self.picker.current_ref())
        if state.ready:
            if self.message and self.banner.text() == self.message:
                self.banner.hide()
            return True
        if state.status == "unsupported":
            self._show(state.advice(), None)
            return False
        if state.status == "offline":
            self._show(
                arg(tr("No %1 model is installed, and downloads are off (offline). %2"), self.what, state.advice()),
                None,
            )
            return False
        self.offered = state.offer
        self._show(
            arg(
                tr(
                    "No %1 model is installed. %2%3 downloads once, then works offline. Or add a copied model "
                    "folder in %4."
                ),
                self.what,
                state.offer_name,
                state.about,
                tr(MANAGER),
            ),
            (state.download_label, self.download),
        )
        return False

    def _show(self, text: str, action: tuple[str, object] | None) -> None:
        self.message = text
        self.banner.show_message(text, "warning", action)  # type: ignore[arg-type]

    def download(self) -> None:
        if self.downloading or not self.offered:
            return
        self.job.submit(DownloadModelRequest(for_task=self.task, model=self.offered))
        self.banner.progress.show()
        self.banner.close_button.hide()
        self.banner.set_action((tr("Cancel download"), self.job.cancel))

    def _finish(self) -> None:
        self.banner.progress.hide()
        self.banner.close_button.show()

    def _on_job_finished(self, event: JobFinished) -> None:
        self._finish()
        self.banner.hide()
        self.picker.select_ref(self.offered)
        self.model_ready.emit(self.offered)

    def _on_job_failed(self, event: JobFailed) -> None:
        self._finish()
        self.banner.show_message(event.error.user_text(), "error", (tr("Try again"), self.download))

    def _on_job_cancelled(self, event: JobCancelled) -> None:
        self._finish()
        self.banner.show_message(
            tr("Download stopped. What arrived is kept: it resumes from there."),
            "info",
            (tr("Resume download"), self.download),
        )
