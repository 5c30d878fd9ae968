"""Feature-level fusion, image against text: open images, list candidate captions or labels (one a line),
and see how well each image matches each, best first; zero-shot labels go through a template."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop_app.core.events import JobFinished
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import MatchRequest
from desktop_app.core.results import MatchResult
from desktop_app.core.tasks import status_words
from desktop_app.gui import theme
from desktop_app.gui.panels.fusion.page import FusionPage
from desktop_app.gui.widgets.empty_state import EmptyState
from desktop_app.gui.widgets.layout import button, hbox
from desktop_app.gui.widgets.model_picker import ModelPicker
from desktop_app.store.history import HistoryEntry
from desktop_app.workers.inference_worker import InferenceWorker


class MatchPage(FusionPage):
    # (image path, text as the model read it, model ref): why that pair matched, in the Attention panel
    explain_requested = Signal(object)

    def __init__(self, worker: InferenceWorker, picker: ModelPicker, parent: QWidget | None = None) -> None:
        super().__init__(worker, tr("Ma&tch"), "blend", parent)
        self.picker = picker
        self.image_paths: list[str] = []
        self.result: MatchResult | None = None
        self.images_label = QLabel(tr("No images"))
        self.open_button = button(tr("&Images…"), "", self._choose, icon_name="images")
        self.texts = QPlainTextEdit()
        self.texts.setPlaceholderText(tr("Candidate captions or labels, one a line, e.g.\ncat\ndog\na red car"))
        self.texts.setAccessibleName(tr("Candidate texts"))
        self.texts.setTabChangesFocus(True)
        self.template = QLineEdit("a photo of a {}")  # English: the CLIP models read English
        self.template.setToolTip(tr("Each line goes where {} is; use {} alone to compare whole captions"))
        template_label = QLabel(tr("Template"))
        template_label.setBuddy(self.template)
        self.table = QTableWidget(0, 0)
        self.table.setAccessibleName(tr("Match scores"))
        self.empty = EmptyState(
            self.table, tr("Choose images and type candidate texts, then Match: each image's scores show here.")
        )
        self.explain_button = button(
            tr("E&xplain ▸"),
            tr("Why the chosen image and text match: their regions and words scored, in the Attention panel"),
            self._explain,
            icon_name="scan-search",
        )
        self.lay_out(
            hbox(self.open_button, (self.images_label, 1), template_label, self.template),
            self.texts,
            hbox((self.row, 1), self.explain_button),
            (self.table, 1),
        )
        self.run_button.clicked.connect(self.run)
        self.update_state()

    def set_images(self, paths: list[str]) -> None:
        self.image_paths = paths
        self.images_label.setText(
            arg(tr("%n image(s): %1", None, len(paths)), ", ".join(Path(p).name for p in paths[:4]))
            + (" …" if len(paths) > 4 else "")
            if paths
            else tr("No images")
        )

    def _choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("Images"), "", tr("Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif)")
        )
        if paths:
            self.set_images(paths)

    def run(self) -> None:
        texts = tuple(line.strip() for line in self.texts.toPlainText().splitlines() if line.strip())
        request = MatchRequest(tuple(self.image_paths), texts, self.picker.current_ref(), self.template.text())
        self.submit(request, tr("Comparing…"))

    def on_job_finished(self, event: JobFinished) -> None:
        self.show_result(event.result)
        self.update_state(
            arg(
                tr("%1 x %2"),
                tr("%n image(s)", None, len(event.result.image_paths)),
                tr("%n text(s)", None, len(event.result.texts)),
            )
        )

    def _explain(self) -> None:
        """The chosen cell's pair (the best text of the first image when none is chosen)."""
        result = self.result
        if result is None or not result.image_paths or not result.texts:
            return
        row, column = self.table.currentRow(), self.table.currentColumn()
        if row < 0 or column < 0:
            row, column = 0, int(result.probabilities[0].argmax())
        self.explain_requested.emit((result.image_paths[row], result.prompts[column], result.model.ref))

    def refresh_controls(self) -> None:
        super().refresh_controls()
        if hasattr(self, "explain_button"):  # refreshed once before the button exists
            self.explain_button.setEnabled(self.result is not None and not self.is_running)

    def show_result(self, result: MatchResult) -> None:
        self.result = result
        self._fill(list(result.image_paths), list(result.texts), result.probabilities, result.similarity)

    def load_entry(self, entry: HistoryEntry) -> None:
        """A match from history: its images, texts and template, and the scores it gave."""
        paths, texts = list(entry.inputs.get("image_paths", [])), list(entry.inputs.get("texts", []))
        self.set_images(paths)
        self.texts.setPlainText("\n".join(texts))
        self.template.setText(str(entry.inputs.get("template", "{}")))
        ranked = entry.outputs.get("ranked", {})
        scores = np.array(
            [[dict(ranked.get(path, [])).get(text, 0.0) for text in texts] for path in paths], dtype=np.float32
        ).reshape(len(paths), len(texts))
        self._fill(paths, texts, scores, None)
        self.banner.show_message(arg(tr("Reopened from history (%1)."), status_words(entry.status)), "info")

    def _fill(
        self, paths: list[str], texts: list[str], probabilities: np.ndarray, similarity: np.ndarray | None
    ) -> None:
        """Rows are images, columns the texts; each cell the model's probability, the best one marked."""
        self.table.clear()
        self.table.setRowCount(len(paths))
        self.table.setColumnCount(len(texts))
        self.table.setHorizontalHeaderLabels(texts)
        self.table.setVerticalHeaderLabels([Path(p).name for p in paths])
        for row in range(len(paths)):
            best = int(probabilities[row].argmax()) if len(texts) else -1
            for column in range(len(texts)):
                item = QTableWidgetItem(f"{probabilities[row, column]:.1%}")
                if similarity is not None:
                    item.setToolTip(arg(tr("cosine similarity %1"), f"{similarity[row, column]:.3f}"))
                if column == best:
                    item.setBackground(QColor(theme.current().best))
                    item.setForeground(QColor(theme.current().best_text))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
