"""The Speech panel's options: model, language, task, voice activity, live text; kept in the settings."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QWidget

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.core.options import options_of
from desktop_app.core.remote_models import is_remote
from desktop_app.core.requests import TranscriptionRequest
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.gui.widgets.option_form import OptionForm, OwnWidget
from desktop_app.store.settings_schema import Keys

LANGUAGES = {
    "": QT_TR_NOOP("Auto-detect"),
    "en": QT_TR_NOOP("English"),
    "fr": QT_TR_NOOP("French"),
    "de": QT_TR_NOOP("German"),
    "es": QT_TR_NOOP("Spanish"),
    "it": QT_TR_NOOP("Italian"),
    "pt": QT_TR_NOOP("Portuguese"),
    "nl": QT_TR_NOOP("Dutch"),
    "pl": QT_TR_NOOP("Polish"),
    "ru": QT_TR_NOOP("Russian"),
    "uk": QT_TR_NOOP("Ukrainian"),
    "tr": QT_TR_NOOP("Turkish"),
    "ar": QT_TR_NOOP("Arabic"),
    "hi": QT_TR_NOOP("Hindi"),
    "zh": QT_TR_NOOP("Chinese"),
    "ja": QT_TR_NOOP("Japanese"),
    "ko": QT_TR_NOOP("Korean"),
}


class SpeechOptions(QGroupBox):
    def __init__(self, model_picker: ModelPicker, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(tr("Options"), parent)
        self.model_picker = model_picker
        self.settings = settings
        self.language = QComboBox()
        for code, name in LANGUAGES.items():
            self.language.addItem(tr(name) if not code else f"{tr(name)} ({code})", code)
        self.live_check = QCheckBox(tr("Live transcript while recording"))
        form = QFormLayout(self)
        form.addRow(tr("Model"), model_picker)
        form.addRow(tr(options_of(TranscriptionRequest)["language"].label), self.language)
        self.form = OptionForm(
            TranscriptionRequest,
            ["language", "speech_task", "use_vad"],
            settings,
            form,
            own={"language": _combo(self.language)},
        )
        self.speech_task, self.skip_silence = self.form["speech_task"], self.form["use_vad"]
        form.addRow(self.live_check)
        model_picker.ref_changed.connect(self._on_model_picker_ref_changed)
        self._on_model_picker_ref_changed(model_picker.current_ref())

    def live(self) -> bool:
        """Live text while recording: it needs the model on this computer."""
        return self.live_check.isChecked() and self.live_check.isEnabled()

    def _on_model_picker_ref_changed(self, ref: str) -> None:
        remote = is_remote(ref)
        self.live_check.setEnabled(not remote)
        self.live_check.setToolTip(
            tr("A model on a server transcribes the recording once it stops: live text needs a model here.")
            if remote
            else ""
        )

    def request_options(self) -> dict[str, str]:
        """The fields every speech request (recorded, live, opened) takes from these options."""
        values = self.form.values()
        return {
            "model": self.model_picker.current_ref(),
            "language": values["language"],
            "speech_task": values["speech_task"],
        }

    def use_vad(self) -> bool:
        return bool(self.form.values()["use_vad"])

    def restore(self) -> None:
        self.form.restore()
        self.live_check.setChecked(self.settings.get(Keys.speech_live))

    def save(self) -> None:
        self.form.save()
        self.settings.set(Keys.speech_live, self.live_check.isChecked())

    def show_entry(self, parameters: dict[str, object]) -> None:
        self.form.show(parameters)


def _combo(box: QComboBox) -> OwnWidget:
    """A list whose items carry the option's values."""
    return box, lambda: str(box.currentData()), lambda value: box.setCurrentIndex(max(0, box.findData(value)))
