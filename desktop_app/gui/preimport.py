"""The slow imports the later panels need, made on a thread of their own while the window is up.

Building the Translate panel imported numpy (~75 ms of module code) and psutil (~10 ms, for a model's fit to the
machine), and the Speech panel started PortAudio (~30 ms): each in one turn of the event loop, a window frozen for
as long (bench/responsiveness.py). On a thread the interpreter hands the GUI thread its turn every few
milliseconds of the import's Python code, and PortAudio's start is a C call made without the GIL (cffi lets it
go). The panels are built once the thread is done, so that no panel waits on the import lock of a module still
being imported."""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

SLOW_IMPORTS = ("numpy", "sounddevice", "psutil")


class Preimport:
    def __init__(self, modules: tuple[str, ...] | None = None) -> None:
        self._modules = SLOW_IMPORTS if modules is None else modules
        self._thread = threading.Thread(target=self._run, name="preimport", daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def _run(self) -> None:
        for name in self._modules:
            try:
                importlib.import_module(name)
            except (ImportError, OSError) as exc:  # no PortAudio: the Speech panel says so when it is built
                log.info("%s could not be imported ahead: %s", name, exc)
