"""The Speech panel's options: model, language, task, voice activity, live text; kept in the settings."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QWidget

from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.store.settings_schema import Keys

LANGUAGES = {"": "Auto-detect", "en": "English", "fr": "French", "de": "German", "es": "Spanish",
             "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian",
             "tr": "Turkish", "ar": "Arabic", "hi": "Hindi", "zh": "Chinese", "ja": "Japanese", "ko": "Korean"}


class SpeechOptions(QGroupBox):
    def __init__(self, model_picker: ModelPicker, parent: QWidget | None = None) -> None:
        super().__init__("Options", parent)
        self.model_picker = model_picker
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(name if not code else f"{name} ({code})", code)
        self.speech_task = QComboBox()
        self.speech_task.addItem("Transcribe", "transcribe")
        self.speech_task.addItem("Translate to English", "translate")
        self.skip_silence = QCheckBox("Skip silence (voice activity detection)")
        self.live_check = QCheckBox("Live transcript while recording")
        form = QFormLayout(self)
        form.addRow("Model", model_picker)
        form.addRow("Language", self.language)
        form.addRow("Task", self.speech_task)
        form.addRow(self.skip_silence)
        form.addRow(self.live_check)

    def request_options(self) -> dict[str, str]:
        """The fields every speech request takes from these options."""
        return {"model": self.model_picker.current_ref(), "language": str(self.language.currentData()),
                "speech_task": str(self.speech_task.currentData())}

    def restore(self, settings: AppSettings) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(Keys.speech_language))))
        self.speech_task.setCurrentIndex(max(0, self.speech_task.findData(settings.get(Keys.speech_task))))
        self.live_check.setChecked(settings.get(Keys.speech_live))
        self.skip_silence.setChecked(settings.get(Keys.speech_skip_silence))

    def save(self, settings: AppSettings) -> None:
        settings.set(Keys.speech_language, str(self.language.currentData()))
        settings.set(Keys.speech_task, str(self.speech_task.currentData()))
        settings.set(Keys.speech_live, self.live_check.isChecked())
        settings.set(Keys.speech_skip_silence, self.skip_silence.isChecked())
