"""Hover a word of the translation: the source words it came from light up in the source pane, as strongly as
the model attended to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QMouseEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from desktop_app.core.results import TranslationResult
from desktop_app.gui import theme
from desktop_app.interpret.alignment import WordAlignment, word_alignment

_WORD = re.compile(r"\S+")
Span = tuple[int, int]  # start, end character positions in a pane


@dataclass
class _Sentence:
    alignment: WordAlignment
    source_words: list[Span]
    target_words: list[Span]


class AlignmentHover(QObject):
    """Maps the translation pane's words to the source pane's through each sentence's word alignment."""

    def __init__(self, source: QPlainTextEdit, target: QPlainTextEdit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source, self.target = source, target
        self._sentences: list[_Sentence] = []
        target.viewport().setMouseTracking(True)
        target.viewport().installEventFilter(self)

    def set_result(self, result: TranslationResult | None) -> None:
        """Index the words of both panes; the panes must hold the result's text now."""
        self._sentences = []
        self.clear()
        if result is None:
            return
        source_text, target_text = self.source.toPlainText(), self.target.toPlainText()
        source_at = target_at = 0
        for sentence in result.sentences:
            source_start = source_text.find(sentence.source, source_at)
            target_start = target_text.find(sentence.target, target_at)
            if source_start < 0 or target_start < 0:
                continue  # the user edited a pane since: skip what no longer matches
            source_at, target_at = source_start + len(sentence.source), target_start + len(sentence.target)
            if sentence.attention is None:
                continue
            alignment = word_alignment(sentence.attention)
            sources = _spans(sentence.source, source_start)
            targets = _spans(sentence.target, target_start)
            if len(sources) == len(alignment.source_words) and len(targets) == len(alignment.target_words):
                self._sentences.append(_Sentence(alignment, sources, targets))

    @property
    def has_alignment(self) -> bool:
        return bool(self._sentences)

    def clear(self) -> None:
        self.source.setExtraSelections([])
        self.target.setExtraSelections([])

    def highlight_at(self, position: int) -> list[tuple[str, float]]:
        """Light up the source words of the target word at `position`; returns them with their weights."""
        for sentence in self._sentences:
            for index, (start, end) in enumerate(sentence.target_words):
                if start <= position < end:
                    strongest = sentence.alignment.strongest(index)
                    self.source.setExtraSelections(
                        [
                            _selection(self.source, sentence.source_words[i], weight)
                            for i, weight in strongest
                            if weight > 0.05
                        ]
                    )
                    self.target.setExtraSelections([_selection(self.target, (start, end), 1.0)])
                    return [(sentence.alignment.source_words[i], weight) for i, weight in strongest]
        self.clear()
        return []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target.viewport() and self._sentences:
            if event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
                position = self.target.cursorForPosition(event.position().toPoint()).position()
                found = self.highlight_at(position)
                if found:
                    QToolTip.showText(
                        event.globalPosition().toPoint(),
                        "  ".join(f"{word} {weight:.0%}" for word, weight in found),
                        self.target,
                    )
            elif event.type() == QEvent.Type.Leave:
                self.clear()
        return False


def _spans(text: str, offset: int) -> list[Span]:
    return [(offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def _selection(editor: QPlainTextEdit, span: Span, weight: float) -> QTextEdit.ExtraSelection:
    selection = QTextEdit.ExtraSelection()
    cursor = QTextCursor(editor.document())
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    colour = QColor(theme.current().accent)
    colour.setAlphaF(0.25 + 0.75 * min(1.0, weight))
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    selection.format = fmt
    return selection
