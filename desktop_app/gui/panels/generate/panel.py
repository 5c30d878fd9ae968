"""Generate: prompt, system prompt, sampling options; tokens stream into the output as they are produced."""

from __future__ import annotations

import random

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QWidget,
)

from desktop_app.core.events import JobCancelled, JobFinished, JobPartial
from desktop_app.core.requests import AttentionRequest, GenerationRequest
from desktop_app.core.results import GenerationResult, TokenDelta
from desktop_app.core.tasks import Task
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.layout import button, hbox, pane
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.gui.widgets.option_form import OptionForm
from desktop_app.store.history import HistoryEntry
from desktop_app.workers.inference_worker import InferenceWorker

OPTION_NAMES = (
    "system_prompt",
    "use_chat_template",
    "temperature",
    "top_p",
    "top_k",
    "max_new_tokens",
    "repetition_penalty",
    "seed",
)


class GeneratePanel(QWidget, JobPanel):
    history_tasks = (Task.GENERATE,)
    inspect_requested = Signal(object)  # AttentionRequest: the last answer, read back in the Attention panel

    def __init__(
        self, worker: InferenceWorker, settings: AppSettings, model_picker: ModelPicker, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.init_job(worker)
        self.settings = settings
        self._tokens = 0
        self._asked: GenerationRequest | None = None  # the request and answer that Inspect reads back
        self._answer: GenerationResult | None = None
        self._build(model_picker)
        self.options.restore()
        self.update_state()

    # ---- layout -------------------------------------------------------------------------------------------
    def _build(self, model_picker: ModelPicker) -> None:
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
        form.addRow("Model", self.model_picker)
        system = self.system_prompt
        self.options = OptionForm(
            GenerationRequest,
            list(OPTION_NAMES),
            self.settings,
            form,
            own={"system_prompt": (system, system.toPlainText, lambda text: system.setPlainText(str(text)))},
        )
        self.use_chat_template = self.options["use_chat_template"]
        self.temperature = self.options["temperature"]
        self.top_p = self.options["top_p"]
        self.top_k = self.options["top_k"]
        self.max_new_tokens = self.options["max_new_tokens"]
        self.repetition_penalty = self.options["repetition_penalty"]
        self.seed = self.options["seed"]

        left = pane(QLabel("System prompt"), self.system_prompt, options, None)

        self.generate_button = button("Generate", "Generate (Ctrl+Enter)", self.start_generation, icon_name="send")
        self.generate_button.setDefault(True)
        self.stop_button = button("Stop", "Stop generating (Esc)", self.stop_generation, icon_name="square")
        self.copy_button = button(
            "Copy", "Copy the answer to the clipboard", self._on_copy_button_clicked, icon_name="copy"
        )
        self.inspect_button = button(
            "Inspect ▸",
            "See the attention and attribution behind this answer in the Attention panel",
            self.inspect_answer,
            icon_name="scan-search",
        )
        self.inspect_button.setEnabled(False)
        self.stats = QLabel("")
        self.stats.setObjectName("generationStats")
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = hbox(
            self.generate_button,
            self.stop_button,
            self.copy_button,
            self.inspect_button,
            self.progress,
            (self.status, 1),
        )

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(pane(QLabel("Prompt"), self.prompt, buttons))
        right.addWidget(pane(QLabel("Output"), self.output, self.stats))  # the stats under what they measure
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 640])
        self.lay_out((splitter, 1))

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.start_generation)
        # The editors take Ctrl+Enter as a newline before any shortcut sees it.
        self.prompt.installEventFilter(self)
        self.system_prompt.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            is_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if is_enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.start_generation()
                return True
        return super().eventFilter(watched, event)

    # ---- options <-> settings --------------------------------------------------------------------------
    def save_state(self) -> None:
        self.options.save()

    def build_request(self) -> GenerationRequest:
        """A frozen snapshot of the form: the worker never reads a widget. A random seed is drawn here, so
        the answer can be made again from its history entry."""
        values = self.options.values()
        if values["seed"] is None:
            values["seed"] = random.randrange(2**31)
        return GenerationRequest(prompt=self.prompt.toPlainText(), model=self.model_picker.current_ref(), **values)

    # ---- actions --------------------------------------------------------------------------------------
    def start_generation(self) -> None:
        if self.job.running:
            return
        if not self.prompt.toPlainText().strip():
            self.banner.show_message("The prompt is empty: type something to generate from.", "warning")
            self.prompt.setFocus()
            return
        self.save_state()
        self.output.clear()
        self._tokens = 0
        self.stats.setText("")
        self._answer = None
        self._asked = self.build_request()
        self.submit(self._asked)

    def stop_generation(self) -> None:
        self.cancel()

    def load_entry(self, entry: HistoryEntry) -> None:
        """Reopen a history entry: its inputs, options and output, ready to run again."""
        self.prompt.setPlainText(str(entry.inputs.get("prompt", "")))
        self.options.show({**entry.parameters, **entry.inputs})
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
    def on_job_partial(self, event: JobPartial) -> None:
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
        self.inspect_requested.emit(
            AttentionRequest(
                self._asked.prompt,
                source_task="generate",
                model=self._answer.model.path or self._answer.model.ref,
                answer=self._answer.text,
                system_prompt=self._asked.system_prompt,
                use_chat_template=self._asked.use_chat_template,
                max_tokens=1024,
            )
        )

    def on_job_finished(self, event: JobFinished) -> None:
        result: GenerationResult = event.result
        self._answer = result
        self.output.setPlainText(result.text)  # the exact decoded text, whatever the stream's word breaks
        self.stats.setText(_stats_text(result.new_tokens, result.timings))
        self.update_state("Done" if result.finish_reason == "stop" else "Stopped at the token limit")

    def on_job_cancelled(self, event: JobCancelled) -> None:
        result = event.partial_result
        if isinstance(result, GenerationResult):
            self._answer = result
            self.output.setPlainText(result.text)
            self.stats.setText(_stats_text(result.new_tokens, result.timings))
        self.update_state(f"Stopped after {self._tokens if result is None else result.new_tokens} tokens")

    def refresh_controls(self) -> None:
        running = self.job.running
        self.inspect_button.setEnabled(not running and self._answer is not None and bool(self._answer.text.strip()))
        self.generate_button.setEnabled(not running)
        self.stop_button.setEnabled(running)


def _stats_text(new_tokens: object, timings: dict[str, float]) -> str:
    parts = [f"{new_tokens} tokens"]
    if timings.get("tokens_per_s"):
        parts.append(f"{timings['tokens_per_s']:.1f} tok/s")
    if timings.get("first_token_s"):
        parts.append(f"first token {timings['first_token_s']:.2f} s")
    if timings.get("load_s", 0) >= 0.05:
        parts.append(f"load {timings['load_s']:.1f} s")
    return " · ".join(parts)
