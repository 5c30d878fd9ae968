"""Files dragged from a file manager: what the panels and the main window accept and read from a drop."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QDragEnterEvent, QDropEvent


def accept_file_drag(event: QDragEnterEvent) -> None:
    """Take the drag when it carries local files (and so show the drop cursor); leave anything else."""
    if any(url.isLocalFile() for url in event.mimeData().urls()):
        event.acceptProposedAction()


def take_dropped_files(event: QDropEvent) -> list[str]:
    event.acceptProposedAction()
    return local_files(event.mimeData())


def local_files(mime: QMimeData) -> list[str]:
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()] if mime.hasUrls() else []
