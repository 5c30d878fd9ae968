"""When the model a panel needs is not on this computer, its banner says so before the user tries and fails,
and offers it in one click: "Download <model> (<size>)". The download converts and selects the model, then
tells the panel, which runs what the user had already dropped or typed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.core.events import JobCancelled, JobFailed, JobFinished
from desktop_app.core.model_requests import DownloadModelRequest
from desktop_app.core.units import human_size
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.store.catalog import catalog_entry, licence_name
from desktop_app.store.hub_cache import looks_like_hub_id
from desktop_app.store.machine_fit import estimate_fit
from desktop_app.store.model_store import ModelStore, downloads_allowed
from desktop_app.workers.inference_worker import InferenceWorker

READY = ("ready", "needs conversion")  # a conversion happens by itself on first use
MANAGER = "Models ▸ Model manager (Ctrl+M)"


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
        chosen = self.picker.current_ref()
        availability = self.store.describe(chosen, self.task)
        if availability.status in READY:
            if self.message and self.banner.text() == self.message:
                self.banner.hide()
            return True
        if availability.status == "unsupported":
            self._show(f"{availability.hint} Choose another model, or add one in {MANAGER}.", None)
            return False
        offer = chosen if (catalog_entry(chosen) or looks_like_hub_id(chosen)) else self.store.default_ref(self.task)
        entry = catalog_entry(offer)
        name = entry.display_name if entry else offer
        if not downloads_allowed():
            self._show(
                f"No {self.what} model is installed, and downloads are off (offline). Copy a model folder "
                f"such as {name} to this computer and add it in {MANAGER}.",
                None,
            )
            return False
        about = ""
        if entry is not None:
            fit = estimate_fit(entry.parameters).text()
            about = f" ({human_size(entry.size_bytes)}, {licence_name(entry.licence)} licence"
            about += f"; {fit})" if fit else ")"
        self.offered = offer
        size = f" ({human_size(entry.size_bytes)})" if entry else ""
        self._show(
            f"No {self.what} model is installed. {name}{about} downloads once, then works offline. "
            f"Or add a copied model folder in {MANAGER}.",
            (f"Download {name}{size}", self.download),
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
        self.banner.set_action(("Cancel download", self.job.cancel))

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
        self.banner.show_message(event.error.user_text(), "error", ("Try again", self.download))

    def _on_job_cancelled(self, event: JobCancelled) -> None:
        self._finish()
        self.banner.show_message(
            "Download stopped. What arrived is kept: it resumes from there.", "info", ("Resume download", self.download)
        )
