"""The slow imports the later panels need, made on a thread of their own while the window is up.

Building the Translate panel imported numpy (~75 ms of module code) and psutil (~10 ms, for a model's fit to the
machine), and the Speech panel started PortAudio (~30 ms): each in one turn of the event loop, a window frozen for
as long (bench/responsiveness.py). On a thread the interpreter hands the GUI thread its turn every few
milliseconds of the import's Python code, and PortAudio's start is a C call made without the GIL (cffi lets it
go). The panels are built once the thread is done, so that no panel waits on the import lock of a module still
being imported.

The thread starts once the window has painted the visible panel (`after_paint`), not as soon as the panel is
built: the window's first paint calls into Python many times (the panels' own painting and sizing), and while the
import's thread runs, each of those calls waits its turn for the interpreter. Started at once, the two together
froze the window for up to 80 ms (bench/responsiveness.py: 46-64 ms at worst in a run), where the paint alone
takes ~40."""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

SLOW_IMPORTS = ("numpy", "sounddevice", "psutil")


class Preimport:
    """The imports on a thread of their own, from `start` on (`after_paint` calls it)."""

    def __init__(self, modules: tuple[str, ...] | None = None) -> None:
        self._modules = SLOW_IMPORTS if modules is None else modules
        self._thread = threading.Thread(target=self._run, name="preimport", daemon=True)

    @classmethod
    def after_paint(cls, widget: QWidget, at_most_ms: int = 300) -> Preimport:
        """The imports, started once `widget` has been painted, or after `at_most_ms` if it never is (a hidden
        window)."""
        preimport = cls()
        _AfterPaint(widget, preimport.start, at_most_ms)
        return preimport

    def start(self) -> None:
        if self._thread.ident is None:  # once: a paint and the time limit may both come
            self._thread.start()

    @property
    def done(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()

    def _run(self) -> None:
        for name in self._modules:
            try:
                importlib.import_module(name)
            except (ImportError, OSError) as exc:  # no PortAudio: the Speech panel says so when it is built
                log.info("%s could not be imported ahead: %s", name, exc)


class _AfterPaint(QObject):
    """Calls `then` on the event loop's turn after `widget`'s next paint (the whole window's paint is done by
    then), or after `at_most_ms`; once."""

    def __init__(self, widget: QWidget, then: Callable[[], None], at_most_ms: int) -> None:
        super().__init__(widget)
        self._widget, self._then = widget, then
        widget.installEventFilter(self)
        QTimer.singleShot(at_most_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        self._widget.removeEventFilter(self)
        self.deleteLater()  # and with it the timer still to come
        self._then()
