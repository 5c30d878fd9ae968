"""The Caption panel's grid: each image's thumbnail beside its caption, which the user can edit."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.core.results import ImageCaption
from desktop_app.gui import theme

COLUMNS = (QT_TR_NOOP("Image"), QT_TR_NOOP("File"), QT_TR_NOOP("Caption"), QT_TR_NOOP("Status"))
IMAGE, FILE, CAPTION, STATUS = range(4)
Index = QModelIndex | QPersistentModelIndex


@dataclass
class CaptionRow:
    path: str
    result: ImageCaption | None = None  # the model's answer, kept whole (its attention goes to the Attention panel)
    caption: str = ""  # what is shown and exported: the model's caption, or the user's edit of it
    edited: bool = False
    state: str = "waiting"  # waiting, queued, done, failed
    thumbnail: QPixmap | None = None

    def as_caption(self) -> ImageCaption:
        """The row as exports see it: the user's caption in place of the model's."""
        base = self.result or ImageCaption(self.path)
        return dataclasses.replace(base, caption=self.caption)


class CaptionTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[CaptionRow] = []
        self._by_path: dict[str, int] = {}

    # -- content ---------------------------------------------------------------------------------------
    def add_paths(self, paths: list[str]) -> list[str]:
        """Append the paths not already in the grid; returns those added."""
        new = [p for p in dict.fromkeys(paths) if p not in self._by_path]
        if new:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(new) - 1)
            for path in new:
                self._by_path[path] = len(self.rows)
                self.rows.append(CaptionRow(path))
            self.endInsertRows()
        return new

    def remove_paths(self, paths: list[str]) -> None:
        doomed = set(paths)
        if not doomed & set(self._by_path):
            return
        self.beginResetModel()
        self.rows = [row for row in self.rows if row.path not in doomed]
        self._by_path = {row.path: i for i, row in enumerate(self.rows)}
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.rows, self._by_path = [], {}
        self.endResetModel()

    def row_of(self, path: str) -> CaptionRow | None:
        index = self._by_path.get(path)
        return None if index is None else self.rows[index]

    def set_state(self, paths: list[str], state: str) -> None:
        for path in paths:
            if (row := self.row_of(path)) is not None:
                row.state = state
                self._changed(path, STATUS, STATUS)

    def set_result(self, item: ImageCaption) -> None:
        row = self.row_of(item.path)
        if row is None:
            return
        row.result, row.caption, row.edited = item, item.caption, False
        row.state = "done" if item.ok else "failed"
        self._changed(item.path, FILE, STATUS)

    def set_thumbnail(self, path: str, image: QImage) -> None:
        row = self.row_of(path)
        if row is not None and not image.isNull():
            row.thumbnail = QPixmap.fromImage(image)
            self._changed(path, IMAGE, IMAGE)

    def _changed(self, path: str, first: int, last: int) -> None:
        row = self._by_path[path]
        self.dataChanged.emit(self.index(row, first), self.index(row, last))

    # -- Qt model --------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == CAPTION and self.rows[index.row()].state == "done":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DecorationRole and column == IMAGE:
            return row.thumbnail
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == FILE:
                return row.path.rsplit("/", 1)[-1]
            if column == CAPTION:
                return row.caption
            if column == STATUS:
                return self._status_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FILE:
                return row.path
            if column == STATUS and row.result is not None and row.result.error is not None:
                return row.result.error.user_text()
            if column == CAPTION and row.state == "done":
                return tr("Double-click or press F2 to edit; exports use your text")
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS and row.state == "failed":
            return QColor(theme.current().error_text)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != CAPTION:
            return False
        row = self.rows[index.row()]
        row.caption = str(value).strip()
        row.edited = row.result is None or row.caption != row.result.caption
        self.dataChanged.emit(index, self.index(index.row(), STATUS))
        return True

    @staticmethod
    def _status_text(row: CaptionRow) -> str:
        if row.state == "failed" and row.result is not None and row.result.error is not None:
            return row.result.error.message
        if row.state == "done" and row.result is not None:
            parts = [f"{row.result.seconds:.2f} s"]
            if row.edited:
                parts.append(tr("edited"))
            parts.extend(row.result.notes)
            return " · ".join(parts)
        return {"queued": "Queued…", "waiting": ""}.get(row.state, row.state)


class CaptionTable(QTableView):
    def __init__(self, model: CaptionTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(tr("Images and captions"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setIconSize(QSize(96, 96))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(100)
        header = self.horizontalHeader()
        header.setSectionResizeMode(IMAGE, QHeaderView.ResizeMode.Fixed)
        self.setColumnWidth(IMAGE, 104)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(FILE, 180)
        header.setSectionResizeMode(CAPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(STATUS, 220)

    def selected_paths(self) -> list[str]:
        model = self.model()
        assert isinstance(model, CaptionTableModel)
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [model.rows[r].path for r in rows]
