"""Models ▸ Run on (CPU, or a CUDA GPU when there is one), Models ▸ CPU threads and Models ▸ Unload unused
models, kept in the settings and sent to the worker; the status bar shows what is in use."""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from desktop_app.core.i18n import QT_TR_NOOP, tr
from desktop_app.core.model_requests import DEVICES, RuntimeRequest
from desktop_app.core.results import RuntimeInfo
from desktop_app.gui.resources import set_icon
from desktop_app.gui.settings import AppSettings
from desktop_app.store.settings_schema import Keys

# After how long an unused model gives its memory back, as LM Studio's TTL (seconds; 0: never).
UNLOAD_CHOICES = {
    300: QT_TR_NOOP("After 5 minutes"),
    600: QT_TR_NOOP("After 10 minutes"),
    1800: QT_TR_NOOP("After 30 minutes"),
    3600: QT_TR_NOOP("After an hour"),
    0: QT_TR_NOOP("Never"),
}


class RuntimeMenu(QObject):
    changed = Signal(object)  # RuntimeRequest: what the user chose, for the worker

    def __init__(self, menu: QMenu, settings: AppSettings) -> None:
        super().__init__(menu)
        self.settings = settings
        self.device_actions: dict[str, QAction] = {}
        self.thread_actions: dict[int, QAction] = {}
        self.unload_actions: dict[int, QAction] = {}
        devices, threads = menu.addMenu(tr("Run on")), menu.addMenu(tr("CPU threads"))
        unload = menu.addMenu(tr("Unload unused models"))
        set_icon(devices, "cpu")
        device_group, thread_group, unload_group = QActionGroup(self), QActionGroup(self), QActionGroup(self)
        for key, label in DEVICES.items():
            action = devices.addAction(label)
            action.setCheckable(True)
            action.setEnabled(key == "cpu")  # CUDA once the worker has seen a GPU
            device_group.addAction(action)
            action.triggered.connect(lambda _checked=False, k=key: self._choose(Keys.runtime_device, k))
            self.device_actions[key] = action
        cores = os.cpu_count() or 1
        for count in (0, *(n for n in (1, 2, 4, 8, 16, 32) if n <= cores)):
            action = threads.addAction(tr("Automatic") if count == 0 else str(count))
            action.setCheckable(True)
            thread_group.addAction(action)
            action.triggered.connect(lambda _checked=False, n=count: self._choose(Keys.runtime_threads, n))
            self.thread_actions[count] = action
        for seconds, label in UNLOAD_CHOICES.items():
            action = unload.addAction(tr(label))
            action.setCheckable(True)
            unload_group.addAction(action)
            action.triggered.connect(lambda _checked=False, s=seconds: self._choose(Keys.runtime_unload_after_s, s))
            self.unload_actions[seconds] = action
        self._check()

    def request(self) -> RuntimeRequest:
        device = str(self.settings.get(Keys.runtime_device))
        return RuntimeRequest(
            device if device in DEVICES else "cpu",
            int(self.settings.get(Keys.runtime_threads)),
            int(self.settings.get(Keys.runtime_unload_after_s)),
        )

    def _choose(self, key: object, value: object) -> None:
        self.settings.set(key, value)  # type: ignore[arg-type]
        self._check()
        self.changed.emit(self.request())

    def _check(self) -> None:
        chosen = self.request()
        for key, action in self.device_actions.items():
            action.setChecked(key == chosen.device)
        for count, action in self.thread_actions.items():
            action.setChecked(count == chosen.threads)
        for seconds, action in self.unload_actions.items():
            action.setChecked(seconds == chosen.unload_after_s)

    def show_info(self, info: RuntimeInfo) -> None:
        self.device_actions["cuda"].setEnabled(info.cuda_available)
        if not info.cuda_available:
            self.device_actions["cuda"].setToolTip(tr("No CUDA GPU was found"))
