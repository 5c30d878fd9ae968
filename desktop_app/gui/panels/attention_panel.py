"""Attention: run the text encoder or the generation model on a text and look at every layer and head."""

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
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.requests import AttentionRequest
from desktop_app.core.results import AttentionMaps, JobFailed, JobFinished
from desktop_app.gui.panel_job import PanelJob
from desktop_app.gui.widgets.heatmap_view import HeadGrid, HeatmapView
from desktop_app.gui.widgets.message_banner import MessageBanner
from desktop_app.interpret.capture import rollout
from desktop_app.workers.inference_worker import InferenceWorker

SOURCES = {"encode": "Text encoder (MiniLM BERT) reads the text", "generate": "Generation model answers it"}


class AttentionPanel(QWidget):
    def __init__(self, worker: InferenceWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.maps: AttentionMaps | None = None
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
        self.export_button = QPushButton("Export ▾")
        menu = QMenu(self.export_button)
        for label, fmt in (("PNG image…", "png"), ("CSV numbers…", "csv"), ("JSON…", "json")):
            menu.addAction(label).setData(fmt)
        menu.triggered.connect(lambda action: self.export_dialog(str(action.data())))
        self.export_button.setMenu(menu)
        self.heatmap = HeatmapView()
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
        for widget in (self.layer_label, self.layer, self.head_label, self.head, self.mean_heads, self.use_rollout,
                       self.export_button):
            controls.addWidget(widget)
        views = QSplitter()
        views.addWidget(self.heatmap)
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
                       self.use_rollout.toggled):
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
        self.maps = maps
        layers, heads = maps.weights.shape[:2]
        for slider, count in ((self.layer, layers), (self.head, heads)):
            slider.blockSignals(True)
            slider.setRange(0, count - 1)
            slider.blockSignals(False)
        self.layer.setValue(layers - 1)
        self.grid.set_weights(maps.weights)
        notes = [f"{len(maps.tokens)} tokens, {layers} layers x {heads} heads"]
        if maps.generated:
            notes.append(f"answer: {maps.generated.strip()[:80]}")
        if maps.truncated:
            notes.append("the input was cut to fit")
        self.redraw()
        self._set_state(" · ".join(notes))

    def choose_head(self, layer: int, head: int) -> None:
        self.mean_heads.setChecked(False)
        self.use_rollout.setChecked(False)
        self.layer.setValue(layer)
        self.head.setValue(head)

    def current_view(self) -> tuple[np.ndarray, str]:
        assert self.maps is not None
        weights, layer, head = self.maps.weights, self.layer.value(), self.head.value()
        if self.use_rollout.isChecked():
            return rollout(weights), "rollout over all layers"
        if self.mean_heads.isChecked():
            return weights[layer].astype(np.float32).mean(axis=0), f"layer {layer}, mean of heads"
        return weights[layer, head].astype(np.float32), f"layer {layer}, head {head}"

    def redraw(self) -> None:
        if self.maps is None:
            return
        matrix, what = self.current_view()
        self.layer_label.setText(f"Layer {self.layer.value()}")
        self.head_label.setText(f"Head {self.head.value()}")
        self.grid.selected = (self.layer.value(), self.head.value())
        self.grid.update()
        self.heatmap.set_matrix(matrix, self.maps.tokens, self.maps.tokens)
        self.heatmap.setToolTip(what)

    def export_dialog(self, fmt: str) -> None:
        if self.maps is not None:
            path, _ = QFileDialog.getSaveFileName(self, f"Export {fmt.upper()}", f"attention.{fmt}")
            if path:
                self.export_to(Path(path), fmt)

    def export_to(self, path: Path, fmt: str) -> bool:
        """The current view: PNG as drawn, CSV and JSON with its numbers and tokens."""
        if self.maps is None:
            return False
        matrix, what = self.current_view()
        try:
            if fmt == "png":
                if not self.heatmap.grab().save(str(path)):
                    raise OSError(f"could not write {path}")
            elif fmt == "csv":
                with path.open("w", newline="", encoding="utf-8") as out:
                    writer = csv.writer(out)
                    writer.writerow(["query \\ key", *self.maps.tokens])
                    for token, row in zip(self.maps.tokens, matrix, strict=True):
                        writer.writerow([token, *(f"{v:.5f}" for v in row)])
            else:
                path.write_text(json.dumps({"view": what, "tokens": list(self.maps.tokens),
                                            "matrix": np.round(matrix, 5).tolist()}, ensure_ascii=False),
                                encoding="utf-8")
        except OSError as exc:
            self.banner.show_message(f"Could not write {path}: {exc.strerror or exc}", "error")
            return False
        self.status.setText(f"Exported {path.name}")
        return True

    def _on_job_finished(self, event: JobFinished) -> None:
        self.show_maps(event.result)

    def _on_job_failed(self, event: JobFailed) -> None:
        self.banner.show_error(event.error)
        self._set_state("Failed")

    def _set_state(self, status: str | None = None) -> None:
        running, has_maps = self.job.running, self.maps is not None
        self.run_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        for widget in (self.layer, self.head, self.mean_heads, self.use_rollout, self.export_button):
            widget.setEnabled(has_maps)
        if status is not None:
            self.status.setText(status)

    @property
    def is_running(self) -> bool:
        return self.job.running
