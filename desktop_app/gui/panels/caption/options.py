"""The Caption panel's options: model, conditional prompt, beams, max length, repetition penalty, batch size."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QWidget

from desktop_app.core.i18n import tr
from desktop_app.core.requests import CaptionRequest
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.gui.widgets.option_form import OptionForm
from desktop_app.store.model_kind import CAPTION_PROMPTS, caption_prompt_style, model_type_of


class CaptionOptions(QGroupBox):
    def __init__(self, model_picker: ModelPicker, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(tr("Options"), parent)
        self.model_picker = model_picker
        form = QFormLayout(self)
        form.addRow(tr("Model"), model_picker)
        self.form = OptionForm(
            CaptionRequest,
            ["prompt", "num_beams", "max_new_tokens", "repetition_penalty", "batch_size"],
            settings,
            form,
        )
        prompt = self.form["prompt"]
        assert isinstance(prompt, QLineEdit)
        self.prompt: QLineEdit = prompt
        self.beams, self.max_length = self.form["num_beams"], self.form["max_new_tokens"]
        self.repetition_penalty, self.batch_size = self.form["repetition_penalty"], self.form["batch_size"]
        self.show_prompt_style(model_picker.current_ref())
        model_picker.ref_changed.connect(self.show_prompt_style)

    def show_prompt_style(self, ref: str) -> None:
        """What the prompt means depends on the model: a caption's first words, a task, or a question."""
        placeholder, tip = CAPTION_PROMPTS[caption_prompt_style(model_type_of(ref))]
        self.prompt.setPlaceholderText(tr(placeholder))
        self.prompt.setToolTip(tr(tip))

    def request(self, paths: list[str]) -> CaptionRequest:
        values = {**self.form.values(), "prompt": self.prompt.text().strip()}
        return CaptionRequest(tuple(paths), model=self.model_picker.current_ref(), **values)

    def restore(self) -> None:
        self.form.restore()

    def save(self) -> None:
        self.form.save()

    def show_entry(self, parameters: dict[str, object]) -> None:
        self.form.show(parameters)
