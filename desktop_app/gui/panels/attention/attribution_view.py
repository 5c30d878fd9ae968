"""Attribution of a generated answer, token by token: the text coloured by how much each earlier token
counted for the chosen answer token (gradient x input, or occlusion), and the likeliest next tokens at that
step with their probabilities."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.core.results import Attribution
from desktop_app.interpret.render import colours
from desktop_app.interpret.token_text import readable

METHODS = {"gradient": QT_TR_NOOP("Gradient × input"), "occlusion": QT_TR_NOOP("Occlusion (log-prob drop)")}


class AttributionView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tokens: tuple[str, ...] = ()
        self.prompt = 0
        self.attribution: Attribution | None = None
        self.method = QComboBox()
        for key, label in METHODS.items():
            self.method.addItem(tr(label), key)
        self.step = QComboBox()
        self.step.setAccessibleName(tr("Answer token"))
        self.step.setMinimumContentsLength(12)
        self.text = QTextBrowser()
        self.text.setAccessibleName(tr("Tokens coloured by attribution"))
        self.top_k = QTableWidget(0, 2)
        self.top_k.setHorizontalHeaderLabels([tr("Next token"), tr("Probability")])
        self.top_k.horizontalHeader().setStretchLastSection(True)
        self.top_k.verticalHeader().setVisible(False)
        self.top_k.setMaximumHeight(170)
        self.top_k.setAccessibleName(tr("Most likely next tokens"))
        self.empty = QLabel(
            tr("Attribution is shown for answers of the generation model (Chat ▸ Inspect on an answer).")
        )
        self.empty.setWordWrap(True)
        step_label, method_label = QLabel(tr("Answer token")), QLabel(tr("Method"))
        step_label.setBuddy(self.step)
        method_label.setBuddy(self.method)
        choose = QHBoxLayout()
        choose.addWidget(step_label)
        choose.addWidget(self.step, 1)
        choose.addWidget(method_label)
        choose.addWidget(self.method)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(choose)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.top_k)
        self.method.currentIndexChanged.connect(self.redraw)
        self.step.currentIndexChanged.connect(self.redraw)
        self.set_attribution((), 0, None)

    def set_attribution(self, tokens: tuple[str, ...], prompt: int, attribution: Attribution | None) -> None:
        self.tokens, self.prompt, self.attribution = tokens, prompt, attribution
        self.empty.setVisible(attribution is None)
        for widget in (self.step, self.method, self.text, self.top_k):
            widget.setEnabled(attribution is not None)
        self.step.blockSignals(True)
        self.step.clear()
        if attribution is not None:
            self.step.addItems([f"{i + 1}: {readable(t)}" for i, t in enumerate(tokens[prompt:])])
        self.step.blockSignals(False)
        self.redraw()

    def scores(self) -> np.ndarray:
        """The chosen answer token's score for every token before it (occlusion: the prompt only)."""
        if self.attribution is None or self.step.currentIndex() < 0:
            return np.zeros(0, np.float32)
        step = self.step.currentIndex()
        if self.method.currentData() == "occlusion":
            return np.asarray(self.attribution.occlusion[step], np.float32)
        return np.asarray(self.attribution.gradient_x_input[step], np.float32)[: self.prompt + step]

    def redraw(self) -> None:
        if self.attribution is None:
            self.text.clear()
            self.top_k.setRowCount(0)
            return
        step, scores = self.step.currentIndex(), self.scores()
        peak = float(np.abs(scores).max()) if scores.size else 1.0
        tint = colours(np.clip(scores, 0, None) / (peak or 1.0))
        spans = []
        for i, token in enumerate(self.tokens[: self.prompt + step + 1]):
            text = html.escape(readable(token))
            if i < len(scores):
                r, g, b = (int(v) for v in tint[i])
                ink = "black" if scores[i] / (peak or 1.0) > 0.55 else "white"
                spans.append(
                    f'<span style="background: rgb({r},{g},{b}); color: {ink}" title="{scores[i]:.4f}">{text}</span>'
                )
            elif i == self.prompt + step:  # the token being explained
                spans.append(f"<b><u>{text}</u></b>")
            else:
                spans.append(text)
        self.text.setHtml('<div style="font-family: monospace; white-space: pre-wrap">' + "".join(spans) + "</div>")
        choices = self.attribution.top_k[step] if 0 <= step < len(self.attribution.top_k) else ()
        self.top_k.setRowCount(len(choices))
        for row, (token, probability) in enumerate(choices):
            self.top_k.setItem(row, 0, QTableWidgetItem(repr(token)))
            self.top_k.setItem(row, 1, QTableWidgetItem(f"{probability:.1%}"))
