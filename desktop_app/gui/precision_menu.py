"""Models ▸ Precision ▸ a task: the number format its runs use. "Automatic" is the quality gate's choice for
the model (the model manager measures it); a fixed choice holds for every model of the task. A task lists the
fast runners (CTranslate2) only where it has one: speech, translation and chat. Once the worker has said what
the device runs, the others are greyed out with the reason (float16 on a CUDA GPU only, bfloat16 where the
processor has its instructions). Kept in the settings and sent to the worker; the status bar shows the precision
each loaded model runs in."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from desktop_app.core.i18n import tr
from desktop_app.core.precision_requests import AUTO, FAST_RUNNERS, GATED_TASKS, PRECISIONS, PrecisionRequest
from desktop_app.core.tasks import job_words
from desktop_app.gui.settings import AppSettings
from desktop_app.store.settings_schema import PRECISION_KEYS

FAST_RUNNER_NAMES = {name for runners in FAST_RUNNERS.values() for name in runners}


class PrecisionMenu(QObject):
    changed = Signal(object)  # PrecisionRequest: what the user chose, for the worker

    def __init__(self, menu: QMenu, settings: AppSettings) -> None:
        super().__init__(menu)
        self.settings = settings
        self.actions: dict[tuple[str, str], QAction] = {}
        precision = menu.addMenu(tr("Precision"))
        for task in GATED_TASKS:
            submenu = precision.addMenu(job_words(task))
            submenu.setToolTipsVisible(True)  # why a precision is greyed out
            group = QActionGroup(self)
            for name, label in PRECISIONS.items():
                if name in FAST_RUNNER_NAMES and name not in FAST_RUNNERS.get(task, {}):
                    continue  # another engine's runner: this task has none on it
                action = submenu.addAction(tr(label))
                action.setCheckable(True)
                group.addAction(action)
                action.triggered.connect(lambda _checked=False, t=task, n=name: self._choose(t, n))
                self.actions[(task, name)] = action
        self._check()

    def show_supported(self, supported: Mapping[str, tuple[str, ...]]) -> None:
        """Greys out, per task, what the device does not run (RuntimeInfo.precisions), and says why; Automatic
        always runs. A greyed-out choice kept from another device stays checked: the worker says it falls back."""
        for (task, name), action in self.actions.items():
            runs = name == AUTO or task not in supported or name in supported[task]
            action.setEnabled(runs)
            action.setToolTip("" if runs else _why_not(name))

    def requests(self) -> list[PrecisionRequest]:
        """Every task's choice, for the worker at start."""
        return [PrecisionRequest(task, str(self.settings.get(PRECISION_KEYS[task]))) for task in GATED_TASKS]

    def _choose(self, task: str, precision: str) -> None:
        self.settings.set(PRECISION_KEYS[task], precision)
        self._check()
        self.changed.emit(PrecisionRequest(task, precision))

    def _check(self) -> None:
        for (task, name), action in self.actions.items():
            action.setChecked(self.settings.get(PRECISION_KEYS[task]) == name)


def _why_not(precision: str) -> str:
    if precision == "float16":
        return tr("Runs on a CUDA GPU only")
    if precision == "bfloat16":
        return tr("This processor has no bfloat16 instructions")
    return tr("Runs on the CPU only")
