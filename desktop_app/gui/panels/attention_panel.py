"""Attention: look at every layer and head of the text encoder or the generation model on a text, and at
what the other panels kept: a translation's source x target alignment, a caption word's look at the image."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.requests import AttentionRequest
from desktop_app.core.results import AttentionMaps, ImageCaption, JobFailed, JobFinished, TranslationResult
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.heatmap_view import HeadGrid, HeatmapView
from desktop_app.gui.widgets.image_overlay import ImageOverlayView
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.interpret.capture import rollout
from desktop_app.workers.inference_worker import InferenceWorker

SOURCES = {"encode": "Text encoder (MiniLM BERT) reads the text", "generate": "Generation model answers it"}


class AttentionPanel(QWidget):
    def __init__(self, worker: InferenceWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maps: AttentionMaps | None = None
        self.mode = "self"  # self-attention maps, a translation's "alignment", or a "caption" over its image
        self.translation: TranslationResult | None = None
        self.caption: ImageCaption | None = None
        self._build()
        self.job = PanelJob(worker, self.progress, self.status, self)
        self._connect()
        self._set_state()

    def _build(self) -> None:
        self.banner = MessageBanner()
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("Text to look inside the model with (Ctrl+Enter runs it)")
        self.text.setMaximumHeight(80)
        self.source = QComboBox()
        for key, label in SOURCES.items():
            self.source.addItem(label, key)
        self.run_button = QPushButton("Show attention")
        self.cancel_button = QPushButton("Cancel")
        self.layer = QSlider(Qt.Orientation.Horizontal)
        self.head = QSlider(Qt.Orientation.Horizontal)
        self.layer_label, self.head_label = QLabel("Layer"), QLabel("Head")
        self.mean_heads = QCheckBox("Mean of heads")
        self.use_rollout = QCheckBox("Rollout (all layers)")
        self.mean_layers = QCheckBox("Mean of layers")
        self.item_label = QLabel("")
        self.item_picker = QComboBox()  # the sentence of a translation, or the word of a caption
        self.item_picker.setMinimumContentsLength(16)
        self.export_button = QPushButton("Export ▾")
        menu = QMenu(self.export_button)
        for label, fmt in (("PNG image…", "png"), ("CSV numbers…", "csv"), ("JSON…", "json")):
            menu.addAction(label).setData(fmt)
        menu.triggered.connect(lambda action: self.export_dialog(str(action.data())))
        self.export_button.setMenu(menu)
        self.heatmap = HeatmapView()
        self.overlay = ImageOverlayView()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.heatmap)
        self.pages.addWidget(self.overlay)
        self.grid = HeadGrid()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.status = QLabel("")

        run = QHBoxLayout()
        for control in (self.source, self.run_button, self.cancel_button, self.progress):
            run.addWidget(control)
        run.addWidget(self.status, 1)
        controls = QHBoxLayout()
        for widget in (self.item_label, self.item_picker, self.layer_label, self.layer, self.head_label, self.head,
                       self.mean_heads, self.use_rollout, self.mean_layers, self.export_button):
            controls.addWidget(widget)
        views = QSplitter()
        views.addWidget(self.pages)
        views.addWidget(self.grid)
        views.setSizes([600, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.text)
        layout.addLayout(run)
        layout.addLayout(controls)
        layout.addWidget(views, 1)

    def _connect(self) -> None:
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.job.cancel)
        for signal in (self.layer.valueChanged, self.head.valueChanged, self.mean_heads.toggled,
                       self.use_rollout.toggled, self.mean_layers.toggled, self.item_picker.currentIndexChanged):
            signal.connect(self.redraw)
        self.grid.head_chosen.connect(self.choose_head)
        self.job.finished.connect(self._on_job_finished)
        self.job.failed.connect(self._on_job_failed)
        self.job.cancelled.connect(lambda _event: self._set_state("Stopped"))
        QShortcut(QKeySequence("Ctrl+Return"), self, self.run)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.job.cancel)

    def run(self) -> None:
        if self.job.running:
            return
        if not self.text.toPlainText().strip():
            self.banner.show_message("Type a text to look at.", "warning")
            return
        self.banner.hide()
        self.job.submit(AttentionRequest(self.text.toPlainText(), source_task=str(self.source.currentData())))
        self._set_state()

    def show_maps(self, maps: AttentionMaps) -> None:
        self.maps, self.mode = maps, "self"
        layers, heads = maps.weights.shape[:2]
        self._set_ranges(layers, heads)
        self.grid.set_weights(maps.weights)
        notes = [f"{len(maps.tokens)} tokens, {layers} layers x {heads} heads"]
        if maps.generated:
            notes.append(f"answer: {maps.generated.strip()[:80]}")
        if maps.truncated:
            notes.append("the input was cut to fit")
        self.redraw()
        self._set_state(" · ".join(notes))

    def show_translation(self, result: TranslationResult) -> bool:
        """A translation's source x target cross-attention, sentence by sentence (Inspect in Translate)."""
        sentences = [s for s in result.sentences if s.attention is not None]
        if not sentences:
            self.banner.show_message("This translation kept no attention to show.", "warning")
            return False
        self.translation, self.mode = result, "alignment"
        self._fill_picker("Sentence", [s.target for s in sentences])
        self._set_ranges(sentences[0].attention.weights.shape[0], 1)  # type: ignore[union-attr]
        self.redraw()
        self._set_state(f"Translation: {len(sentences)} sentences; rows are target tokens, columns source tokens")
        return True

    def show_caption(self, item: ImageCaption) -> bool:
        """Where each word of a caption looked in its image (Inspect in Caption)."""
        if item.attention is None:
            self.banner.show_message("This caption kept no attention to show.", "warning")
            return False
        self.caption, self.mode = item, "caption"
        self.overlay.set_picture(item.path)
        self._fill_picker("Word", list(item.attention.tokens))
        self._set_ranges(item.attention.weights.shape[0], 1)
        self.redraw()
        self._set_state(f"Caption: {item.caption}")
        return True

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
        layer, index = self.layer.value(), max(0, self.item_picker.currentIndex())
        if self.mode in ("alignment", "caption"):
            if self.mode == "alignment":
                assert self.translation is not None
                sentence = [s for s in self.translation.sentences if s.attention is not None][index]
                assert sentence.attention is not None
                stack = sentence.attention.weights.astype(np.float32)
            else:
                assert self.caption is not None and self.caption.attention is not None
                stack = self.caption.attention.weights[:, index:index + 1].astype(np.float32)
            chosen = stack.mean(axis=0) if self.mean_layers.isChecked() else stack[layer]
            what = "mean of layers" if self.mean_layers.isChecked() else f"layer {layer}"
            if self.mode == "caption":
                assert self.caption is not None and self.caption.attention is not None
                rows, columns = self.caption.attention.grid
                return chosen.reshape(rows, columns), f"word '{self.item_picker.currentText()}', {what}"
            return chosen, f"sentence {index + 1}, {what}"
        assert self.maps is not None
        weights, head = self.maps.weights, self.head.value()
        if self.use_rollout.isChecked():
            return rollout(weights), "rollout over all layers"
        if self.mean_heads.isChecked():
            return weights[layer].astype(np.float32).mean(axis=0), f"layer {layer}, mean of heads"
        return weights[layer, head].astype(np.float32), f"layer {layer}, head {head}"

    def redraw(self) -> None:
        if not self.has_view:
            return
        matrix, what = self.current_view()
        self.pages.setCurrentWidget(self.overlay if self.mode == "caption" else self.heatmap)
        self.grid.setVisible(self.mode == "self")
        if self.mode != "self":
            self.layer_label.setText(f"Layer {self.layer.value()}")
            self._set_state()
            if self.mode == "caption":
                assert self.caption is not None and self.caption.attention is not None
                self.overlay.set_weights(matrix.reshape(-1), self.caption.attention.grid)
            else:
                attention = [s for s in self.translation.sentences if s.attention is not None][  # type: ignore[union-attr]
                    max(0, self.item_picker.currentIndex())].attention
                assert attention is not None
                self.heatmap.set_matrix(matrix, attention.target_tokens, attention.source_tokens)
            self.overlay.setToolTip(what) if self.mode == "caption" else self.heatmap.setToolTip(what)
            return
        assert self.maps is not None
        self.layer_label.setText(f"Layer {self.layer.value()}")
        self.head_label.setText(f"Head {self.head.value()}")
        self.grid.selected = (self.layer.value(), self.head.value())
        self.grid.update()
        self.heatmap.set_matrix(matrix, self.maps.tokens, self.maps.tokens)
        self.heatmap.setToolTip(what)

    @property
    def has_view(self) -> bool:
        return {"self": self.maps, "alignment": self.translation, "caption": self.caption}[self.mode] is not None

    def export_dialog(self, fmt: str) -> None:
        if self.has_view:
            path, _ = QFileDialog.getSaveFileName(self, f"Export {fmt.upper()}", f"attention.{fmt}")
            if path:
                self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> bool:
        """The current view: PNG as drawn, CSV and JSON with its numbers and tokens."""
        if not self.has_view:
            return False
        matrix, what = self.current_view()
        rows, columns = self._labels(matrix)
        try:
            if fmt == "png":
                shown = self.overlay if self.mode == "caption" else self.heatmap
                if not shown.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
            elif fmt == "csv":
                with path.open("w", newline="", encoding="utf-8") as out:
                    writer = csv.writer(out)
                    writer.writerow(["query \\ key", *columns])
                    for token, row in zip(rows, matrix, strict=True):
                        writer.writerow([token, *(f"{v:.5f}" for v in row)])
            else:
                path.write_text(json.dumps({"view": what, "rows": rows, "columns": columns,
                                            "matrix": np.round(matrix, 5).tolist()}, ensure_ascii=False),
                                encoding="utf-8")
        except OSError as exc:
            self.banner.show_message(f"Could not write {path}: {exc.strerror or exc}", "error")
            return False
        self.status.setText(f"Exported {path.name}")
        return True

    def _labels(self, matrix: np.ndarray) -> tuple[list[str], list[str]]:
        if self.mode == "self" and self.maps is not None:
            return list(self.maps.tokens), list(self.maps.tokens)
        if self.mode == "alignment":
            return list(self.heatmap.rows), list(self.heatmap.columns)
        return [f"row {r}" for r in range(matrix.shape[0])], [f"column {c}" for c in range(matrix.shape[1])]

    def _on_job_finished(self, event: JobFinished) -> None:
        self.show_maps(event.result)

    def _on_job_failed(self, event: JobFailed) -> None:
        self.banner.show_error(event.error)
        self._set_state("Failed")

    def _set_state(self, status: str | None = None) -> None:
        running, has_view, own = self.job.running, self.has_view, self.mode == "self"
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        own_controls: tuple[QWidget, ...] = (self.head, self.head_label, self.mean_heads, self.use_rollout)
        for control in own_controls:
            control.setVisible(own)
        other_controls: tuple[QWidget, ...] = (self.item_label, self.item_picker, self.mean_layers)
        for control in other_controls:
            control.setVisible(not own)
        enabled: tuple[QWidget, ...] = (self.layer, self.head, self.mean_heads, self.use_rollout, self.export_button)
        for control in enabled:
            control.setEnabled(has_view)
        if status is not None:
            self.status.setText(status)

    @property
    def is_running(self) -> bool:
        return self.job.running
