"""Feature-level fusion over a folder: type what you look for and see the images that match it best, with
their scores. Embeddings are cached on disk, so searching the same folder again is immediate."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from desktop_app.core.events import JobFinished
from desktop_app.core.i18n import arg, tr
from desktop_app.core.options import options_of
from desktop_app.core.requests import ImageSearchRequest
from desktop_app.core.results import SearchResult
from desktop_app.core.tasks import status_words
from desktop_app.gui.panels.fusion.page import FusionPage
from desktop_app.gui.thumbnails import ThumbnailLoader
from desktop_app.gui.widgets.empty_state import EmptyState
from desktop_app.gui.widgets.layout import button, hbox
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.gui.widgets.option_form import widget_for
from desktop_app.store.history import HistoryEntry
from desktop_app.workers.inference_worker import InferenceWorker


class SearchPage(FusionPage):
    def __init__(self, worker: InferenceWorker, picker: ModelPicker, parent: QWidget | None = None) -> None:
        super().__init__(worker, tr("Sear&ch"), "search", parent)
        self.picker = picker
        self.folder = ""
        self.result: SearchResult | None = None
        self.folder_button = button(tr("F&older…"), "", self._choose, icon_name="folder-open")
        self.folder_label = QLabel(tr("No folder"))
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("What are you looking for? e.g. a dog on a beach (Enter searches)"))
        self.query.setAccessibleName(tr("Search for"))
        top_k = widget_for(options_of(ImageSearchRequest)["top_k"])  # range, default and help as declared
        assert isinstance(top_k.widget, QSpinBox)
        self.top: QSpinBox = top_k.widget
        top_k.set(top_k.spec.default)
        self.top.setPrefix(tr("show "))
        self.top.setAccessibleName(tr("Results"))
        self.results = QListWidget()
        self.results.setViewMode(QListWidget.ViewMode.IconMode)
        self.results.setIconSize(QSize(128, 128))
        self.results.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.results.setGridSize(QSize(168, 176))  # fixed cells: thumbnails arriving later never overlap
        self.results.setUniformItemSizes(True)
        self.results.setMovement(QListWidget.Movement.Static)
        self.results.setWordWrap(True)
        self.results.setAccessibleName(tr("Search results"))
        self.empty = EmptyState(self.results, tr("Choose a folder of images, then describe what you are looking for."))
        self.thumbnails = ThumbnailLoader(128, self)
        self.lay_out(
            hbox(self.folder_button, (self.folder_label, 1), self.top), self.query, self.row, (self.results, 1)
        )
        self.query.returnPressed.connect(self.run)
        self.run_button.clicked.connect(self.run)
        self.thumbnails.loaded.connect(self._on_thumbnail)
        self.update_state()

    def set_folder(self, folder: str) -> None:
        self.folder = folder
        self.folder_label.setText(folder or tr("No folder"))

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Folder of images"))
        if folder:
            self.set_folder(folder)

    def run(self) -> None:
        request = ImageSearchRequest(self.folder, self.query.text(), self.picker.current_ref(), self.top.value())
        self.submit(request, tr("Searching…"))

    def on_job_finished(self, event: JobFinished) -> None:
        result: SearchResult = event.result
        self.show_result(result)
        notes = [
            arg(tr("%1 best of %2 images"), len(result.hits), result.images),
            arg(
                tr("%1 read now, %2 from the cache"),
                result.embedded,
                result.images - result.embedded - len(result.skipped),
            ),
        ]
        if result.skipped:
            notes.append(tr("%n unreadable", None, len(result.skipped)))
        self.update_state(" · ".join(notes))

    def show_result(self, result: SearchResult) -> None:
        self.result = result
        self._show_hits([(hit.path, hit.score) for hit in result.hits])

    def load_entry(self, entry: HistoryEntry) -> None:
        """A search from history: its folder, query and the images it found."""
        self.set_folder(str(entry.inputs.get("folder", "")))
        self.query.setText(str(entry.inputs.get("query", "")))
        self._show_hits([(str(path), float(score)) for path, score in entry.outputs.get("hits", [])])
        self.banner.show_message(arg(tr("Reopened from history (%1)."), status_words(entry.status)), "info")

    def _show_hits(self, hits: list[tuple[str, float]]) -> None:
        self.results.clear()
        for path, score in hits:
            item = QListWidgetItem(f"{Path(path).name}\n{score:.3f}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.results.addItem(item)
        self.thumbnails.request([path for path, _ in hits])

    def shutdown(self) -> None:
        super().shutdown()
        self.thumbnails.stop()

    def _on_thumbnail(self, path: str, image: QImage) -> None:
        for row in range(self.results.count()):
            item = self.results.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == path and not image.isNull():
                item.setIcon(QIcon(QPixmap.fromImage(image)))
