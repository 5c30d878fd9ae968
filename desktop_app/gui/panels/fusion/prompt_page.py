"""Late fusion: pick an image and a voice note, type a note, edit the template, and read the answer as it
streams; the parts table says where each piece of the prompt came from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.audio.decoding import AUDIO_SUFFIXES
from desktop_app.core.events import JobCancelled, JobFinished, JobPartial
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.requests import FusionRequest
from desktop_app.core.results import FusionResult, ImageCaption, TokenDelta
from desktop_app.core.tasks import status_words
from desktop_app.gui.panels.fusion.page import FusionPage
from desktop_app.gui.widgets.empty_state import EmptyState
from desktop_app.gui.widgets.layout import button, hbox, pane
from desktop_app.images.loading import IMAGE_SUFFIXES
from desktop_app.services.late_fusion import DEFAULT_TEMPLATE
from desktop_app.store.history import HistoryEntry
from desktop_app.workers.inference_worker import InferenceWorker

NONE_CHOSEN = QT_TR_NOOP("none")


class PromptPage(FusionPage):
    inspect_requested = Signal(object)  # ImageCaption: the image's words over its regions, in Attention

    def __init__(self, worker: InferenceWorker, models: dict[str, object], parent: QWidget | None = None) -> None:
        super().__init__(worker, tr("&Ask"), "send", parent)
        self.models = models  # task -> ModelPicker: the models the other panels use
        self.image_path = ""
        self.audio_path = ""
        self.result: FusionResult | None = None
        self._build()
        self.update_state()

    def _build(self) -> None:
        self.image_label, self.audio_label = QLabel(tr(NONE_CHOSEN)), QLabel(tr(NONE_CHOSEN))
        self.image_button = button(tr("&Image…"), "", self._choose_image, icon_name="image")
        self.audio_button = button(tr("Voi&ce note…"), "", self._choose_audio, icon_name="file-audio")
        self.clear_image = button("", tr("No image"), lambda: self.set_image(""), "x")
        self.clear_audio = button("", tr("No voice note"), lambda: self.set_audio(""), "x")
        self.clear_image.setAccessibleName(tr("No image"))
        self.clear_audio.setAccessibleName(tr("No voice note"))
        for clear in (self.clear_image, self.clear_audio):
            clear.setFixedWidth(32)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(tr("Your note or question: {text} in the template"))
        self.text.setMaximumHeight(70)
        self.text.setAccessibleName(tr("Your note or question"))
        self.text.setTabChangesFocus(True)
        self.template = QPlainTextEdit(DEFAULT_TEMPLATE)
        self.template.setAccessibleName(tr("Prompt template"))
        self.template.setTabChangesFocus(True)
        self.reset_template = button(
            tr("R&eset template"), "", lambda: self.template.setPlainText(DEFAULT_TEMPLATE), icon_name="refresh-cw"
        )
        self.answer = QPlainTextEdit()
        self.answer.setReadOnly(True)
        self.answer.setPlaceholderText(tr("The answer streams here"))
        self.answer.setAccessibleName(tr("Answer"))
        self.parts = QTableWidget(0, 4)
        self.parts.setHorizontalHeaderLabels([tr("Input"), tr("From"), tr("Words"), tr("Model")])
        self.parts.horizontalHeader().setStretchLastSection(True)
        self.parts.setAccessibleName(tr("Prompt parts"))
        self.parts_empty = EmptyState(
            self.parts, tr("After a run, each part of the prompt shows here with where it came from.")
        )
        self.inspect_button = button(
            tr("I&nspect image attention ▸"),
            tr("Where each word of the caption looked in the image (Attention panel)"),
            self._inspect,
            icon_name="scan-search",
        )

        inputs = QGridLayout()
        for line, (label, choose, shown, clear) in enumerate(
            (
                (tr("Image ({image})"), self.image_button, self.image_label, self.clear_image),
                (tr("Voice note ({voice})"), self.audio_button, self.audio_label, self.clear_audio),
            )
        ):
            for place, widget in enumerate((QLabel(label), choose, shown, clear)):
                inputs.addWidget(widget, line, place)
        inputs.setColumnStretch(2, 1)
        template_row = hbox(
            QLabel(tr("Template: {image}, {voice} and {text} are filled in")), None, self.reset_template
        )
        split = QSplitter()
        split.addWidget(pane(inputs, self.text, template_row, (self.template, 1)))
        split.addWidget(
            pane(
                QLabel(tr("Answer")),
                (self.answer, 2),
                QLabel(tr("Where the prompt came from")),
                (self.parts, 1),
                self.inspect_button,
            )
        )
        self.lay_out(self.row, (split, 1))
        self.run_button.clicked.connect(self.run)

    def set_image(self, path: str) -> None:
        self.image_path = path
        self.image_label.setText(Path(path).name if path else tr(NONE_CHOSEN))
        self.image_label.setToolTip(path)

    def set_audio(self, path: str) -> None:
        self.audio_path = path
        self.audio_label.setText(Path(path).name if path else tr(NONE_CHOSEN))
        self.audio_label.setToolTip(path)

    def add_files(self, paths: list[str]) -> None:
        """Dropped files: an image becomes {image}, an audio file {voice}."""
        for path in paths:
            suffix = Path(path).suffix.lower()
            if suffix in IMAGE_SUFFIXES:
                self.set_image(path)
            elif suffix in AUDIO_SUFFIXES:
                self.set_audio(path)

    def _choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Image"), "", tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)")
        )
        if path:
            self.set_image(path)

    def _choose_audio(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Voice note"), "", tr("Audio (*.wav *.flac *.ogg *.mp3)"))
        if path:
            self.set_audio(path)

    def build_request(self) -> FusionRequest:
        def ref(task: str) -> str:
            picker = self.models.get(task)
            return str(picker.current_ref()) if picker is not None else ""  # type: ignore[attr-defined]

        return FusionRequest(
            self.template.toPlainText(),
            self.image_path,
            self.audio_path,
            self.text.toPlainText(),
            model=ref("generate"),
            caption_model=ref("caption"),
            transcribe_model=ref("transcribe"),
        )

    def run(self) -> None:
        if self.submit(self.build_request(), tr("Working…")):
            self.answer.clear()
            self.parts.setRowCount(0)
            self.refresh_controls()

    def on_job_partial(self, event: JobPartial) -> None:
        text = "".join(item.text for item in event.items if isinstance(item, TokenDelta))  # not captions
        if text:
            self.answer.moveCursor(QTextCursor.MoveOperation.End)
            self.answer.insertPlainText(text)

    def on_job_finished(self, event: JobFinished) -> None:
        self.show_result(event.result)
        self.refresh_controls()

    def on_job_cancelled(self, event: JobCancelled) -> None:
        if isinstance(event.partial_result, FusionResult):
            self.show_result(event.partial_result)
            self.refresh_controls()

    def show_result(self, result: FusionResult) -> None:
        self.result = result
        self.answer.setPlainText(result.answer)
        self._show_parts([(p.kind, p.source, p.content, p.model) for p in result.parts])

    def load_entry(self, entry: HistoryEntry) -> None:
        """A fused prompt from history: its inputs, template, answer and where each part came from."""
        self.result = None  # the caption's attention is not kept in history: Ask again to inspect it
        self.set_image(str(entry.inputs.get("image_path", "")))
        self.set_audio(str(entry.inputs.get("audio_path", "")))
        self.text.setPlainText(str(entry.inputs.get("text", "")))
        self.template.setPlainText(str(entry.inputs.get("template", DEFAULT_TEMPLATE)))
        self.answer.setPlainText(str(entry.outputs.get("text", "")))
        self._show_parts(
            [
                (str(p.get("kind", "")), str(p.get("source", "")), str(p.get("content", "")), str(p.get("model", "")))
                for p in entry.outputs.get("parts", [])
            ]
        )
        self.banner.show_message(arg(tr("Reopened from history (%1)."), status_words(entry.status)), "info")
        self.refresh_controls()

    def _show_parts(self, parts: list[tuple[str, str, str, str]]) -> None:
        self.parts.setRowCount(len(parts))
        for row, (kind, source, content, model) in enumerate(parts):
            shown = (
                kind,
                Path(source).name if source != "typed" else "typed",
                content,
                Path(model).name if model else "",
            )
            for column, value in enumerate(shown):
                self.parts.setItem(row, column, QTableWidgetItem(value))
        self.parts.resizeColumnsToContents()

    def image_caption(self) -> ImageCaption | None:
        if self.result is None:
            return None
        return next((p.caption for p in self.result.parts if p.kind == "image" and p.caption is not None), None)

    def _inspect(self) -> None:
        caption = self.image_caption()
        if caption is not None:
            self.inspect_requested.emit(caption)

    def refresh_controls(self) -> None:
        super().refresh_controls()
        self.inspect_button.setEnabled(not self.job.running and self.image_caption() is not None)
