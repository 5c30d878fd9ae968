"""The tuning lab (Models > Tuning lab…): Data, Augment and Teach, one page each, on the app's one worker.
Esc stops the running page's job first (a stopped training run keeps its checkpoint, and Teach resumes from
it), then closes the lab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout, QWidget

from desktop_app.core.i18n import tr
from desktop_app.gui.dialogs.tuning.augment_page import AugmentPage
from desktop_app.gui.dialogs.tuning.data_page import DataPage
from desktop_app.gui.dialogs.tuning.teach_page import TeachPage
from desktop_app.gui.settings import AppSettings
from desktop_app.tuning.stored_datasets import StoredDataset, stored_datasets
from desktop_app.workers.inference_worker import InferenceWorker


class TuningLabDialog(QDialog):
    def __init__(
        self,
        worker: InferenceWorker,
        settings: AppSettings,
        data_dir: Path,
        base_model: Callable[[], str],
        use_model: Callable[[str, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Tuning lab"))
        self.resize(900, 640)
        self.teach = TeachPage(worker, settings, base_model, use_model)
        self.data = DataPage(worker, settings, self._dataset_kept)
        self.augment = AugmentPage(worker, settings)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.data, tr("&Data"))
        self.tabs.addTab(self.augment, tr("&Augment"))
        self.tabs.addTab(self.teach, tr("&Teach (LoRA)"))
        self.tabs.setAccessibleName(tr("Tuning lab pages"))
        QVBoxLayout(self).addWidget(self.tabs)
        for stored in reversed(stored_datasets(data_dir)):
            self.teach.add_dataset(stored)
        if self.teach.data.count():
            self.teach.data.setCurrentIndex(self.teach.data.count() - 1)

    @property
    def pages(self) -> tuple[DataPage | AugmentPage | TeachPage, ...]:
        return (self.data, self.augment, self.teach)

    def _dataset_kept(self, stored: StoredDataset) -> None:
        self.teach.add_dataset(stored, select=True)

    def reject(self) -> None:
        """Esc (or Close) while a job runs stops it; the next one closes the lab."""
        running = [page for page in self.pages if page.job.running]
        if running:
            for page in running:
                page.cancel()
            return
        for page in self.pages:
            page.options.save()
        super().reject()
