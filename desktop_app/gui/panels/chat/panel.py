"""Chat: conversations of many turns with a language model, answers in Markdown as they stream, stop,
regenerate, edit an earlier message and branch (every branch kept), a searchable conversation list, the
context's fill with the turns it no longer reads, system-prompt presets, sampling options under Advanced, and a
plain completion mode for base models. Inspect ▸ on any message opens its attention in the Attention panel."""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from desktop_app.core.chat import ChatTurn
from desktop_app.core.events import JobCancelled, JobFailed, JobFinished, JobPartial
from desktop_app.core.i18n import QT_TR_NOOP, arg, number, tr
from desktop_app.core.model_requests import CountTokensRequest
from desktop_app.core.requests import AttentionRequest, GenerationRequest
from desktop_app.core.results import GenerationResult, TokenCount, TokenDelta
from desktop_app.core.tasks import Task, status_words
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.panels.chat.conversation_list import ConversationList
from desktop_app.gui.panels.chat.conversation_view import ConversationView
from desktop_app.gui.panels.chat.message_view import MessageView
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.layout import button, hbox, pane
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.gui.widgets.option_form import OptionForm
from desktop_app.gui.widgets.steady_line import SteadyLine
from desktop_app.store.conversations import Conversations, Message, to_json, to_markdown
from desktop_app.store.history import HistoryEntry
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker

OPTION_NAMES = ["temperature", "top_p", "top_k", "max_new_tokens", "repetition_penalty", "seed"]
SYSTEM_PRESETS = {  # name -> system prompt (in the interface's language); "Custom" keeps what is typed
    QT_TR_NOOP("None"): "",
    QT_TR_NOOP("Helpful assistant"): QT_TR_NOOP("You are a helpful assistant. Answer clearly and correctly."),
    QT_TR_NOOP("Brief"): QT_TR_NOOP("Answer in one or two sentences."),
    QT_TR_NOOP("Teacher"): QT_TR_NOOP("Explain step by step, in simple words, with a short example."),
    QT_TR_NOOP("Programmer"): QT_TR_NOOP(
        "You are an expert programmer. Answer with working code and a short explanation."
    ),
    QT_TR_NOOP("Translator"): QT_TR_NOOP(
        "Translate what the user writes into English. Reply with the translation only."
    ),
    QT_TR_NOOP("Custom"): None,
}
COUNT_PAUSE_MS = 700  # the context's fill is counted again once typing pauses this long


class ChatPanel(QWidget, JobPanel):
    history_tasks = (Task.GENERATE,)
    inspect_requested = Signal(object)  # AttentionRequest: a message, read back in the Attention panel

    def __init__(
        self,
        worker: InferenceWorker,
        settings: AppSettings,
        model_picker: ModelPicker,
        conversations: Conversations,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.init_job(worker)
        self.settings = settings
        self.model_picker = model_picker
        self.store = conversations
        self.conversation_id: int | None = None
        self.editing: Message | None = None  # an earlier message of yours, being changed into a new branch
        self._answer: Message | None = None  # the answer being written
        self._answer_text = ""
        self._tokens = 0
        self._build()
        self.counter = PanelJob(worker, QProgressBar(), QLabel(), self)  # the context's fill, on the side
        self.counter.finished.connect(self._on_counted)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(COUNT_PAUSE_MS)
        self._count_timer.timeout.connect(self.count_tokens)
        self._connect()
        self.options.restore()
        self._restore()
        self.update_state()

    # ---- layout -------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.conversation_list = ConversationList()
        self.view = ConversationView()
        self.completion = QPlainTextEdit()
        self.completion.setPlaceholderText(
            tr(
                "Completion mode, for base models without a chat template: write the start of a text, and Continue "
                "adds the model's continuation here."
            )
        )
        self.completion.setAccessibleName(tr("Completion text"))
        self.completion.setTabChangesFocus(True)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(self.completion)
        self.editing_note = QLabel("")
        self.editing_note.setObjectName("editingNote")
        self.cancel_edit_button = button(
            tr("Cancel &edit"), tr("Keep the message as it was (Esc)"), self.cancel_edit, "x"
        )
        self.prompt = QPlainTextEdit()
        self.prompt.setPlaceholderText(tr("Message the model   (Ctrl+Enter sends)"))
        self.prompt.setAccessibleName(tr("Message"))
        self.prompt.setTabChangesFocus(True)
        self.prompt.setMaximumHeight(110)
        self.send_button = button(tr("Sen&d"), tr("Send (Ctrl+Enter)"), self.send, "send")
        self.send_button.setDefault(True)
        self.stop_button = button(
            tr("S&top"), tr("Stop the answer (Esc); what was written stays"), self.cancel, "square"
        )
        self.token_count = QLabel("")
        self.token_count.setObjectName("tokenCount")
        self.token_count.setToolTip(tr("The conversation's size against the model's context, in tokens"))
        self.stats = QLabel("")
        self.stats.setObjectName("generationStats")
        self.stats.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stats.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # the column's width

        self.mode = QComboBox()
        self.mode.addItem(tr("Chat"), True)
        self.mode.addItem(tr("Completion"), False)
        self.mode.setToolTip(
            tr(
                "Chat: turns through the model's chat template. Completion: the model continues a "
                "text, for base models without a template"
            )
        )
        self.advanced_toggle = QToolButton()
        self.advanced_toggle.setText(tr("Advanced"))
        self.advanced_toggle.setToolTip(tr("The system prompt and the sampling options"))
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)

        # Advanced, beside the chat and folded away until asked for: the system prompt and its presets, sampling.
        self.advanced = QGroupBox(tr("Advanced"))
        form = QFormLayout(self.advanced)
        self.preset = QComboBox()
        for name in SYSTEM_PRESETS:
            self.preset.addItem(tr(name), name)
        self.preset.setToolTip(tr("A ready system prompt; edit it below, and it becomes Custom"))
        form.addRow(tr("System prompt"), self.preset)
        self.system_prompt = QPlainTextEdit()
        self.system_prompt.setPlaceholderText(tr("Optional: how the assistant should behave"))
        self.system_prompt.setAccessibleName(tr("System prompt"))
        self.system_prompt.setMaximumHeight(90)
        self.system_prompt.setTabChangesFocus(True)
        form.addRow(self.system_prompt)
        mode_box = (self.mode, lambda: bool(self.mode.currentData()), self._set_mode)
        system = (self.system_prompt, self.system_prompt.toPlainText, self._set_system_prompt)
        self.options = OptionForm(
            GenerationRequest,
            ["system_prompt", "use_chat_template", *OPTION_NAMES],
            self.settings,
            form,
            own={"system_prompt": system, "use_chat_template": mode_box},
        )
        self.temperature, self.top_p, self.top_k = (self.options[n] for n in ("temperature", "top_p", "top_k"))
        self.max_new_tokens, self.repetition_penalty, self.seed = (
            self.options[n] for n in ("max_new_tokens", "repetition_penalty", "seed")
        )
        self.advanced.setMaximumWidth(320)
        self.advanced.setVisible(False)

        model_label, mode_label = QLabel(tr("Model")), QLabel(tr("Mode"))
        model_label.setBuddy(self.model_picker)
        mode_label.setBuddy(self.mode)
        header = hbox(model_label, (self.model_picker, 1), mode_label, self.mode, self.advanced_toggle)
        chat_column = pane(
            header,
            (self.pages, 1),
            hbox((self.editing_note, 1), self.cancel_edit_button),
            self.prompt,
            hbox(self.send_button, self.stop_button, self.progress, (self.status, 1), self.token_count),
            SteadyLine(self.stats),  # its figures change with every batch of tokens
        )
        self.conversation_list.setMaximumWidth(300)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.conversation_list)
        splitter.addWidget(chat_column)
        self.advanced_pane = pane(self.advanced, None)
        self.advanced_pane.setVisible(False)
        splitter.addWidget(self.advanced_pane)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 700, 280])
        self.lay_out((splitter, 1))
        self.editing_note.hide()
        self.cancel_edit_button.hide()

    def _connect(self) -> None:
        lists = self.conversation_list
        lists.chosen.connect(self.open_conversation)
        lists.new_requested.connect(self.new_conversation)
        lists.rename_requested.connect(self._ask_rename)
        lists.delete_requested.connect(self._ask_delete)
        lists.export_requested.connect(self.export_dialog)
        lists.search_changed.connect(lambda _text: self.refresh_list())
        self.preset.activated.connect(self._on_preset_chosen)
        self.system_prompt.textChanged.connect(self._on_system_prompt_edited)
        self.mode.currentIndexChanged.connect(lambda _i: self._set_mode(bool(self.mode.currentData())))
        self.advanced_toggle.toggled.connect(self._on_advanced_toggled)
        self.prompt.textChanged.connect(self._count_timer.start)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_conversation)

    def primary_button(self) -> QPushButton:
        return self.send_button

    # ---- state ------------------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        self._count_timer.stop()  # a count due after the history closes would read a closed database
        super().shutdown()

    def save_state(self) -> None:
        self.options.save()
        self.settings.set(Keys.chat_conversation, self.conversation_id or 0)

    def _restore(self) -> None:
        last = self.settings.get(Keys.chat_conversation)
        self._match_preset()
        if last and self.store.get(last) is not None:
            self.open_conversation(last)
        else:
            self.refresh_list()
            self.view.show_messages([])

    def _set_mode(self, chat: bool) -> None:
        self.mode.setCurrentIndex(0 if chat else 1)
        self.pages.setCurrentWidget(self.view if chat else self.completion)
        self.send_button.setText(tr("Sen&d") if chat else tr("&Continue"))
        self.prompt.setVisible(chat)
        self.conversation_list.setEnabled(chat)

    @property
    def chat_mode(self) -> bool:
        return bool(self.mode.currentData())

    def _set_system_prompt(self, text: object) -> None:
        self.system_prompt.setPlainText(str(text))
        self._match_preset()

    def _match_preset(self) -> None:
        text = self.system_prompt.toPlainText().strip()
        name = next((n for n, prompt in SYSTEM_PRESETS.items() if prompt is not None and tr(prompt) == text), "Custom")
        self.preset.setCurrentIndex(self.preset.findData(name))

    def _on_preset_chosen(self, _index: int) -> None:
        prompt = SYSTEM_PRESETS.get(self.preset.currentData())
        if prompt is not None:
            self.system_prompt.setPlainText(tr(prompt))

    def _on_system_prompt_edited(self) -> None:
        self.preset.blockSignals(True)
        self._match_preset()
        self.preset.blockSignals(False)
        if self.conversation_id is not None:
            self.store.set_system_prompt(self.conversation_id, self.system_prompt.toPlainText())
        self._count_timer.start()

    def _on_advanced_toggled(self, shown: bool) -> None:
        self.advanced_pane.setVisible(shown)
        self.advanced.setVisible(shown)
        self.advanced_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    # ---- conversations -------------------------------------------------------------------------------------
    def refresh_list(self) -> None:
        self.conversation_list.show_conversations(
            self.store.find(self.conversation_list.search.text()), self.conversation_id
        )

    def new_conversation(self) -> None:
        if self.job.running:
            return
        self.cancel_edit()
        self.conversation_id = None
        self.view.show_messages([])
        self.refresh_list()
        self.stats.setText("")
        self.token_count.setText("")
        self.prompt.setFocus()

    def open_conversation(self, conversation_id: int) -> None:
        conversation = self.store.get(conversation_id)
        if conversation is None or self.job.running:
            return
        self.cancel_edit()
        self.conversation_id = conversation_id
        self.system_prompt.blockSignals(True)
        self.system_prompt.setPlainText(conversation.system_prompt)
        self.system_prompt.blockSignals(False)
        self._match_preset()
        self.show_path()
        self.refresh_list()
        self.count_tokens()

    def show_path(self, dropped: int = 0) -> None:
        path = self.store.path(self.conversation_id) if self.conversation_id is not None else []
        self.view.show_messages([self._message_view(message) for message in path], dropped)
        QTimer.singleShot(0, self.view.scroll_to_end)

    def _message_view(self, message: Message) -> MessageView:
        siblings = self.store.siblings(message)
        place = next((i for i, s in enumerate(siblings, start=1) if s.id == message.id), 1)
        view = MessageView(message, (place, len(siblings)))
        view.copy_requested.connect(lambda m: QGuiApplication.clipboard().setText(m.content))
        view.edit_requested.connect(self.edit)
        view.regenerate_requested.connect(self.regenerate)
        view.inspect_requested.connect(self.inspect)
        view.switch_requested.connect(self.switch_branch)
        view.set_busy(self.job.running)
        return view

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        if title.strip():
            self.store.rename(conversation_id, title)
            self.refresh_list()

    def delete_conversation(self, conversation_id: int) -> None:
        if self.job.running and conversation_id == self.conversation_id:
            return
        self.store.delete(conversation_id)
        if conversation_id == self.conversation_id:
            self.new_conversation()
        self.refresh_list()

    def _ask_rename(self, conversation_id: int) -> None:
        conversation = self.store.get(conversation_id)
        if conversation is not None:
            title, ok = QInputDialog.getText(self, tr("Rename conversation"), tr("Title"), text=conversation.title)
            if ok:
                self.rename_conversation(conversation_id, title)

    def _ask_delete(self, conversation_id: int) -> None:
        conversation = self.store.get(conversation_id)
        if conversation is None:
            return
        answer = QMessageBox.question(
            self, tr("Delete conversation"), arg(tr("Delete “%1” and its messages?"), conversation.title)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_conversation(conversation_id)

    def export_dialog(self, fmt: str) -> None:
        conversation = self.store.get(self.conversation_id) if self.conversation_id is not None else None
        if conversation is None:
            return
        folder = Path(self.settings.get(Keys.speech_export_dir) or Path.home())
        name = "".join(c if c.isalnum() or c in " -_" else "_" for c in conversation.title).strip() or "conversation"
        path, _ = QFileDialog.getSaveFileName(self, arg(tr("Export %1"), fmt.upper()), str(folder / f"{name}.{fmt}"))
        if path:
            self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> bool:
        conversation = self.store.get(self.conversation_id) if self.conversation_id is not None else None
        if conversation is None:
            return False
        messages = self.store.path(conversation.id)
        text = to_markdown(conversation, messages) if fmt == "md" else to_json(conversation, messages)
        return self.export_text(path, text)

    # ---- sending ------------------------------------------------------------------------------------------
    def build_request(self, prompt: str, history: tuple[ChatTurn, ...] = ()) -> GenerationRequest:
        """A frozen snapshot of the form: the worker never reads a widget. A random seed is drawn here and kept
        with the answer, so that it can be made again; the form's own seed stays as it was."""
        values = self.options.values()
        if values["seed"] is None:
            values["seed"] = random.randrange(2**31)
        return GenerationRequest(
            prompt=prompt,
            model=self.model_picker.current_ref(),
            history=history,
            conversation_id=self.conversation_id or 0,
            **values,
        )

    def send(self) -> None:
        """Send the message (or, in completion mode, continue the text)."""
        if self.job.running:
            return
        if not self.chat_mode:
            self._continue_completion()
            return
        text = self.prompt.toPlainText()
        if not text.strip():
            self.banner.show_message(tr("The message is empty: type something to send."), "warning")
            self.prompt.setFocus()
            return
        self.save_state()
        if self.conversation_id is None:
            conversation = self.store.create(self.system_prompt.toPlainText(), self.model_picker.current_ref())
            self.conversation_id = conversation.id
        path = self.store.path(self.conversation_id)
        if self.editing is not None:  # a new branch beside the message being edited
            parent_id = self.editing.parent_id
            path = path[: next(i for i, m in enumerate(path) if m.id == self.editing.id)]
        else:
            parent_id = path[-1].id if path else None
        request = self.build_request(text, tuple(m.turn() for m in path))
        if not self._validated(request):
            return
        question = self.store.add(self.conversation_id, parent_id, "user", text)
        self.prompt.clear()
        self.cancel_edit()
        self._answer_to(question, request)

    def regenerate(self, answer: Message) -> None:
        """A new answer to the same message, beside the old one."""
        if self.job.running or answer.parent_id is None or self.conversation_id is None:
            return
        question = self.store.message(answer.parent_id)
        if question is None:
            return
        path = self.store.path(self.conversation_id)
        before = path[: next((i for i, m in enumerate(path) if m.id == question.id), len(path))]
        request = self.build_request(question.content, tuple(m.turn() for m in before))
        if self._validated(request):
            self._answer_to(question, request)

    def _answer_to(self, question: Message, request: GenerationRequest) -> None:
        assert self.conversation_id is not None
        self._answer = self.store.add(self.conversation_id, question.id, "assistant", "", {"seed": request.seed})
        self._answer_text = ""
        self._tokens = 0
        self.stats.setText("")
        self.show_path()
        self.refresh_list()
        self.submit(request)

    def _validated(self, request: GenerationRequest) -> bool:
        try:
            request.validate()
        except Exception as error:  # InvalidRequestError: said in the banner, nothing sent or stored
            message = getattr(error, "message", str(error))
            self.banner.show_message(f"{message} {getattr(error, 'hint', '')}".strip(), "warning")
            return False
        return True

    def _continue_completion(self) -> None:
        text = self.completion.toPlainText()
        if not text.strip():
            self.banner.show_message(tr("Write the start of a text for the model to continue."), "warning")
            self.completion.setFocus()
            return
        self.save_state()
        self._answer = None
        self._tokens = 0
        self.submit(self.build_request(text))

    def edit(self, message: Message) -> None:
        """Your earlier message back in the box: sending it makes a new branch from there."""
        if self.job.running:
            return
        self.editing = message
        self.prompt.setPlainText(message.content)
        self.editing_note.setText(
            tr("Editing an earlier message: sending it starts a new branch (the old one is kept).")
        )
        self.editing_note.show()
        self.cancel_edit_button.show()
        self.prompt.setFocus()

    def cancel_edit(self) -> None:
        if self.editing is not None:
            self.prompt.clear()
        self.editing = None
        self.editing_note.hide()
        self.cancel_edit_button.hide()

    def cancel(self) -> None:
        if not self.job.running and self.editing is not None:
            self.cancel_edit()
            return
        super().cancel()

    def switch_branch(self, message: Message, step: int) -> None:
        siblings = self.store.siblings(message)
        place = next(i for i, s in enumerate(siblings) if s.id == message.id)
        if self.job.running or not 0 <= place + step < len(siblings):
            return
        self.store.switch_to(siblings[place + step])
        self.show_path()
        self.count_tokens()

    def inspect(self, message: Message) -> None:
        """An answer: read back with its conversation, attention and attribution; yours: the text encoder's."""
        if message.role != "assistant":
            self.inspect_requested.emit(AttentionRequest(message.content, source_task=Task.ENCODE.value))
            return
        question = self.store.message(message.parent_id) if message.parent_id is not None else None
        if question is None or not message.content.strip():
            return
        path = self.store.path(message.conversation_id)
        before = path[: next((i for i, m in enumerate(path) if m.id == question.id), len(path))]
        self.inspect_requested.emit(
            AttentionRequest(
                question.content,
                source_task=Task.GENERATE.value,
                model=str(message.meta.get("model") or self.model_picker.current_ref()),
                answer=message.content,
                history=tuple(m.turn() for m in before),
                system_prompt=self.system_prompt.toPlainText(),
                use_chat_template=True,
                max_tokens=1024,
            )
        )

    def start_generation(self) -> None:
        self.send()

    # ---- the context's fill -----------------------------------------------------------------------------------
    def count_tokens(self) -> None:
        """How full the model's context is with this conversation and the message being written."""
        self._count_timer.stop()
        if self.job.running or self.counter.running or not self.chat_mode:
            return
        path = self.store.path(self.conversation_id) if self.conversation_id is not None else []
        draft = self.prompt.toPlainText()
        if not path and not draft.strip():
            self.token_count.setText("")
            return
        values = {k: v for k, v in self.options.values().items() if k != "seed"}
        request = GenerationRequest(
            prompt=draft or " ", model=self.model_picker.current_ref(), history=tuple(m.turn() for m in path), **values
        )
        self.counter.submit(CountTokensRequest(request))

    def _on_counted(self, event: JobFinished) -> None:
        count: TokenCount = event.result
        self._show_count(count.prompt_tokens, count.context_length)
        self.view.set_dropped(count.dropped_turns)

    def _show_count(self, tokens: int, context: int) -> None:
        if not tokens and not context:  # a server's model: its tokenizer is there, not here
            self.token_count.setText("")
            return
        self.token_count.setText(
            arg(tr("%1 / %2 tokens"), f"{tokens:,}", f"{context:,}") if context else f"{tokens:,} tokens"
        )

    # ---- history ----------------------------------------------------------------------------------------------
    def load_entry(self, entry: HistoryEntry) -> None:
        """A chat turn from history: its conversation when it is still there, else a new one made of the turn.
        The options come back, but not the seed: the next answer is not pinned to the old one's."""
        self.options.show({k: v for k, v in entry.parameters.items() if k != "seed"})
        if entry.model_ref:
            self.model_picker.select_ref(entry.model_ref)
        conversation_id = int(entry.parameters.get("conversation_id") or 0)
        if not conversation_id or self.store.get(conversation_id) is None:
            system = str(entry.inputs.get("system_prompt", ""))
            conversation = self.store.create(system, entry.model_ref)
            question = self.store.add(conversation.id, None, "user", str(entry.inputs.get("prompt", "")))
            meta = {**entry.timings, "seed": entry.parameters.get("seed"), **entry.outputs}
            meta.pop("text", None)
            self.store.add(conversation.id, question.id, "assistant", str(entry.outputs.get("text", "")), meta)
            conversation_id = conversation.id
        self._set_mode(bool(entry.parameters.get("use_chat_template", True)))
        self.open_conversation(conversation_id)
        self.stats.setText(_stats_text(entry.outputs.get("new_tokens", 0), entry.timings))
        self.banner.show_message(arg(tr("Reopened from history (%1)."), status_words(entry.status)), "info")

    # ---- worker events ----------------------------------------------------------------------------------------
    def on_job_partial(self, event: JobPartial) -> None:
        deltas = [item for item in event.items if isinstance(item, TokenDelta)]
        if not deltas:
            return
        text = "".join(d.text for d in deltas)
        if self._answer is None:  # completion mode: the continuation goes on the text
            cursor = self.completion.textCursor()
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(text)
            self.completion.setTextCursor(cursor)
        else:
            self._answer_text += text
            view = self.view.message_view(self._answer)
            if view is not None:
                view.show_text(self._answer_text)
            self.view.scroll_to_end()
        last = deltas[-1]
        self._tokens = last.token_count
        rate = last.token_count / last.elapsed_s if last.elapsed_s > 0 else 0.0
        self.stats.setText(arg(tr("%1 tokens · %2 tok/s"), last.token_count, f"{rate:.1f}"))
        self.status.setText(tr("Writing…"))

    def on_job_finished(self, event: JobFinished) -> None:
        result: GenerationResult = event.result
        self._finish_answer(result)
        self.update_state(tr("Done") if result.finish_reason == "stop" else tr("Stopped at the length limit"))

    def on_job_cancelled(self, event: JobCancelled) -> None:
        result = event.partial_result
        if isinstance(result, GenerationResult):
            self._finish_answer(result)
        elif self._answer is not None:
            self.store.update(self._answer.id, self._answer_text, {**self._answer.meta, "finish_reason": "cancelled"})
            self.show_path()
        self._answer = None
        self.update_state(arg(tr("Stopped after %1 tokens"), self._tokens if result is None else result.new_tokens))

    def on_job_failed(self, event: JobFailed) -> None:
        if self._answer is not None and self._answer_text:  # a server that died mid-answer: what came stays
            self.store.update(self._answer.id, self._answer_text, {**self._answer.meta, "finish_reason": "error"})
            self._answer = None
            self.show_path()
        elif self._answer is not None:  # the empty answer goes; your message stays, to send again
            self.store.remove(self._answer.id)
            self._answer = None
            self.show_path()

    def _finish_answer(self, result: GenerationResult) -> None:
        self.stats.setText(_stats_text(result.new_tokens, result.timings))
        self._show_count(result.prompt_tokens + result.new_tokens, result.context_length)
        if self._answer is None:  # completion mode: the exact decoded text replaces the streamed words
            return
        meta = {
            **self._answer.meta,
            "model": result.model.path or result.model.ref,
            "new_tokens": result.new_tokens,
            "prompt_tokens": result.prompt_tokens,
            "finish_reason": result.finish_reason,
            "tokens_per_s": result.timings.get("tokens_per_s", 0.0),
        }
        self.store.update(self._answer.id, result.text, meta)
        self._answer = None
        self.show_path(result.dropped_turns)

    def refresh_controls(self) -> None:
        running = self.job.running
        self.send_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        for view in self.view.views:
            view.set_busy(running)

    @property
    def output_text(self) -> str:
        """The last answer on screen (or, in completion mode, the text): what Copy and the tests read."""
        if not self.chat_mode:
            return self.completion.toPlainText()
        answers = [view for view in self.view.views if view.message.role == "assistant"]
        if not answers:
            return ""
        last = answers[-1]
        return (
            self._answer_text
            if self._answer is not None and last.message.id == self._answer.id
            else last.message.content
        )


def _stats_text(new_tokens: object, timings: dict[str, float]) -> str:
    parts = [f"{new_tokens} tokens"]
    if timings.get("tokens_per_s"):
        parts.append(arg(tr("%1 tok/s"), number(timings["tokens_per_s"])))
    if timings.get("first_token_s"):
        parts.append(arg(tr("first token %1 s"), f"{timings['first_token_s']:.2f}"))
    if timings.get("load_s", 0) >= 0.05:
        parts.append(arg(tr("load %1 s"), f"{timings['load_s']:.1f}"))
    return " · ".join(parts)
