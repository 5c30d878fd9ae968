"""A transcript as a table of timed segments: click to select, double-click or Space to play that audio."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.core.results import TranscriptSegment
from desktop_app.core.transcript_formats import timestamp
from desktop_app.gui.widgets.empty_state import EmptyState

EMPTY = QT_TR_NOOP("No transcript yet: its segments appear here as they are heard.")
LIVE_ROLE = Qt.ItemDataRole.UserRole + 1


class TranscriptView(QTableWidget):
    play_requested = Signal(float, float)  # start_s, end_s

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([tr("Start"), tr("End"), tr("Text")])
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setAccessibleName(tr("Transcript"))
        self.setToolTip(tr("Double-click a segment (or press Space) to play its audio"))
        self.segments: list[TranscriptSegment] = []
        self.empty = EmptyState(self, tr(EMPTY))
        self.cellDoubleClicked.connect(self._on_cell_double_clicked)

    def set_segments(self, segments: Sequence[TranscriptSegment], live: bool = False) -> None:
        self.setRowCount(0)
        self.segments = []
        self.append_segments(segments, live)

    def append_segments(self, segments: Sequence[TranscriptSegment], live: bool = False) -> None:
        follow = self.rowCount() == 0 or self.verticalScrollBar().value() >= self.verticalScrollBar().maximum() - 2
        for segment in segments:
            row = self.rowCount()
            self.insertRow(row)
            for column, text in enumerate(
                (
                    timestamp(segment.start, always_hours=False),
                    timestamp(segment.end, always_hours=False),
                    segment.text.strip(),
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(LIVE_ROLE, live)
                if live:
                    item.setToolTip(tr("Live text: replaced by the final pass when the recording stops"))
                self.setItem(row, column, item)
            self.segments.append(segment)
        self.resizeRowsToContents()
        if follow:
            self.scrollToBottom()

    def shows_live_text(self) -> bool:
        first = self.item(0, 0)
        return first is not None and bool(first.data(LIVE_ROLE))

    def text(self) -> str:
        return "\n".join(s.text.strip() for s in self.segments if s.text.strip())

    def selected_segment(self) -> TranscriptSegment | None:
        row = self.currentRow()
        return self.segments[row] if 0 <= row < len(self.segments) else None

    def select_time(self, seconds: float) -> None:
        """Select the segment under that moment, or the last one that began before it."""
        row = max((i for i, s in enumerate(self.segments) if s.start <= seconds), default=-1)
        if row >= 0:
            self.selectRow(row)
            self.scrollTo(self.model().index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_segment():
            segment = self.selected_segment()
            assert segment is not None
            self.play_requested.emit(segment.start, segment.end)
            return
        super().keyPressEvent(event)

    def _on_cell_double_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.segments):
            self.play_requested.emit(self.segments[row].start, self.segments[row].end)
