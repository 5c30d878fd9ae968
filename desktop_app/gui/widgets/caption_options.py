"""The Caption panel's options: model, conditional prompt, beams, max length, repetition penalty, batch size."""

from __future__ import annotations

from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QLineEdit, QSpinBox, QWidget

from desktop_app.core.requests import CaptionRequest
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.store.model_kind import CAPTION_PROMPTS, caption_prompt_style, model_type_of
from desktop_app.store.settings_schema import Keys


class CaptionOptions(QGroupBox):
    def __init__(self, model_picker: ModelPicker, parent: QWidget | None = None) -> None:
        super().__init__("Options", parent)
        self.model_picker = model_picker
        self.prompt = QLineEdit()
        self.show_prompt_style(model_picker.current_ref())
        model_picker.ref_changed.connect(self.show_prompt_style)
        self.beams = QSpinBox()
        self.beams.setRange(1, 16)
        self.beams.setToolTip("Beam search width: more beams give better captions, slower")
        self.max_length = QSpinBox()
        self.max_length.setRange(1, 256)
        self.max_length.setSuffix(" tokens")
        self.repetition_penalty = QDoubleSpinBox()
        self.repetition_penalty.setRange(0.5, 3.0)
        self.repetition_penalty.setSingleStep(0.05)
        self.batch_size = QSpinBox()
        self.batch_size.setRange(1, 64)
        self.batch_size.setToolTip("Images per model call: larger batches are faster per image, use more memory")
        form = QFormLayout(self)
        form.addRow("Model", model_picker)
        form.addRow("Prompt", self.prompt)
        form.addRow("Beams", self.beams)
        form.addRow("Max length", self.max_length)
        form.addRow("Repetition penalty", self.repetition_penalty)
        form.addRow("Batch size", self.batch_size)

    def show_prompt_style(self, ref: str) -> None:
        """What the prompt means depends on the model: a caption's first words, a task, or a question."""
        placeholder, tip = CAPTION_PROMPTS[caption_prompt_style(model_type_of(ref))]
        self.prompt.setPlaceholderText(placeholder)
        self.prompt.setToolTip(tip)

    def request(self, paths: list[str]) -> CaptionRequest:
        return CaptionRequest(tuple(paths), model=self.model_picker.current_ref(), prompt=self.prompt.text().strip(),
                              num_beams=self.beams.value(), max_new_tokens=self.max_length.value(),
                              repetition_penalty=round(self.repetition_penalty.value(), 3),
                              batch_size=self.batch_size.value())

    def restore(self, settings: AppSettings) -> None:
        self.prompt.setText(settings.get(Keys.caption_prompt))
        self.beams.setValue(settings.get(Keys.caption_num_beams))
        self.max_length.setValue(settings.get(Keys.caption_max_new_tokens))
        self.repetition_penalty.setValue(settings.get(Keys.caption_repetition_penalty))
        self.batch_size.setValue(settings.get(Keys.caption_batch_size))

    def save(self, settings: AppSettings) -> None:
        settings.set(Keys.caption_prompt, self.prompt.text().strip())
        settings.set(Keys.caption_num_beams, self.beams.value())
        settings.set(Keys.caption_max_new_tokens, self.max_length.value())
        settings.set(Keys.caption_repetition_penalty, round(self.repetition_penalty.value(), 3))
        settings.set(Keys.caption_batch_size, self.batch_size.value())
