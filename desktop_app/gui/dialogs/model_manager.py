"""The model manager: every model per task with its source, size on disk and whether it is loaded."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import AppError
from desktop_app.core.requests import COMPRESSION_TASKS, LoadModelRequest, UnloadModelRequest
from desktop_app.core.results import LoadedModel, ModelsChanged
from desktop_app.core.units import human_size
from desktop_app.store.catalog import TASKS
from desktop_app.store.hub_cache import looks_like_hub_id
from desktop_app.store.model_store import ModelAvailability, ModelStore
from desktop_app.workers.inference_worker import InferenceWorker

COLUMNS = ("Task", "Model", "Status", "Source", "Size", "Loaded", "Location")


class ModelManagerDialog(QDialog):
    """`refs_for_task(task)` gives the references to list; `use_model(task, ref)` makes a panel use one."""

    def __init__(
        self,
        store: ModelStore,
        worker: InferenceWorker,
        refs_for_task: Callable[[str], list[str]],
        use_model: Callable[[str, str], None],
        loaded: tuple[LoadedModel, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Model manager")
        self.resize(980, 360)
        self.store = store
        self.worker = worker
        self.refs_for_task = refs_for_task
        self.use_model = use_model
        self.loaded = loaded
        self.rows: list[ModelAvailability] = []

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.add_folder_button = QPushButton("Add local folder…")
        self.add_hub_button = QPushButton("Add Hugging Face id…")
        self.use_button = QPushButton("Use for its task")
        self.load_button = QPushButton("Load now")
        self.unload_button = QPushButton("Unload")
        self.lab_button = QPushButton("Compression lab…")
        self.lab_button.setToolTip("Quantize (int8) or prune the selected model and compare it with the original")
        refresh_button = QPushButton("Refresh")
        buttons = QHBoxLayout()
        for button in (self.add_folder_button, self.add_hub_button, self.use_button, self.load_button,
                       self.unload_button, self.lab_button, refresh_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        layout.addWidget(close)

        self.add_folder_button.clicked.connect(self._on_add_folder_button_clicked)
        self.add_hub_button.clicked.connect(self._on_add_hub_button_clicked)
        self.use_button.clicked.connect(self._on_use_button_clicked)
        self.load_button.clicked.connect(self._on_load_button_clicked)
        self.unload_button.clicked.connect(self._on_unload_button_clicked)
        self.lab_button.clicked.connect(self.open_compression_lab)
        refresh_button.clicked.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        worker.models_changed.connect(self.on_worker_models_changed)
        self.refresh()

    def refresh(self) -> None:
        self.rows = []
        for task in TASKS:
            self.rows += self.store.list_models(task, self.refs_for_task(task))
        loaded_refs = {(m.task, m.ref) for m in self.loaded} | {(m.task, m.path) for m in self.loaded}
        self.table.setRowCount(len(self.rows))
        for row, model in enumerate(self.rows):
            is_loaded = (model.task, model.ref) in loaded_refs or (model.task, model.path) in loaded_refs
            values = (
                TASKS[model.task], model.display_name, model.status, model.source,
                human_size(model.size_bytes) if model.size_bytes else "", "yes" if is_loaded else "",
                model.path,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(model.hint or model.path)
                self.table.setItem(row, column, item)
        if self.rows and not self.table.selectedItems():
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def selected(self) -> ModelAvailability | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def add_reference(self, ref: str, task: str = "generate") -> None:
        """Check a folder or hub id the user typed, then list it and make its task use it."""
        try:
            availability = self.store.describe(ref, task)
        except AppError as error:
            self.hint.setText(f"<b>{error.message}</b> {error.hint}")
            return
        self.use_model(task, ref)
        self.refresh()
        for row, model in enumerate(self.rows):
            if model.ref == ref and model.task == task:
                self.table.selectRow(row)
        if availability.status == "missing":
            self.hint.setText(f"<b>Added, but not available offline.</b> {availability.hint}")

    def on_worker_models_changed(self, event: ModelsChanged) -> None:
        self.loaded = event.loaded
        self.refresh()

    def _on_table_selection_changed(self) -> None:
        model = self.selected()
        self.use_button.setEnabled(model is not None)
        self.load_button.setEnabled(model is not None and model.status != "missing")
        loaded_cell = self.table.item(self.table.currentRow(), 5)
        self.unload_button.setEnabled(model is not None and loaded_cell is not None and loaded_cell.text() == "yes")
        self.lab_button.setEnabled(model is not None and model.status != "missing" and
                                   model.task in COMPRESSION_TASKS)
        if model is not None:
            self.hint.setText(model.hint or f"{model.display_name}: {model.status}, from {model.source or '—'}")

    def open_compression_lab(self) -> QDialog | None:
        model = self.selected()
        if model is None or model.task not in COMPRESSION_TASKS:
            return None
        from desktop_app.gui.dialogs.compression_lab import CompressionLabDialog

        lab = CompressionLabDialog(self.worker, model.task, model.path or model.ref, parent=self)
        lab.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lab.open()
        return lab

    def _on_add_folder_button_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a Hugging Face model folder (with config.json)")
        if folder:
            self.add_reference(folder)

    def _on_add_hub_button_clicked(self) -> None:
        ref, ok = QInputDialog.getText(self, "Add a Hugging Face model",
                                       "Model id (e.g. HuggingFaceTB/SmolLM2-360M-Instruct):")
        ref = ref.strip()
        if not ok or not ref:
            return
        if not looks_like_hub_id(ref):
            self.hint.setText(f"<b>'{ref}' is not a Hugging Face id.</b> It looks like owner/name.")
            return
        self.add_reference(ref)

    def _on_use_button_clicked(self) -> None:
        model = self.selected()
        if model is not None:
            self.use_model(model.task, model.ref)
            self.hint.setText(f"{TASKS[model.task]} now uses {model.display_name}.")

    def _on_load_button_clicked(self) -> None:
        model = self.selected()
        if model is not None:
            self.worker.submit(LoadModelRequest(for_task=model.task, model=model.ref))
            self.hint.setText(f"Loading {model.display_name}… (see the status bar)")

    def _on_unload_button_clicked(self) -> None:
        model = self.selected()
        if model is not None:
            self.worker.submit(UnloadModelRequest(for_task=model.task, model=model.path or model.ref))
