"""Models ▸ Servers…: OpenAI-compatible servers (vLLM, llama.cpp's server, Ollama, `transformers serve`) as
model sources. A server is its address (kept in the settings) and an optional API key (kept in the system
keyring, never in the settings); its models come from /v1/models, and one click makes Chat and Fusion, or
Speech, use one."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import AppError
from desktop_app.core.events import JobFailed, JobFinished
from desktop_app.core.i18n import arg, tr
from desktop_app.core.model_requests import ServerModelsRequest
from desktop_app.core.remote_models import RemoteModel, base_url
from desktop_app.core.results import ServerModels
from desktop_app.core.tasks import Task
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.settings import AppSettings
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker


class ServersDialog(QDialog):
    """`use_model(task, ref)` makes a panel use a model (as the model manager's Use button does)."""

    def __init__(
        self,
        worker: InferenceWorker,
        settings: AppSettings,
        use_model: Callable[[str, str], None],
        forget_key: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Servers"))
        self.resize(720, 460)
        self.settings, self.use_model, self.forget_key = settings, use_model, forget_key
        self.listed: ServerModels | None = None

        self.servers = QListWidget()
        self.servers.setAccessibleName(tr("Saved servers"))
        self.address = QLineEdit()
        self.address.setPlaceholderText(tr("for example http://localhost:8000/v1"))
        self.address.setAccessibleName(tr("Server address"))
        self.api_key = QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(tr("optional; kept in the system keyring"))
        self.api_key.setAccessibleName(tr("API key"))
        self.connect_button = QPushButton(tr("&Connect"))
        self.connect_button.setDefault(True)
        self.remove_button = QPushButton(tr("&Remove server"))
        self.models = QListWidget()
        self.models.setAccessibleName(tr("The server's models"))
        self.chat_button = QPushButton(tr("Use for c&hat and fusion"))
        self.speech_button = QPushButton(tr("Use for &speech"))
        self.status = QLabel(
            tr(
                "Any server that speaks the OpenAI API: vLLM, llama.cpp's llama-server, Ollama, "
                "transformers serve. Give its address with /v1."
            )
        )
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.job = PanelJob(worker, self.progress, self.status, self)

        form = QFormLayout()
        address_label, key_label = QLabel(tr("&Address:")), QLabel(tr("API &key:"))
        address_label.setBuddy(self.address)
        key_label.setBuddy(self.api_key)
        form.addRow(address_label, self.address)
        form.addRow(key_label, self.api_key)
        saved_label, models_label = QLabel(tr("Sa&ved servers:")), QLabel(tr("&Models on the server:"))
        saved_label.setBuddy(self.servers)
        models_label.setBuddy(self.models)
        left = QVBoxLayout()
        left.addWidget(saved_label)
        left.addWidget(self.servers, 1)
        left.addWidget(self.remove_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignRight)
        right.addWidget(models_label)
        right.addWidget(self.models, 1)
        uses = QHBoxLayout()
        uses.addWidget(self.chat_button)
        uses.addWidget(self.speech_button)
        uses.addStretch(1)
        right.addLayout(uses)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(close)

        self.connect_button.clicked.connect(self.connect_to_server)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        self.chat_button.clicked.connect(lambda: self._use(Task.GENERATE))
        self.speech_button.clicked.connect(lambda: self._use(Task.TRANSCRIBE))
        self.servers.currentTextChanged.connect(self._on_servers_current_text_changed)
        self.models.itemActivated.connect(lambda _item: self._use(Task.GENERATE))
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        # Keys in reading order: the address first (where a new server starts), then its models, then the list.
        chain = [
            self.address, self.api_key, self.connect_button, self.models, self.chat_button, self.speech_button,
            self.servers, self.remove_button,
        ]  # fmt: skip
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.address.setFocus()
        self._fill_servers()
        self._update_buttons()

    # ---- servers -------------------------------------------------------------------------------------------
    def saved(self) -> list[str]:
        return [str(address) for address in self.settings.get(Keys.servers)]

    def _fill_servers(self, current: str = "") -> None:
        self.servers.blockSignals(True)
        self.servers.clear()
        self.servers.addItems(self.saved())
        matches = self.servers.findItems(current, Qt.MatchFlag.MatchExactly) if current else []
        if matches:
            self.servers.setCurrentItem(matches[0])
        self.servers.blockSignals(False)

    def connect_to_server(self) -> None:
        """List the models of the address typed, with the key typed (kept in the keyring once it works)."""
        if self.job.running:
            return
        try:
            address = base_url(self.address.text())
        except AppError as error:
            self._say(error.message, error.hint)
            self.address.setFocus()
            return
        self.address.setText(address)
        self.models.clear()
        self.listed = None
        self.job.submit(ServerModelsRequest(address, self.api_key.text().strip()))
        self.progress.show()
        self._update_buttons()

    def _on_servers_current_text_changed(self, address: str) -> None:
        if address and not self.job.running:
            self.address.setText(address)
            self.api_key.clear()  # the kept key is used; typing one replaces it
            self.connect_to_server()

    def _on_remove_button_clicked(self) -> None:
        item = self.servers.currentItem()
        if item is None:
            return
        address = item.text()
        self.settings.set(Keys.servers, [a for a in self.saved() if a != address])
        try:
            self.forget_key(address)
        except AppError as error:
            self._say(error.message, error.hint)
            return
        self._fill_servers()
        self.models.clear()
        self.listed = None
        self._update_buttons()
        self._say(arg(tr("%1 was removed, and its key forgotten."), address))

    # ---- models --------------------------------------------------------------------------------------------
    def _on_job_finished(self, event: JobFinished) -> None:
        self.progress.hide()
        listed: ServerModels = event.result
        self.listed = listed
        if listed.base_url not in self.saved():
            self.settings.set(Keys.servers, [*self.saved(), listed.base_url])
        self._fill_servers(listed.base_url)
        self.api_key.clear()
        self.models.clear()
        for name in listed.names:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, RemoteModel(listed.base_url, name).ref)
            self.models.addItem(item)
        if self.models.count():
            self.models.setCurrentRow(0)
        key = tr("its key is in the system keyring") if listed.key_kept else tr("no key kept")
        self._say(
            arg(tr("%1 offers %n model(s); %2.", "", len(listed.names)), listed.base_url, key), " ".join(event.notices)
        )
        self._update_buttons()

    def _on_job_failed(self, event: JobFailed) -> None:
        self.progress.hide()
        self._say(event.error.message, event.error.hint)
        self._update_buttons()

    def _use(self, task: str) -> None:
        item = self.models.currentItem()
        if item is None:
            return
        ref = str(item.data(Qt.ItemDataRole.UserRole))
        self.use_model(task, ref)
        where = tr("Chat and Fusion") if task == Task.GENERATE else tr("Speech")
        self._say(arg(tr("%1 now use %2."), where, item.text()))

    def _say(self, message: str, hint: str = "") -> None:
        self.status.setText(f"<b>{message}</b> {hint}" if hint else message)

    def _update_buttons(self) -> None:
        running = self.job.running
        chosen = self.models.currentItem() is not None
        self.connect_button.setEnabled(not running)
        self.remove_button.setEnabled(not running and self.servers.currentItem() is not None)
        self.chat_button.setEnabled(chosen)
        self.speech_button.setEnabled(chosen)
