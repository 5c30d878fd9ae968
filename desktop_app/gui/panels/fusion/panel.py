"""Fusion: combine what the models make. Prompt (late fusion: an image's caption, a voice note's transcript
and typed text in one prompt), Match and Search (feature-level: a joint image-text model), and from the
prompt's image, Inspect (attention-level: the caption's words over the image regions)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.core.i18n import tr
from desktop_app.core.tasks import Task
from desktop_app.gui.panels.fusion.match_page import MatchPage
from desktop_app.gui.panels.fusion.prompt_page import PromptPage
from desktop_app.gui.panels.fusion.search_page import SearchPage
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.gui.widgets.model_hint import MissingModelHint
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.gui.widgets.page_tabs import PageTabs
from desktop_app.store.history import HistoryEntry
from desktop_app.store.model_store import ModelStore
from desktop_app.workers.inference_worker import InferenceWorker


class FusionPanel(QWidget):
    """Three pages, each a job panel of its own; to the window, one panel (the `Panel` protocol)."""

    history_tasks = (Task.FUSE, Task.MATCH, Task.SEARCH)
    inspect_requested = Signal(object)  # ImageCaption: the prompt's image caption, in the Attention panel
    explain_requested = Signal(object)  # (image, text, model): why a pair matched, in the Attention panel

    def __init__(
        self, worker: InferenceWorker, pickers: dict[str, ModelPicker], store: ModelStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        embed = self.embed_picker = pickers["embed"]
        self.prompt = PromptPage(worker, dict(pickers))
        self.prompt.inspect_requested.connect(self.inspect_requested)
        self.match = MatchPage(worker, embed)
        self.match.explain_requested.connect(self.explain_requested)
        self.search = SearchPage(worker, embed)
        self.banner = MessageBanner()
        self.tabs = PageTabs()
        self.tabs.addTab(self.prompt, tr("Prompt (late fusion)"))
        self.tabs.addTab(self.match, tr("Match images and texts"))
        self.tabs.addTab(self.search, tr("Search a folder"))
        self.tabs.add_shared(self.banner)
        embed_label = QLabel(tr("Image-text model"))
        embed_label.setBuddy(embed)
        self.embed_row = QWidget()
        row = QHBoxLayout(self.embed_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(embed_label)
        row.addWidget(embed, 1)
        self.tabs.add_shared(self.embed_row)
        retained = self.embed_row.sizePolicy()
        retained.setRetainSizeWhenHidden(True)  # the pages stay where they are whether the picker shows or not
        self.embed_row.setSizePolicy(retained)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        self.model_hint = MissingModelHint(
            worker, store, embed, self.banner, "embed", tr("image-text (CLIP or SigLIP)")
        )
        self.model_hint.model_ready.connect(self._on_model_hint_model_ready)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._on_tab_changed(0)

    def _on_tab_changed(self, index: int) -> None:
        """The image-text model (its picker, and a note when none is installed) matters to Match and Search."""
        uses_embedding = self.tabs.widget(index) is not self.prompt
        self.embed_row.setVisible(uses_embedding)
        if uses_embedding:
            self.model_hint.check()
        elif self.banner.text() == self.model_hint.message and not self.model_hint.downloading:
            self.banner.hide()

    def _on_model_hint_model_ready(self, _ref: str) -> None:
        """The model just arrived: run the page the user had filled in."""
        page = self.tabs.currentWidget()
        if page is self.match and self.match.image_paths and self.match.texts.toPlainText().strip():
            self.match.run()
        elif page is self.search and self.search.folder and self.search.query.text().strip():
            self.search.run()

    def drop_files(self, paths: list[str]) -> None:
        """Files dropped on the panel (gui/drops.py): the images to match, or the prompt's image and voice note;
        a drop on Search names the folder to search."""
        page = self.tabs.currentWidget()
        if page is self.match:
            self.match.set_images(paths)
        elif page is self.search:
            folders = [path for path in paths if Path(path).is_dir()]
            self.search.set_folder(folders[0] if folders else str(Path(paths[0]).parent))
        else:
            self.prompt.add_files(paths)

    def drop_hint(self) -> str:
        page = self.tabs.currentWidget()
        if page is self.match:
            return tr("Drop images to match against the texts")
        if page is self.search:
            return tr("Drop a folder to search its images")
        return tr("Drop an image for {image} and a voice note for {voice}")

    @property
    def pages(self) -> tuple[PromptPage, MatchPage, SearchPage]:
        return self.prompt, self.match, self.search

    def load_entry(self, entry: HistoryEntry) -> None:
        page = {Task.FUSE: self.prompt, Task.MATCH: self.match, Task.SEARCH: self.search}[Task(entry.task)]
        self.tabs.setCurrentWidget(page)
        page.load_entry(entry)

    def save_state(self) -> None:
        """Nothing to keep: the pages' inputs are in each job's history entry."""

    def shutdown(self) -> None:
        for page in self.pages:
            page.shutdown()

    @property
    def is_running(self) -> bool:
        return any(page.is_running for page in self.pages)
