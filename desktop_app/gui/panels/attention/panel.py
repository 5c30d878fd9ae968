"""Attention: look at every layer and head of the text encoder or the generation model on a text, and at
what the other panels made: a translation's source x target alignment, a caption word's look at the image,
a transcript word's listening over the audio, and a generated answer's attribution (Inspect ▸ on each)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from desktop_app.core.errors import AppError
from desktop_app.core.events import JobCancelled, JobFinished
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.requests import AttentionRequest
from desktop_app.core.results import AttentionMaps, ImageCaption, TranslationResult
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.panels.attention.attribution_view import AttributionView
from desktop_app.gui.panels.attention.explain_view import (
    ExplainView,
    Subject,
    caption_subject,
    explainable,
    sentence_subject,
)
from desktop_app.gui.panels.attention.export import export_view
from desktop_app.gui.panels.attention.heatmap_view import HeadGrid, HeatmapView
from desktop_app.gui.panels.attention.image_overlay import ImageOverlayView
from desktop_app.gui.panels.attention.legend import ColourLegend
from desktop_app.gui.panels.attention.speech_attention_view import SpeechAttentionView
from desktop_app.gui.widgets.layout import hbox, menu_button
from desktop_app.interpret.alignment import group_rows
from desktop_app.interpret.capture import rollout
from desktop_app.interpret.token_text import readable
from desktop_app.workers.inference_worker import InferenceWorker

SOURCES = {
    "encode": QT_TR_NOOP("Text encoder (MiniLM BERT) reads the text"),
    "generate": QT_TR_NOOP("Generation model answers it"),
}
INSPECTING = {
    "generate": QT_TR_NOOP("the answer"),
    "translate": QT_TR_NOOP("the translation"),
    "caption": QT_TR_NOOP("the caption"),
    "transcribe": QT_TR_NOOP("the transcript"),
}


class AttentionPanel(QWidget, JobPanel):
    """Its jobs are looks at other results, not results of their own: nothing of it goes to the history."""

    run_button: QPushButton
    cancel_button: QPushButton

    def __init__(self, worker: InferenceWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.init_job(worker)
        self.maps: AttentionMaps | None = None
        # "self": maps from a job run here or by Inspect (self- or cross-attention, every head); or what
        # another panel kept: a translation's "alignment", a "caption" over its image
        self.mode = "self"
        self.translation: TranslationResult | None = None
        self.caption: ImageCaption | None = None
        self._build()
        self._connect()
        self.update_state()

    def _build(self) -> None:
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(tr("Text to look inside the model with (Ctrl+Enter runs it)"))
        self.text.setMaximumHeight(80)
        self.text.setAccessibleName(tr("Text to inspect"))
        self.text.setTabChangesFocus(True)  # Tab moves on: a tab character has no meaning here
        self.source = QComboBox()
        source_label = QLabel(tr("Model"))
        source_label.setBuddy(self.source)
        for key, label in SOURCES.items():
            self.source.addItem(tr(label), key)
        job_row = self.job_row(tr("Show &attention"), "scan-eye")
        self.layer = QSlider(Qt.Orientation.Horizontal)
        self.head = QSlider(Qt.Orientation.Horizontal)
        self.layer_label, self.head_label = QLabel(tr("Layer")), QLabel(tr("Head"))
        self.layer_label.setBuddy(self.layer)
        self.head_label.setBuddy(self.head)
        self.mean_heads = QCheckBox(tr("Mean of heads"))
        self.use_rollout = QCheckBox(tr("Rollout (all layers)"))
        self.mean_layers = QCheckBox(tr("Mean of layers"))
        self.item_label = QLabel(tr("Word"))
        self.item_picker = QComboBox()  # the sentence of a translation, or the word of a caption
        self.item_picker.setMinimumContentsLength(16)
        self.item_label.setBuddy(self.item_picker)
        self.export_button = menu_button(
            tr("E&xport ▾"),
            [(tr("PNG image…"), "png"), (tr("CSV numbers…"), "csv"), (tr("JSON…"), "json")],
            self.export_dialog,
            icon_name="download",
        )
        self.heatmap = HeatmapView()
        self.overlay = ImageOverlayView()
        self.speech = SpeechAttentionView()
        self.pages = QStackedWidget()
        for page in (self.heatmap, self.overlay, self.speech):
            self.pages.addWidget(page)
        self.grid = HeadGrid()
        self.attribution = AttributionView()
        self.side = QTabWidget()
        self.side.addTab(self.grid, tr("Heads"))
        self.side.addTab(self.attribution, tr("Attribution"))
        self.explain = ExplainView(self.worker)
        self.side.addTab(self.explain, tr("Explain"))

        views = QSplitter()
        views.addWidget(self.pages)
        views.addWidget(self.side)
        views.setSizes([600, 340])
        self.legend = ColourLegend()
        self.lay_out(
            self.text,
            hbox(source_label, self.source, (job_row, 1)),
            hbox(
                self.item_label,
                self.item_picker,
                self.layer_label,
                self.layer,
                self.head_label,
                self.head,
                self.mean_heads,
                self.use_rollout,
                self.mean_layers,
                self.export_button,
            ),
            (views, 1),
            self.legend,
        )

    def _connect(self) -> None:
        self.run_button.clicked.connect(self.run)
        for signal in (
            self.layer.valueChanged,
            self.head.valueChanged,
            self.mean_heads.toggled,
            self.use_rollout.toggled,
            self.mean_layers.toggled,
            self.item_picker.currentIndexChanged,
        ):
            signal.connect(self.redraw)
        self.item_picker.currentIndexChanged.connect(self._explain_sentence)
        self.grid.head_chosen.connect(self.choose_head)
        self.speech.word_chosen.connect(self.item_picker.setCurrentIndex)

    def run(self) -> None:
        if self.job.running:
            return
        if not self.text.toPlainText().strip():
            self.banner.show_message(tr("Type a text to look at."), "warning")
            return
        self.submit(AttentionRequest(self.text.toPlainText(), source_task=str(self.source.currentData())))

    def inspect(self, request: AttentionRequest) -> None:
        """Run the capture for another panel's result (Inspect ▸ on Chat and Speech)."""
        if self.job.running:
            self.banner.show_message(tr("The Attention panel is busy; try again when it is done."), "warning")
            return
        if request.source_task in SOURCES:
            self.text.setPlainText(request.text)
            self.source.setCurrentIndex(self.source.findData(request.source_task))
        else:  # the view is of another panel's input: an old text above it would only mislead
            self.text.clear()
        self.submit(request, arg(tr("Reading %1…"), tr(INSPECTING.get(request.source_task, QT_TR_NOOP("the input")))))

    def show_maps(self, maps: AttentionMaps) -> None:
        self.maps, self.mode = maps, "self"
        self.explain.set_subject(explainable(maps, self.text.toPlainText()))
        layers, heads = maps.weights.shape[:2]
        self._set_ranges(layers, heads)
        self.grid.set_weights(maps.weights)
        if maps.grid is not None:
            self.overlay.set_picture(maps.input_path)
        if maps.grid is not None or maps.seconds_per_key:
            words = maps.tokens if maps.grid is not None else group_rows(maps.tokens, maps.weights[0, 0])[0]
            self._fill_picker(tr("Word"), [readable(w).strip() for w in words])
        self.attribution.set_attribution(maps.tokens, maps.prompt_tokens, maps.attribution)
        self.side.setCurrentWidget(self.attribution if maps.attribution is not None else self.grid)
        over = "patches" if maps.grid else tr("audio columns") if maps.seconds_per_key else tr("source tokens")
        columns = f" over {len(maps.keys)} {over}" if maps.cross else ""
        notes = [arg(tr("%1 tokens%2, %3 layers x %4 heads"), len(maps.tokens), columns, layers, heads)]
        if maps.generated:
            notes.append(arg(tr("output: %1"), maps.generated.strip()[:80]))
        if maps.truncated:
            notes.append(
                {"translate": "first sentence only", "transcribe": "first 30 s only"}.get(
                    maps.source_task, "the input was cut to fit"
                )
            )
        self.redraw()
        self.update_state(" · ".join(notes))

    def show_translation(self, result: TranslationResult) -> bool:
        """A translation's source x target cross-attention, sentence by sentence (Inspect in Translate)."""
        sentences = [s for s in result.sentences if s.attention is not None]
        if not sentences:
            self.banner.show_message(tr("This translation kept no attention to show."), "warning")
            return False
        self.translation, self.mode = result, "alignment"
        self.text.clear()
        self.explain.set_subject(sentence_subject(result, 0))
        self._fill_picker(tr("Sentence"), [s.target for s in sentences])
        self._set_ranges(sentences[0].attention.weights.shape[0], 1)  # type: ignore[union-attr]
        self.redraw()
        self.update_state(
            tr("Translation: %n sentence(s); rows are target tokens, columns source tokens", None, len(sentences))
        )
        return True

    def show_caption(self, item: ImageCaption, model: str = "") -> bool:
        """Where each word of a caption looked in its image (Inspect in Caption); with the captioner's `model`,
        the Explain tab can explain the caption too."""
        if item.attention is None:
            self.banner.show_message(tr("This caption kept no attention to show."), "warning")
            return False
        self.caption, self.mode = item, "caption"
        self.text.clear()
        self.explain.set_subject(caption_subject(item, model) if item.caption and model else None)
        self.overlay.set_picture(item.path)
        self._fill_picker(tr("Word"), list(item.attention.tokens))
        self._set_ranges(item.attention.weights.shape[0], 1)
        self.redraw()
        self.update_state(arg(tr("Caption: %1"), item.caption))
        return True

    def explain_match(self, pair: tuple[str, str, str]) -> None:
        """Why an image and a text matched (Explain in Fusion): scored at once in the Explain tab."""
        image, text, model = pair
        self.side.setCurrentWidget(self.explain)
        self.explain.set_subject(Subject("match", image, text, model))
        self.explain.run()

    def _explain_sentence(self, index: int) -> None:
        if self.mode == "alignment" and self.translation is not None:
            self.explain.set_subject(sentence_subject(self.translation, index))

    def _fill_picker(self, label: str, items: list[str]) -> None:
        self.item_label.setText(label)
        self.item_picker.blockSignals(True)
        self.item_picker.clear()
        self.item_picker.addItems(items)
        self.item_picker.blockSignals(False)

    def _set_ranges(self, layers: int, heads: int) -> None:
        for slider, count in ((self.layer, layers), (self.head, heads)):
            slider.blockSignals(True)
            slider.setRange(0, count - 1)
            slider.blockSignals(False)
        self.layer.setValue(layers - 1)

    def choose_head(self, layer: int, head: int) -> None:
        self.mean_heads.setChecked(False)
        self.use_rollout.setChecked(False)
        self.layer.setValue(layer)
        self.head.setValue(head)

    def current_view(self) -> tuple[np.ndarray, str]:
        if self.mode != "self":
            return self._kept_view()
        assert self.maps is not None
        weights, layer, head = self.maps.weights, self.layer.value(), self.head.value()
        if self.use_rollout.isChecked() and not self.maps.cross:
            return rollout(weights), tr("rollout over all layers")
        if self.mean_heads.isChecked():
            matrix, what = weights[layer].astype(np.float32).mean(axis=0), arg(tr("layer %1, mean of heads"), layer)
        else:
            matrix, what = weights[layer, head].astype(np.float32), arg(tr("layer %1, head %2"), layer, head)
        if self.maps.grid is not None:  # one caption word over the image
            word = max(0, self.item_picker.currentIndex())
            return matrix[word].reshape(self.maps.grid), arg(tr("word '%1', %2"), self.item_picker.currentText(), what)
        if self.maps.seconds_per_key:  # transcript words over the audio
            return group_rows(self.maps.tokens, matrix)[1], arg(tr("words over time, %1"), what)
        return matrix, what

    def _kept_view(self) -> tuple[np.ndarray, str]:
        """A view of what another panel kept with its result (heads already averaged)."""
        layer, index = self.layer.value(), max(0, self.item_picker.currentIndex())
        if self.mode == "alignment":
            assert self.translation is not None
            sentence = [s for s in self.translation.sentences if s.attention is not None][index]
            assert sentence.attention is not None
            stack = sentence.attention.weights.astype(np.float32)
        else:
            assert self.caption is not None and self.caption.attention is not None
            stack = self.caption.attention.weights[:, index : index + 1].astype(np.float32)
        chosen = stack.mean(axis=0) if self.mean_layers.isChecked() else stack[layer]
        what = tr("mean of layers") if self.mean_layers.isChecked() else f"layer {layer}"
        if self.mode == "caption":
            assert self.caption is not None and self.caption.attention is not None
            return chosen.reshape(self.caption.attention.grid), arg(
                tr("word '%1', %2"), self.item_picker.currentText(), what
            )
        return chosen, arg(tr("sentence %1, %2"), index + 1, what)

    def redraw(self) -> None:
        if not self.has_view:
            return
        matrix, what = self.current_view()
        page = self._page()
        self.pages.setCurrentWidget(page)
        self.layer_label.setText(arg(tr("Layer %1"), self.layer.value()))
        self.head_label.setText(arg(tr("Head %1"), self.head.value()))
        self._side_pages(own=self.mode == "self")
        self.legend.set_scale(None if page is self.speech else float(matrix.max(initial=0.0)), self._meaning(page))
        if page is self.overlay:
            self.overlay.set_weights(matrix.reshape(-1), (matrix.shape[0], matrix.shape[1]))
        elif page is self.speech:
            assert self.maps is not None
            self.speech.set_attention(
                self._speech_words(), matrix, self.maps.waveform, self.maps.start_s, self.maps.seconds_per_key
            )
            self.speech.select(max(0, self.item_picker.currentIndex()))
        else:
            rows, columns = self._labels(matrix)
            self.heatmap.set_matrix(matrix, rows, columns)
        page.setToolTip(what)
        if self.mode == "self":
            self.grid.selected = (self.layer.value(), self.head.value())
            self.grid.update()
        self.refresh_controls()

    def _side_pages(self, own: bool) -> None:
        """Heads and attribution are for the maps captured here; a translation or caption kept by another panel
        has only the Explain tab beside it."""
        for page in (self.grid, self.attribution):
            self.side.setTabVisible(self.side.indexOf(page), own)
        if not own:
            self.side.setCurrentWidget(self.explain)

    def _page(self) -> QWidget:
        if self.mode == "caption" or (self.mode == "self" and self.maps is not None and self.maps.grid is not None):
            return self.overlay
        if self.mode == "self" and self.maps is not None and self.maps.seconds_per_key:
            return self.speech
        return self.heatmap

    def _meaning(self, page: QWidget) -> str:
        if page is self.overlay:
            return tr("how strongly the word looked at each part of the image")
        if page is self.speech:
            return tr("where each word listened in the audio (each word to its own peak)")
        if self.mode == "alignment":
            return tr("how strongly each target token (row) looked at each source token (column)")
        if self.use_rollout.isChecked() and self.maps is not None and not self.maps.cross:
            return tr("attention carried through every layer (rollout)")
        return tr("how strongly each token (row) attends to each token it can see (column)")

    def _speech_words(self) -> list[str]:
        return [self.item_picker.itemText(i) for i in range(self.item_picker.count())]

    @property
    def has_view(self) -> bool:
        return {"self": self.maps, "alignment": self.translation, "caption": self.caption}[self.mode] is not None

    def export_dialog(self, fmt: str) -> None:
        if self.has_view:
            path, _ = QFileDialog.getSaveFileName(self, arg(tr("Export %1"), fmt.upper()), f"attention.{fmt}")
            if path:
                self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> bool:
        """The current view: PNG as drawn, CSV and JSON with its numbers and labels."""
        if not self.has_view:
            return False
        matrix, what = self.current_view()
        rows, columns = self._labels(matrix)
        try:
            export_view(path, fmt, matrix, rows, columns, what, self._page())
        except AppError as error:
            self.banner.show_message(f"{error.message} {error.hint}", "error")
            return False
        self.status.setText(arg(tr("Exported %1"), path.name))
        return True

    def _labels(self, matrix: np.ndarray) -> tuple[list[str], list[str]]:
        if self.mode == "self" and self.maps is not None:
            if self.maps.seconds_per_key:
                return self._speech_words(), list(self.maps.keys)
            if self.maps.grid is None:
                return [readable(t) for t in self.maps.tokens], [
                    readable(t) for t in self.maps.keys or self.maps.tokens
                ]
        if self.mode == "alignment":
            sentence = [s for s in self.translation.sentences if s.attention is not None][  # type: ignore[union-attr]
                max(0, self.item_picker.currentIndex())
            ]
            assert sentence.attention is not None
            return list(sentence.attention.target_tokens), list(sentence.attention.source_tokens)
        return [arg(tr("patch row %1"), r) for r in range(matrix.shape[0])], [
            f"column {c}" for c in range(matrix.shape[1])
        ]

    def on_job_finished(self, event: JobFinished) -> None:
        self.show_maps(event.result)

    def on_job_cancelled(self, event: JobCancelled) -> None:
        if isinstance(event.partial_result, AttentionMaps):  # stopped during attribution: the attention stays
            self.show_maps(event.partial_result)
            self.update_state(tr("Stopped before the attribution was done"))

    def refresh_controls(self) -> None:
        super().refresh_controls()
        has_view, own = self.has_view, self.mode == "self"
        cross = own and self.maps is not None and self.maps.cross
        picks = not own or (self.maps is not None and (self.maps.grid is not None or bool(self.maps.seconds_per_key)))
        shown: dict[QWidget, bool] = {
            self.head: own,
            self.head_label: own,
            self.mean_heads: own,
            self.use_rollout: own and not cross,
            self.item_label: picks,
            self.item_picker: picks,
            self.mean_layers: not own,
        }
        for control, visible in shown.items():
            control.setVisible(visible)
        for control in (self.layer, self.head, self.mean_heads, self.use_rollout, self.export_button):
            control.setEnabled(has_view)
