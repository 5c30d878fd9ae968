"""The model manager: every model per task with its status, size, licence, pinned revision and whether it
fits this machine; download, load and unload; add a folder or a Hugging Face id under the task its config
names (asking only when the config does not say)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import AppError
from desktop_app.core.events import JobFailed, JobFinished, ModelsChanged
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.model_requests import (
    DownloadModelRequest,
    InspectRepoRequest,
    LoadModelRequest,
    UnloadModelRequest,
)
from desktop_app.core.precision_requests import GATED_TASKS, PrecisionGateRequest, PrecisionGateResult
from desktop_app.core.requests import COMPRESSION_TASKS
from desktop_app.core.results import LoadedModel, RepoSummary
from desktop_app.core.tasks import MODEL_TASKS
from desktop_app.core.tuning_requests import MergeAdapterRequest
from desktop_app.core.units import human_size
from desktop_app.gui.panel_job import PanelJob
from desktop_app.store.adapters import is_adapter
from desktop_app.store.catalog import catalog_entry, licence_name
from desktop_app.store.hub_cache import looks_like_hub_id
from desktop_app.store.machine_fit import estimate_fit
from desktop_app.store.model_kind import kind_of_folder
from desktop_app.store.model_store import ModelAvailability, ModelStore, downloads_allowed
from desktop_app.store.precision_choices import PrecisionChoices
from desktop_app.workers.inference_worker import InferenceWorker

COLUMNS = (
    QT_TR_NOOP("Task"),
    QT_TR_NOOP("Model"),
    QT_TR_NOOP("Status"),
    QT_TR_NOOP("Source"),
    QT_TR_NOOP("Size"),
    QT_TR_NOOP("Loaded"),
    QT_TR_NOOP("Precision"),
    QT_TR_NOOP("Licence"),
    QT_TR_NOOP("Fits"),
    QT_TR_NOOP("Revision"),
    QT_TR_NOOP("Location"),
)
LOADED_COLUMN = COLUMNS.index("Loaded")
DOWNLOADABLE = ("downloadable", "missing")


def _can_download(model: ModelAvailability) -> bool:
    return (
        model.status in DOWNLOADABLE
        and downloads_allowed()
        and (catalog_entry(model.ref) is not None or looks_like_hub_id(model.ref))
    )


class ModelManagerDialog(QDialog):
    """`refs_for_task(task)` gives the references to list; `use_model(task, ref)` makes a panel use one;
    `set_language_pair(source, target)` fills in a one-pair translator's languages."""

    def __init__(
        self,
        store: ModelStore,
        worker: InferenceWorker,
        refs_for_task: Callable[[str], list[str]],
        use_model: Callable[[str, str], None],
        loaded: tuple[LoadedModel, ...] = (),
        parent: QWidget | None = None,
        set_language_pair: Callable[[str, str], None] | None = None,
        open_servers: Callable[[], object] | None = None,
        precision_choices: PrecisionChoices | None = None,
        device: str = "cpu",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Model manager"))
        self.resize(1240, 480)
        self.store = store
        self.worker = worker
        self.refs_for_task = refs_for_task
        self.use_model = use_model
        self.set_language_pair = set_language_pair
        self.loaded = loaded
        self.rows: list[ModelAvailability] = []
        self.precision_choices, self.device = precision_choices, device  # the quality gate's kept results

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(tr("Models"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The model's name is read whole; a long folder path takes what room is left, cut in the middle and
        # whole in its tooltip, and never pushes the name out of sight.
        header.setSectionResizeMode(COLUMNS.index("Location"), QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.hint = QLabel("")
        self.hint.setWordWrap(True)
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.job = PanelJob(worker, self.progress, self.hint, self)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)

        self.add_folder_button = QPushButton(tr("Add local &folder…"))
        self.add_hub_button = QPushButton(tr("Add Hugging Face &id…"))
        self.download_button = QPushButton(tr("&Download"))
        self.cancel_button = QPushButton(tr("&Cancel download"))
        self.use_button = QPushButton(tr("&Use for its task"))
        self.load_button = QPushButton(tr("&Load now"))
        self.unload_button = QPushButton(tr("U&nload"))
        self.lab_button = QPushButton(tr("Com&pression lab…"))
        self.lab_button.setToolTip(tr("Quantize (int8) or prune the selected model and compare it with the original"))
        self.gate_button = QPushButton(tr("&Measure precision"))
        self.gate_button.setToolTip(
            tr(
                "Run the selected model in each precision on the evaluation set, and use the fastest that keeps "
                "its answers when Models ▸ Precision is Automatic"
            )
        )
        self.merge_button = QPushButton(tr("Mer&ge adapter"))
        self.merge_button.setToolTip(tr("Merge the selected LoRA adapter into its base and keep it as a model"))
        self.servers_button = QPushButton(tr("Ser&vers…"))
        self.servers_button.setToolTip(
            tr("Models on OpenAI-compatible servers: vLLM, llama.cpp, Ollama (Ctrl+Shift+R)")
        )
        self.servers_button.setVisible(open_servers is not None)
        if open_servers is not None:
            self.servers_button.clicked.connect(open_servers)
        refresh_button = QPushButton(tr("&Refresh"))
        buttons = QHBoxLayout()
        for button in (
            self.add_folder_button,
            self.add_hub_button,
            self.download_button,
            self.cancel_button,
            self.use_button,
            self.load_button,
            self.unload_button,
            self.lab_button,
            self.gate_button,
            self.merge_button,
            self.servers_button,
            refresh_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(close)

        # Real dialogs, opened (not exec'd): the window keeps running, and tests can answer them.
        self.folder_dialog = QFileDialog(self, tr("Choose a Hugging Face model folder (with config.json)"))
        self.folder_dialog.setFileMode(QFileDialog.FileMode.Directory)
        self.folder_dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        self.folder_dialog.fileSelected.connect(self.add_reference)
        self.hub_dialog = QInputDialog(self)
        self.hub_dialog.setWindowTitle(tr("Add a Hugging Face model"))
        self.hub_dialog.setLabelText(tr("Model id (e.g. Qwen/Qwen2.5-0.5B-Instruct):"))
        self.hub_dialog.textValueSelected.connect(self.add_hub_id)
        self.task_dialog = QInputDialog(self)
        self.task_dialog.setWindowTitle(tr("Which task is this model for?"))
        self.task_dialog.setComboBoxEditable(False)
        self.task_dialog.textValueSelected.connect(self._on_task_dialog_text_value_selected)
        self._asking: tuple[str, dict[str, str]] | None = None  # (ref, task label -> task) while the task is asked

        self.add_folder_button.clicked.connect(self.folder_dialog.open)
        self.add_hub_button.clicked.connect(self.hub_dialog.open)
        self.download_button.clicked.connect(self._on_download_button_clicked)
        self.cancel_button.clicked.connect(self.job.cancel)
        self.use_button.clicked.connect(self._on_use_button_clicked)
        self.load_button.clicked.connect(self._on_load_button_clicked)
        self.unload_button.clicked.connect(self._on_unload_button_clicked)
        self.lab_button.clicked.connect(self.open_compression_lab)
        self.gate_button.clicked.connect(self._on_gate_button_clicked)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        refresh_button.clicked.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._on_table_selection_changed)
        worker.models_changed.connect(self.on_worker_models_changed)
        self.refresh()

    # ---- the table ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected()
        self.rows = []
        for task in MODEL_TASKS:
            self.rows += self.store.list_models(task, self.refs_for_task(task))
        loaded_as: dict[tuple[str, str], list[str]] = {}  # (task, ref or folder) -> the precisions it is in
        for m in self.loaded:
            for where in {m.ref, m.path}:
                loaded_as.setdefault((m.task, where), []).append(m.dtype)
        self.table.setRowCount(len(self.rows))
        for row, model in enumerate(self.rows):
            dtypes = loaded_as.get((model.task, model.ref)) or loaded_as.get((model.task, model.path)) or []
            gate = self._gate(model)
            fit = estimate_fit(model.parameters)
            values = (
                tr(MODEL_TASKS[model.task]),
                model.display_name,
                model.status,
                model.source,
                human_size(model.size_bytes) if model.size_bytes else "",
                arg(tr("yes (%1)"), ", ".join(sorted(dtypes))) if dtypes else "",
                gate.chosen if gate is not None else "",
                licence_name(model.licence),
                fit.verdict if fit.verdict != "unknown" else "",
                model.revision[:12],
                model.path,
            )
            tips = {
                COLUMNS.index("Fits"): fit.text(),
                COLUMNS.index("Precision"): self._gate_text(model, gate),
                COLUMNS.index("Revision"): model.revision,
                COLUMNS.index("Location"): model.path,
            }
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(tips.get(column) or model.hint or model.path)
                self.table.setItem(row, column, item)
        if selected is not None:
            self.select(selected.task, selected.ref)
        if self.rows and not self.table.selectedItems():
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def selected(self) -> ModelAvailability | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def select(self, task: str, ref: str) -> None:
        for row, model in enumerate(self.rows):
            if model.ref == ref and model.task == task:
                self.table.selectRow(row)

    def on_worker_models_changed(self, event: ModelsChanged) -> None:
        self.loaded = event.loaded
        self.refresh()

    def _on_table_selection_changed(self) -> None:
        model = self.selected()
        self._update_buttons()
        if model is not None and not self.job.running:
            fit = estimate_fit(model.parameters).text()
            self.hint.setText(
                model.hint
                or arg(tr("%1: %2, from %3"), model.display_name, model.status, model.source or "—")
                + (f"; {fit}" if fit else "")
            )

    def _update_buttons(self) -> None:
        model = self.selected()
        busy = self.job.running
        self.use_button.setEnabled(model is not None)
        self.load_button.setEnabled(model is not None and model.status not in ("missing", "unsupported"))
        loaded_cell = self.table.item(self.table.currentRow(), LOADED_COLUMN)
        self.unload_button.setEnabled(model is not None and loaded_cell is not None and bool(loaded_cell.text()))
        self.gate_button.setEnabled(
            model is not None and model.status == "ready" and model.task in GATED_TASKS and not busy
        )
        self.lab_button.setEnabled(
            model is not None and model.status not in ("missing", "unsupported") and model.task in COMPRESSION_TASKS
        )
        self.merge_button.setVisible(model is not None and bool(model.path) and is_adapter(Path(model.path)))
        self.merge_button.setEnabled(not busy)
        downloadable = model is not None and _can_download(model)
        self.download_button.setEnabled(downloadable and not busy)
        size = human_size(model.size_bytes) if model is not None and model.size_bytes else ""
        self.download_button.setText(arg(tr("&Download (%1)"), size) if downloadable and size else tr("&Download"))
        self.cancel_button.setVisible(busy)
        self.add_hub_button.setEnabled(not busy)

    # ---- precision ---------------------------------------------------------------------------------------
    def _gate(self, model: ModelAvailability) -> PrecisionGateResult | None:
        if self.precision_choices is None or model.task not in GATED_TASKS or not model.path:
            return None
        return self.precision_choices.get(model.task, model.path, self.device)

    def _gate_text(self, model: ModelAvailability, gate: PrecisionGateResult | None) -> str:
        if model.task not in GATED_TASKS:
            return tr("This task's models run in float32.")
        if gate is None:
            return tr("Not measured yet: Automatic runs it in float32. Measure precision finds a faster one.")
        return arg(tr("Automatic uses %1. Passing means %2."), gate.summary(), gate.rule())

    def _on_gate_button_clicked(self) -> None:
        model = self.selected()
        if model is not None and not self.job.running:
            self.job.submit(PrecisionGateRequest(model.task, model.path or model.ref))
            self.progress.show()
            self._update_buttons()

    # ---- adding ------------------------------------------------------------------------------------------
    def add_reference(self, ref: str, task: str = "") -> None:
        """A folder or a Hub id that is here already: file it under the task its config names (asking when it
        does not say), list it, and make that task's panel use it."""
        try:
            availability = self.store.describe(ref, task or "generate")
        except AppError as error:
            self.hint.setText(f"<b>{error.message}</b> {error.hint}")
            return
        if availability.status == "unsupported":
            self.hint.setText(arg(tr("<b>Not added.</b> %1"), availability.hint))
            return
        if not task and availability.path and is_adapter(Path(availability.path)):
            task = "generate"  # the tuning lab's adapters teach generation models
        if not task and availability.path:
            kind = kind_of_folder(Path(availability.path), ref)
            if kind.language_pair and self.set_language_pair is not None:
                self.set_language_pair(*kind.language_pair)
            task = kind.task
            if not task:
                self.ask_task(ref, kind.tasks)
                return
        self._file_under(ref, task or "generate")

    def add_hub_id(self, ref: str) -> None:
        ref = ref.strip()
        if not ref:
            return
        if not looks_like_hub_id(ref):
            self.hint.setText(arg(tr("<b>'%1' is not a Hugging Face id.</b> It looks like owner/name."), ref))
            return
        here = self.store.describe(ref, "generate")
        if here.status not in DOWNLOADABLE:  # a copy is on this computer: its config says the task
            self.add_reference(ref)
        elif not downloads_allowed():
            self.hint.setText(
                arg(tr("<b>'%1' is not on this computer and downloads are off (offline).</b> %2"), ref, here.hint)
            )
        elif not self.job.running:
            self.job.submit(InspectRepoRequest(model=ref))
            self.progress.show()
            self._update_buttons()

    def ask_task(self, ref: str, tasks: tuple[str, ...]) -> None:
        labels = {tr(MODEL_TASKS[task]): task for task in tasks}
        self._asking = (ref, labels)
        self.task_dialog.setLabelText(
            arg(tr("The configuration of %1 does not say which task it is for. Choose one:"), ref)
        )
        self.task_dialog.setComboBoxItems(list(labels))
        self.task_dialog.open()

    def _on_task_dialog_text_value_selected(self, label: str) -> None:
        if self._asking is not None:
            ref, labels = self._asking
            self._asking = None
            self._file_under(ref, labels[label])

    def _file_under(self, ref: str, task: str) -> None:
        self.use_model(task, ref)
        self.refresh()
        self.select(task, ref)
        row = self.selected()
        status = arg(tr(" It is %1."), row.status) if row is not None and row.status in DOWNLOADABLE else ""
        self.hint.setText(arg(tr("Added to %1; that panel uses it now.%2"), tr(MODEL_TASKS[task]), status))

    # ---- jobs: inspect a Hub repo, download ----------------------------------------------------------------
    def _on_merge_button_clicked(self) -> None:
        model = self.selected()
        if model is not None and not self.job.running:
            self.job.submit(MergeAdapterRequest(model.path))
            self.progress.show()
            self._update_buttons()

    def _on_download_button_clicked(self) -> None:
        model = self.selected()
        if model is not None and not self.job.running:
            self.job.submit(DownloadModelRequest(for_task=model.task, model=model.ref))
            self.progress.show()
            self._update_buttons()

    def _on_job_finished(self, event: JobFinished) -> None:
        self.progress.hide()
        self._update_buttons()
        result = event.result
        if isinstance(result, RepoSummary):
            self._on_repo_summary(result)
        elif isinstance(result, PrecisionGateResult):
            self.refresh()
            self.select(result.for_task, result.model.ref)
            self.hint.setText(
                arg(
                    tr("<b>%1</b>: Automatic precision uses %2. Passing means %3."),
                    result.model.ref,
                    result.summary(),
                    result.rule(),
                )
            )
        elif isinstance(result, str):  # an adapter merged into a model folder of its own
            self.add_reference(result, "generate")
            self.hint.setText(arg(tr("The merged model is in %1; Generate uses it now."), result))
        else:  # a download: the model is here now, and its task uses it
            ref = result.model.ref
            self.use_model(result.for_task, ref)
            self.refresh()
            self.select(result.for_task, ref)
            self.hint.setText(
                arg(
                    tr("%1 is ready (%2), revision %3; %4 uses it now."),
                    ref,
                    human_size(result.size_bytes),
                    result.model.revision[:12],
                    tr(MODEL_TASKS[result.for_task]),
                )
            )

    def _on_repo_summary(self, summary: RepoSummary) -> None:
        if summary.language_pair and self.set_language_pair is not None:
            self.set_language_pair(*summary.language_pair)
        about = arg(
            tr("%1: %2 to download, %3 licence, %4."),
            summary.hub_id,
            human_size(summary.download_bytes),
            licence_name(summary.licence) or "no",
            ", ".join(summary.formats) or "no weights",
        )
        if len(summary.tasks) == 1:
            self._file_under(summary.hub_id, summary.tasks[0])
            self.hint.setText(
                arg(tr("%1 Added to %2: press Download to fetch it."), about, tr(MODEL_TASKS[summary.tasks[0]]))
            )
        else:
            self.ask_task(summary.hub_id, summary.tasks)

    def _on_job_failed(self, event: JobFailed) -> None:
        self.progress.hide()
        self.hint.setText(f"<b>{event.error.message}</b> {event.error.hint}")
        self._update_buttons()

    def _on_job_cancelled(self, _event: object) -> None:
        self.progress.hide()
        self.hint.setText(tr("Download stopped. What arrived is kept: Download resumes from there."))
        self._update_buttons()

    # ---- the rest ----------------------------------------------------------------------------------------
    def open_compression_lab(self) -> QDialog | None:
        model = self.selected()
        if model is None or model.task not in COMPRESSION_TASKS:
            return None
        from desktop_app.gui.dialogs.compression_lab import CompressionLabDialog

        lab = CompressionLabDialog(self.worker, model.task, model.path or model.ref, self, self.use_model)
        lab.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lab.open()
        return lab

    def _on_use_button_clicked(self) -> None:
        model = self.selected()
        if model is not None:
            self.use_model(model.task, model.ref)
            self.hint.setText(arg(tr("%1 now uses %2."), tr(MODEL_TASKS[model.task]), model.display_name))

    def _on_load_button_clicked(self) -> None:
        model = self.selected()
        if model is not None:
            self.worker.submit(LoadModelRequest(for_task=model.task, model=model.ref))
            self.hint.setText(arg(tr("Loading %1… (see the status bar)"), model.display_name))

    def _on_unload_button_clicked(self) -> None:
        model = self.selected()
        if model is not None:
            self.worker.submit(UnloadModelRequest(for_task=model.task, model=model.path or model.ref))
