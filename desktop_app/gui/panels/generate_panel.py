"""Generate: prompt, system prompt, sampling options; tokens stream into the output as they are produced."""

from __future__ import annotations

import random

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.requests import AttentionRequest, GenerationRequest
from desktop_app.core.results import (
    GenerationResult,
    JobCancelled,
    JobFailed,
    JobFinished,
    JobPartial,
    TokenDelta,
)
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.store.history import HistoryEntry
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker


class GeneratePanel(QWidget):
    manage_models_requested = Signal()
    inspect_requested = Signal(object)  # AttentionRequest: the last answer, read back in the Attention panel

    def __init__(self, worker: InferenceWorker, settings: AppSettings, model_picker: ModelPicker,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.settings = settings
        self._tokens = 0
        self._asked: GenerationRequest | None = None  # the request and answer that Inspect reads back
        self._answer: GenerationResult | None = None
        self._build(model_picker)
        self._restore_options()
        self._connect_worker()
        self._set_running(False)

    # ---- layout -------------------------------------------------------------------------------------------
    def _build(self, model_picker: ModelPicker) -> None:
        self.banner = MessageBanner()
        self.model_picker = model_picker

        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setPlaceholderText("Optional: how the assistant should behave")
        self.system_prompt.setMaximumHeight(80)
        self.system_prompt.setTabChangesFocus(True)
        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText("Ask something, e.g. What is the capital of France?   (Ctrl+Enter to generate)")
        self.prompt.setTabChangesFocus(True)
        self.output = QPlainTextEdit()
        self.output.setReadOnly(True)
        self.output.setPlaceholderText("The answer streams here as it is generated.")

        options = QGroupBox("Options")
        form = QFormLayout(options)
        self.use_chat_template = QCheckBox("Use the model's chat template")
        self.temperature = _double_spin(0.0, 5.0, 0.05, "0 = greedy (always the most likely token)")
        self.top_p = _double_spin(0.01, 1.0, 0.05, "Sample only from the smallest set of tokens whose "
                                                   "probabilities add up to this")
        self.top_k = QSpinBox()
        self.top_k.setRange(0, 1000)
        self.top_k.setToolTip("Sample only from the k most likely tokens (0 = off)")
        self.max_new_tokens = QSpinBox()
        self.max_new_tokens.setRange(1, 8192)
        self.repetition_penalty = _double_spin(0.5, 3.0, 0.05, "Above 1 discourages repeating tokens")
        self.seed = QSpinBox()
        self.seed.setRange(-1, 2**31 - 1)
        self.seed.setSpecialValueText("random")
        self.seed.setToolTip("The same seed and options give the same text; 'random' picks a new one each run")
        form.addRow("Model", self.model_picker)
        form.addRow(self.use_chat_template)
        form.addRow("Temperature", self.temperature)
        form.addRow("Top-p", self.top_p)
        form.addRow("Top-k", self.top_k)
        form.addRow("Max new tokens", self.max_new_tokens)
        form.addRow("Repetition penalty", self.repetition_penalty)
        form.addRow("Seed", self.seed)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("System prompt"))
        left_layout.addWidget(self.system_prompt)
        left_layout.addWidget(options)
        left_layout.addStretch(1)

        self.generate_button = QPushButton("Generate")
        self.generate_button.setToolTip("Generate (Ctrl+Enter)")
        self.generate_button.setDefault(True)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("Stop generating (Esc)")
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the answer to the clipboard")
        self.inspect_button = QPushButton("Inspect ▸")
        self.inspect_button.setToolTip("See the attention and attribution behind this answer in the Attention panel")
        self.inspect_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.status = QLabel("")
        self.stats = QLabel("")
        self.stats.setObjectName("generationStats")
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for widget in (self.generate_button, self.stop_button, self.copy_button, self.inspect_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.stats)

        prompt_box = QWidget()
        prompt_layout = QVBoxLayout(prompt_box)
        prompt_layout.setContentsMargins(0, 0, 0, 0)
        prompt_layout.addWidget(QLabel("Prompt"))
        prompt_layout.addWidget(self.prompt)
        prompt_layout.addLayout(buttons)
        output_box = QWidget()
        output_layout = QVBoxLayout(output_box)
        output_layout.setContentsMargins(0, 0, 0, 0)
        output_layout.addWidget(QLabel("Output"))
        output_layout.addWidget(self.output)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(prompt_box)
        right.addWidget(output_box)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 640])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

        self.generate_button.clicked.connect(self.start_generation)
        self.stop_button.clicked.connect(self.stop_generation)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.inspect_button.clicked.connect(self.inspect_answer)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.start_generation)
        # The editors take Ctrl+Enter as a newline before any shortcut sees it.
        self.prompt.installEventFilter(self)
        self.system_prompt.installEventFilter(self)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.stop_generation)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            is_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if is_enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.start_generation()
                return True
        return super().eventFilter(watched, event)

    def _connect_worker(self) -> None:
        self.job = PanelJob(self.worker, self.progress, self.status, self)
        self.job.partial.connect(self._on_job_partial)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(self._on_job_cancelled)

    # ---- options <-> settings --------------------------------------------------------------------------
    def _restore_options(self) -> None:
        s = self.settings
        self.system_prompt.setPlainText(s.get(Keys.gen_system_prompt))
        self.use_chat_template.setChecked(s.get(Keys.gen_use_chat_template))
        self.temperature.setValue(s.get(Keys.gen_temperature))
        self.top_p.setValue(s.get(Keys.gen_top_p))
        self.top_k.setValue(s.get(Keys.gen_top_k))
        self.max_new_tokens.setValue(s.get(Keys.gen_max_new_tokens))
        self.repetition_penalty.setValue(s.get(Keys.gen_repetition_penalty))
        self.seed.setValue(min(s.get(Keys.gen_seed), self.seed.maximum()))

    def save_options(self) -> None:
        s = self.settings
        s.set(Keys.gen_system_prompt, self.system_prompt.toPlainText())
        s.set(Keys.gen_use_chat_template, self.use_chat_template.isChecked())
        s.set(Keys.gen_temperature, self.temperature.value())
        s.set(Keys.gen_top_p, self.top_p.value())
        s.set(Keys.gen_top_k, self.top_k.value())
        s.set(Keys.gen_max_new_tokens, self.max_new_tokens.value())
        s.set(Keys.gen_repetition_penalty, self.repetition_penalty.value())
        s.set(Keys.gen_seed, self.seed.value())

    def build_request(self) -> GenerationRequest:
        """A frozen snapshot of the form: the worker never reads a widget."""
        seed = self.seed.value()
        return GenerationRequest(
            prompt=self.prompt.toPlainText(),
            model=self.model_picker.current_ref(),
            system_prompt=self.system_prompt.toPlainText(),
            use_chat_template=self.use_chat_template.isChecked(),
            max_new_tokens=self.max_new_tokens.value(),
            temperature=round(self.temperature.value(), 4),
            top_p=round(self.top_p.value(), 4),
            top_k=self.top_k.value(),
            repetition_penalty=round(self.repetition_penalty.value(), 4),
            seed=seed if seed >= 0 else random.randrange(2**31),
        )

    # ---- actions --------------------------------------------------------------------------------------
    def start_generation(self) -> None:
        if self.job.running:
            return
        if not self.prompt.toPlainText().strip():
            self.banner.show_message("The prompt is empty: type something to generate from.", "warning")
            self.prompt.setFocus()
            return
        self.banner.hide()
        self.save_options()
        self.output.clear()
        self._tokens = 0
        self.stats.setText("")
        self._set_running(True)
        self._asked = self.build_request()
        self.job.submit(self._asked)

    def stop_generation(self) -> None:
        self.job.cancel()

    def load_entry(self, entry: HistoryEntry) -> None:
        """Reopen a history entry: its inputs, options and output, ready to run again."""
        self.prompt.setPlainText(str(entry.inputs.get("prompt", "")))
        self.system_prompt.setPlainText(str(entry.inputs.get("system_prompt", "")))
        p = entry.parameters
        self.use_chat_template.setChecked(bool(p.get("use_chat_template", True)))
        self.temperature.setValue(float(p.get("temperature", self.temperature.value())))
        self.top_p.setValue(float(p.get("top_p", self.top_p.value())))
        self.top_k.setValue(int(p.get("top_k", self.top_k.value())))
        self.max_new_tokens.setValue(int(p.get("max_new_tokens", self.max_new_tokens.value())))
        self.repetition_penalty.setValue(float(p.get("repetition_penalty", self.repetition_penalty.value())))
        if p.get("seed") is not None:
            self.seed.setValue(int(p["seed"]))
        if entry.model_ref:
            self.model_picker.select_ref(entry.model_ref)
        self.output.setPlainText(str(entry.outputs.get("text", "")))
        self.stats.setText(_stats_text(entry.outputs.get("new_tokens", 0), entry.timings))
        self.banner.show_message(f"Reopened from history ({entry.status}).", "info")

    def _on_copy_button_clicked(self) -> None:
        self.output.selectAll()
        self.output.copy()
        cursor = self.output.textCursor()
        cursor.clearSelection()
        self.output.setTextCursor(cursor)

    # ---- worker events ----------------------------------------------------------------------------------
    def _on_job_partial(self, event: JobPartial) -> None:
        deltas = [item for item in event.items if isinstance(item, TokenDelta)]
        if not deltas:
            return
        cursor = self.output.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText("".join(d.text for d in deltas))
        self.output.ensureCursorVisible()
        last = deltas[-1]
        self._tokens = last.token_count
        rate = last.token_count / last.elapsed_s if last.elapsed_s > 0 else 0.0
        self.stats.setText(f"{last.token_count} tokens · {rate:.1f} tok/s")
        self.status.setText("Generating…")

    def inspect_answer(self) -> None:
        if self._asked is None or self._answer is None or not self._answer.text.strip():
            return
        self.inspect_requested.emit(AttentionRequest(
            self._asked.prompt, source_task="generate", model=self._answer.model.path or self._answer.model.ref,
            answer=self._answer.text, system_prompt=self._asked.system_prompt,
            use_chat_template=self._asked.use_chat_template, max_tokens=1024))

    def _on_job_finished(self, event: JobFinished) -> None:
        result: GenerationResult = event.result
        self._answer = result
        self.output.setPlainText(result.text)  # the exact decoded text, whatever the stream's word breaks
        self.stats.setText(_stats_text(result.new_tokens, result.timings))
        self._finish("Done" if result.finish_reason == "stop" else "Stopped at the token limit")

    def _on_job_failed(self, event: JobFailed) -> None:
        self.banner.show_error(event.error)
        self._finish("Failed")

    def _on_job_cancelled(self, event: JobCancelled) -> None:
        result = event.partial_result
        if isinstance(result, GenerationResult):
            self._answer = result
            self.output.setPlainText(result.text)
            self.stats.setText(_stats_text(result.new_tokens, result.timings))
        self._finish(f"Stopped after {self._tokens if result is None else result.new_tokens} tokens")

    def _finish(self, status: str) -> None:
        self._set_running(False, status)

    def _set_running(self, running: bool, status: str = "") -> None:
        if running:
            self._answer = None
        self.inspect_button.setEnabled(not running and self._answer is not None and bool(self._answer.text.strip()))
        self.generate_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.progress.setVisible(running)
        if status:
            self.status.setText(status)

    @property
    def is_running(self) -> bool:
        return self.job.running


def _double_spin(low: float, high: float, step: float, tip: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(2)
    box.setToolTip(tip)
    return box


def _stats_text(new_tokens: object, timings: dict[str, float]) -> str:
    parts = [f"{new_tokens} tokens"]
    if timings.get("tokens_per_s"):
        parts.append(f"{timings['tokens_per_s']:.1f} tok/s")
    if timings.get("first_token_s"):
        parts.append(f"first token {timings['first_token_s']:.2f} s")
    if timings.get("load_s", 0) >= 0.05:
        parts.append(f"load {timings['load_s']:.1f} s")
    return " · ".join(parts)
