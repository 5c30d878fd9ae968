"""Translate: source and target panes, language pickers with swap, translate as you type, and the source
words behind each translated word on hover. Transcripts and captions arrive here in one click."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop_app.core.events import JobCancelled, JobFailed, JobFinished, JobPartial
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import TranslationRequest
from desktop_app.core.results import TranscriptionResult, TranslatedSentence, TranslationResult
from desktop_app.core.tasks import Task, status_words
from desktop_app.core.transcript_formats import to_srt
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.panels.translate.alignment_hover import AlignmentHover
from desktop_app.gui.resources import set_icon
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.layout import button, hbox, vbox
from desktop_app.gui.widgets.model_hint import MissingModelHint
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.gui.widgets.option_form import OptionForm
from desktop_app.store.history import HistoryEntry
from desktop_app.store.model_store import ModelStore
from desktop_app.store.settings_schema import Keys
from desktop_app.workers.inference_worker import InferenceWorker

COMMON_CODES = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "pl",
    "ru",
    "uk",
    "tr",
    "ar",
    "hi",
    "zh",
    "ja",
    "ko",
    "eng_Latn",
    "deu_Latn",
    "fra_Latn",
    "spa_Latn",
)
TYPING_PAUSE_MS = 600  # translate as you type: once typing pauses this long


class TranslatePanel(QWidget, JobPanel):
    cancel_button: QPushButton
    history_tasks = (Task.TRANSLATE,)
    inspect_requested = Signal(object)  # TranslationResult: show its alignment in the Attention panel

    def __init__(
        self,
        worker: InferenceWorker,
        settings: AppSettings,
        model_picker: ModelPicker,
        store: ModelStore,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.init_job(worker)  # Esc calls `cancel` below, which also stops translate-as-you-type
        self.settings = settings
        self.model_picker = model_picker
        self.result: TranslationResult | None = None
        self.transcript: TranscriptionResult | None = None  # when the source is a transcript, one line a segment
        self._again = False  # the text changed while a job ran: translate once more when it ends
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._build()
        self.model_hint = MissingModelHint(worker, store, model_picker, self.banner, "translate", tr("translation"))
        self.model_hint.model_ready.connect(self._on_model_hint_model_ready)
        self.model_hint.check()
        self._restore()
        self._connect()
        self.update_state()

    # ---- layout -------------------------------------------------------------------------------------------
    def primary_button(self) -> QPushButton:
        return self.translate_button

    def _build(self) -> None:
        self.source_lang, self.target_lang = _language_box(), _language_box()
        self.swap_button = QToolButton()
        self.swap_button.setText("⇄")
        set_icon(self.swap_button, "arrow-left-right")
        self.swap_button.setAccessibleName(tr("Swap languages"))
        self.swap_button.setToolTip(tr("Swap the languages and the texts (Ctrl+Shift+S)"))
        self.source = QPlainTextEdit()
        self.source.setPlaceholderText(tr("Type or paste text to translate"))
        self.source.setTabChangesFocus(True)
        self.source.setAccessibleName(tr("Source text"))
        self.target = QPlainTextEdit()
        self.target.setReadOnly(True)
        self.target.setPlaceholderText(
            tr("The translation appears here. Hover a word to see the source words it came from.")
        )
        self.target.setAccessibleName(tr("Translation"))
        self.hover = AlignmentHover(self.source, self.target, self)
        self.translate_button = button(
            tr("&Translate"), tr("Translate now (Ctrl+Enter)"), self.translate, icon_name="languages"
        )
        self.cancel_button = button(tr("&Cancel"), tr("Stop translating (Esc)"), self.cancel, icon_name="x")
        self.copy_button = button(tr("C&opy"), "", self.copy_translation, icon_name="copy")
        self.inspect_button = button(
            tr("&Inspect ▸"),
            tr("See the source x target attention of this translation in the Attention panel"),
            self._on_inspect_button_clicked,
            icon_name="scan-search",
        )
        self.srt_button = button(
            tr("E&xport bilingual SRT…"),
            tr("The transcript's timings with both languages, one line each"),
            self._on_srt_button_clicked,
            icon_name="download",
        )
        self.as_you_type = QCheckBox(tr("Translate as you type"))

        options = QGroupBox(tr("Options"))
        form = QFormLayout(options)
        form.addRow(tr("Model"), self.model_picker)
        languages_own = {
            box_name: (
                box,
                lambda box=box: box.currentText().strip(),
                lambda text, box=box: box.setCurrentText(str(text)),
            )
            for box_name, box in (("source_lang", self.source_lang), ("target_lang", self.target_lang))
        }
        self.options = OptionForm(
            TranslationRequest,
            ["source_lang", "target_lang", "num_beams", "max_new_tokens"],
            self.settings,
            own=languages_own,
        )
        self.beams, self.max_length = self.options["num_beams"], self.options["max_new_tokens"]
        form.addRow(tr("Beams"), self.beams)
        form.addRow(tr("Max length"), self.max_length)
        form.addRow(self.as_you_type)
        from_label, to_label = QLabel(tr("From")), QLabel(tr("To"))
        from_label.setBuddy(self.source_lang)
        to_label.setBuddy(self.target_lang)
        languages = hbox(from_label, self.source_lang, self.swap_button, to_label, self.target_lang, None)
        texts = vbox(languages, (hbox((self.source, 1), (self.target, 1)), 1))
        self.lay_out(
            (hbox((texts, 1), vbox(options, None)), 1),
            hbox(
                self.translate_button,
                self.cancel_button,
                self.progress,
                (self.status, 1),
                self.copy_button,
                self.inspect_button,
                self.srt_button,
            ),
        )

    def _connect(self) -> None:
        self.swap_button.clicked.connect(self.swap)
        self.source.textChanged.connect(self._on_source_text_changed)
        self._typing.timeout.connect(self.translate)
        QShortcut(QKeySequence("Ctrl+Shift+S"), self, self.swap)

    def _restore(self) -> None:
        s = self.settings
        self.options.restore()
        self.as_you_type.setChecked(s.get(Keys.translate_as_you_type))
        self.source.blockSignals(True)
        self.source.setPlainText(s.get(Keys.translate_text))
        self.source.blockSignals(False)

    def save_state(self) -> None:
        s = self.settings
        self.options.save()
        s.set(Keys.translate_as_you_type, self.as_you_type.isChecked())
        s.set(Keys.translate_text, self.source.toPlainText())

    # ---- actions ------------------------------------------------------------------------------------------
    def _on_source_text_changed(self) -> None:
        if self.transcript is not None and self.source.toPlainText().count("\n") + 1 != _spoken(self.transcript):
            self.transcript = None  # lines no longer match the segments: no bilingual subtitles
        self.hover.set_result(None)
        if self.as_you_type.isChecked() and self.source.toPlainText().strip():
            self._typing.start()
        self.update_state()

    def _on_model_hint_model_ready(self, _ref: str) -> None:
        """The model just arrived: translate what was already typed."""
        if self.source.toPlainText().strip():
            self.translate()

    def translate(self) -> None:
        self._typing.stop()
        if not self.source.toPlainText().strip():
            self.target.setPlainText("")
            return
        if self.job.running:  # typing went on: stop this one, translate the new text after it
            self._again = True
            self.job.cancel()
            return
        self.save_state()
        self.target.setPlainText("")
        if self.submit(
            TranslationRequest(
                self.source.toPlainText(), model=self.model_picker.current_ref(), **self.options.values()
            )
        ):
            self.model_hint.check()

    def cancel(self) -> None:
        self._typing.stop()
        self._again = False
        super().cancel()

    def swap(self) -> None:
        source, target = self.source_lang.currentText(), self.target_lang.currentText()
        self.source_lang.setCurrentText(target)
        self.target_lang.setCurrentText(source)
        if self.target.toPlainText().strip() and not self.job.running:
            self.transcript = None
            self.source.setPlainText(self.target.toPlainText())  # translate-as-you-type takes it from here

    def set_language_pair(self, source: str, target: str) -> None:
        """A one-pair model (Marian) was added: its languages go into the boxes."""
        self.source_lang.setCurrentText(source)
        self.target_lang.setCurrentText(target)
        self.save_state()

    def translate_text(self, text: str, source_lang: str = "", transcript: TranscriptionResult | None = None) -> None:
        """Chaining: put a transcript or captions in the source pane and translate them now."""
        self.transcript = None
        self.source.blockSignals(True)
        self.source.setPlainText(text)
        self.source.blockSignals(False)
        self.transcript = transcript
        if source_lang:
            self.source_lang.setCurrentText(source_lang)
        self.translate()

    def translate_transcript(self, result: TranscriptionResult) -> None:
        spoken = [s.text.strip() for s in result.segments if s.text.strip()]  # one line per subtitle
        self.translate_text("\n".join(spoken), result.language or "", result)

    def _on_inspect_button_clicked(self) -> None:
        if self.result is not None:
            self.inspect_requested.emit(self.result)

    def copy_translation(self) -> None:
        QGuiApplication.clipboard().setText(self.target.toPlainText())
        self.status.setText(tr("Translation copied"))

    def _on_srt_button_clicked(self) -> None:
        if self.transcript is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("Export bilingual SRT"), "bilingual.srt", tr("SRT (*.srt)"))
        if path:
            self.export_bilingual_srt(path)

    def export_bilingual_srt(self, path: str) -> bool:
        lines = self.target.toPlainText().split("\n")
        if self.transcript is None or len(lines) != _spoken(self.transcript):
            self.banner.show_message(tr("The translation no longer matches the transcript line by line."), "warning")
            return False
        return self.export_text(Path(path), to_srt(self.transcript, second_lines=lines))

    def load_entry(self, entry: HistoryEntry) -> None:
        self.source.blockSignals(True)
        self.source.setPlainText(str(entry.inputs.get("text", "")))
        self.source.blockSignals(False)
        self.target.setPlainText(str(entry.outputs.get("text", "")))
        self.options.show(entry.parameters)
        self.banner.show_message(arg(tr("Reopened from history (%1)."), status_words(entry.status)), "info")

    # ---- job events -----------------------------------------------------------------------------------------
    def on_job_partial(self, event: JobPartial) -> None:  # sentences stream in; the final text restores lines
        sentences = [i.target for i in event.items if isinstance(i, TranslatedSentence)]
        if sentences:
            text = self.target.toPlainText()
            self.target.setPlainText((text + " " if text else "") + " ".join(sentences))

    def on_job_finished(self, event: JobFinished) -> None:
        result: TranslationResult = event.result
        self.result = result
        self.target.setPlainText(result.text)
        self.hover.set_result(result)
        if result.note:
            self.banner.show_message(result.note, "info")
        rate = result.timings.get("tokens_per_s", 0.0)
        self._finish(
            tr("Done · %n sentence(s)", None, len(result.sentences))
            + (arg(tr(" · %1 tokens/s"), f"{rate:.0f}") if rate else "")
        )

    def on_job_failed(self, event: JobFailed) -> None:
        self._again = False

    def on_job_cancelled(self, event: JobCancelled) -> None:
        self._finish(tr("Stopped"))

    def _finish(self, status: str) -> None:
        self.update_state(status)
        if self._again:
            self._again = False
            self.translate()

    def refresh_controls(self) -> None:
        running = self.job.running
        self.cancel_button.setEnabled(running)
        self.copy_button.setEnabled(bool(self.target.toPlainText().strip()))
        self.inspect_button.setEnabled(
            not running and self.result is not None and any(s.attention is not None for s in self.result.sentences)
        )
        self.srt_button.setVisible(self.transcript is not None)
        self.srt_button.setEnabled(self.transcript is not None and not running and self.result is not None)


def _spoken(transcript: TranscriptionResult) -> int:
    return sum(1 for segment in transcript.segments if segment.text.strip())


def _language_box() -> QComboBox:
    box = QComboBox()
    box.setEditable(True)  # any code the model knows can be typed
    box.addItems(COMMON_CODES)
    box.setMinimumContentsLength(9)
    box.setToolTip(tr("Language code: en, de... (NLLB: eng_Latn, deu_Latn...). Empty: the model's own pair."))
    return box
