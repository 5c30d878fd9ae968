"""Thumbnails decoded off the GUI thread: QImageReader scales while decoding (JPEG decodes at 1/8 scale),
so a folder of large photos fills in without a frozen window."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

THUMBNAIL_SIZE = 96


class _Signals(QObject):
    loaded = Signal(str, QImage)


class _Job(QRunnable):
    def __init__(self, path: str, size: int, signals: _Signals) -> None:
        super().__init__()
        self.path, self.size, self.signals = path, size, signals

    def run(self) -> None:
        reader = QImageReader(self.path)
        reader.setAutoTransform(True)  # EXIF rotation, as a photo viewer shows it
        original = reader.size()
        if original.isValid() and max(original.width(), original.height()) > self.size:
            reader.setScaledSize(original.scaled(QSize(self.size, self.size), Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()  # a null QImage when unreadable: the view shows a placeholder
        if not image.isNull() and max(image.width(), image.height()) > self.size:
            image = image.scaled(
                self.size, self.size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        self.signals.loaded.emit(self.path, image)


class ThumbnailLoader(QObject):
    loaded = Signal(str, QImage)  # path, thumbnail (null when the file is not a readable image)

    def __init__(self, size: int = THUMBNAIL_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.size = size
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one core for thumbnails; the other stays with the models and the GUI
        self._signals = _Signals()
        self._signals.loaded.connect(self.loaded)

    def request(self, paths: list[str]) -> None:
        for path in paths:
            self._pool.start(_Job(path, self.size, self._signals))

    def wait(self, timeout_ms: int = 10_000) -> bool:
        return self._pool.waitForDone(timeout_ms)

    def stop(self) -> None:
        self._pool.clear()
        self._pool.waitForDone(5_000)
