"""Composition root: environment and logging first, then every object built and wired in one place."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from collections.abc import Callable
from typing import Any

from desktop_app.core.environment import configure_environment
from desktop_app.core.i18n import arg, tr
from desktop_app.store.paths import AppPaths

log = logging.getLogger("desktop_app")


def configure_logging(paths: AppPaths, console_level: int = logging.WARNING) -> None:
    root = logging.getLogger()
    if getattr(root, "_desktop_app_configured", False):
        return
    root.setLevel(logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(console_level)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root.addHandler(console)
    try:
        log_dir = paths.data_dir / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            log_dir / "desktop-app.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError as exc:  # a read-only data folder: the app still starts, logging to the terminal only
        log.warning("no log file: %s", exc.strerror or exc)
    else:
        file_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
        root.addHandler(file_handler)
    root._desktop_app_configured = True  # type: ignore[attr-defined]


def default_runner_factory(paths: AppPaths) -> Callable[[], Any]:
    def build() -> Any:
        # Runs on the worker thread: torch and transformers are first imported there, never on the GUI path.
        from desktop_app.services.dispatch import Workbench
        from desktop_app.store.model_store import ModelStore

        return Workbench(ModelStore(paths.converted_models_dir), paths.embeddings_dir)

    return build


def models_process_runner(paths: AppPaths, language_choice: str) -> Any:
    """The runner of the window's models' process (workers/worker_process.py): the same Workbench, with the
    window's log file and language (its progress and messages are shown in the window)."""
    global _models_process_qt
    configure_environment()
    configure_logging(paths)
    from PySide6.QtCore import QCoreApplication

    from desktop_app.gui import language

    _models_process_qt = QCoreApplication.instance() or QCoreApplication([])  # Qt's translators need one
    language.install(language_choice)
    return default_runner_factory(paths)()


_models_process_qt: Any = None  # kept: the models' process's Qt application object


class Application:
    """Builds the window, the worker and the stores, and connects them. Tests and benchmarks use it too."""

    def __init__(
        self,
        paths: AppPaths,
        runner_factory: Callable[[], Any] | None = None,
        preload_models: bool | None = None,
        panels_later: bool = False,
        models_process: bool = False,
    ) -> None:
        """`panels_later`: the window gets a blank stand-in in each tab, and `build_panels_in_turn` (or anything
        that needs a panel) builds them after it has shown; otherwise every panel is built here.
        `models_process`: the models live in a process of their own (as `desktop-app` runs them), not in the
        worker thread (workers/worker_process.py)."""
        from PySide6.QtWidgets import QWidget

        from desktop_app.gui import accessibility, language
        from desktop_app.gui.history_recorder import HistoryRecorder
        from desktop_app.gui.main_window import MainWindow
        from desktop_app.gui.panel_builders import TAB_NAMES, PanelBuilder, PanelDeps
        from desktop_app.gui.precision_menu import PrecisionMenu
        from desktop_app.gui.runtime_menu import RuntimeMenu
        from desktop_app.gui.settings import AppSettings
        from desktop_app.gui.theme import ThemeSwitcher
        from desktop_app.gui.widgets.history_view import HistoryView
        from desktop_app.gui.widgets.model_picker import ModelPicker
        from desktop_app.store.conversations import Conversations
        from desktop_app.store.history import HistoryStore
        from desktop_app.store.model_store import ModelStore
        from desktop_app.store.settings_schema import MODEL_KEYS, Keys
        from desktop_app.workers.inference_worker import InferenceWorker

        self.paths = paths.ensure()
        self.settings = AppSettings(paths.settings_file)
        self.locale = language.install(self.settings.get(Keys.language))  # before any string is translated
        accessibility.install()
        self.themes = ThemeSwitcher()
        self.themes.apply(self.settings.get(Keys.theme))  # before any widget: icons are painted in its colours
        self.history = HistoryStore(paths.history_db)
        self.conversations = Conversations(self.history)
        # Said once, after the window shows: damage that was repaired, and folders the app cannot write to.
        self.startup_notices = [n.message() for n in (self.history.recovery,) if n is not None]
        self.startup_notices += paths.problems() or ([self.history.problem] if self.history.problem else [])
        self.store = ModelStore(paths.converted_models_dir, language=self.locale.name().split("_")[0])
        self.store.remove_leftovers()
        if runner_factory is None and models_process:
            from desktop_app.workers.worker_process import ProcessRunner

            builder = (models_process_runner, (paths, self.settings.get(Keys.language)))
            runner_factory = lambda: ProcessRunner(builder, reports_dir=paths.data_dir)  # noqa: E731
        self.worker = InferenceWorker(runner_factory or default_runner_factory(paths), reports_dir=paths.data_dir)
        self.recorder = HistoryRecorder(self.history)
        self.loaded_models: tuple[Any, ...] = ()
        self.last_crash_dialog: Any = None
        self.runtime_info: Any = None  # the device and threads the worker last reported (Help ▸ About)
        self.getting_started: Any = None  # kept between openings: its downloads go on while it is closed
        self.preload_models = (
            self.settings.get(Keys.preload_default_models) if preload_models is None else preload_models
        )

        self.pickers = {
            task: ModelPicker(self.settings, key, self.store.default_ref(task), task)
            for task, key in MODEL_KEYS.items()
        }
        self.builder = PanelBuilder(
            PanelDeps(
                self.worker,
                self.settings,
                self.pickers,
                self.conversations,
                self.store,
                paths.pasted_images_dir,
                paths.recordings_dir,
            )
        )
        self.panels: Any = None  # routes.Panels, once all six are built
        self.router: Any = None
        self.history_view = HistoryView(self.history)
        tabs = {name: QWidget() if panels_later else self.builder.build(field) for field, name in TAB_NAMES.items()}
        self.window = MainWindow(tabs, self.history_view, self.settings)
        self.runtime_menu = RuntimeMenu(self.window.models_menu, self.settings)
        self.precision_menu = PrecisionMenu(self.window.models_menu, self.settings)
        self._wire()
        if not panels_later:
            self._panels_built()

    def build_next_panel(self) -> bool:
        """Build one more panel (the visible tab's first) into its tab; False once all are built. The collector
        waits while it is built: a full collection over the window's objects (18 ms) would otherwise fall on one
        panel's turn (40 ms) now and then (core/collector.py)."""
        from desktop_app.core.collector import quiet_collector
        from desktop_app.gui.panel_builders import TAB_NAMES

        fields = list(TAB_NAMES)
        field = self.builder.next_field(fields[max(0, self.window.tabs.currentIndex())])
        if field is None:
            return False
        with quiet_collector(freeze=False):
            self.window.put_panel(TAB_NAMES[field], self.builder.build(field))
            if self.builder.done:
                self._panels_built()
        return True

    def build_panels_in_turn(self, then: Callable[[], None] | None = None) -> None:
        """One panel per turn of the event loop, so the shown window paints and answers between them; `then`
        once all are built. The visible panel comes first; the others wait for the slow imports they need,
        made meanwhile on a thread (gui/preimport.py)."""
        from PySide6.QtCore import QTimer

        from desktop_app.gui.preimport import Preimport

        preimport: Preimport | None = None  # made once the visible panel is built; it starts when that is painted

        def step() -> None:
            nonlocal preimport
            if preimport is not None and not preimport.done:
                QTimer.singleShot(10, step)
                return
            if self.build_next_panel():
                preimport = preimport or Preimport.after_paint(self.window.tabs.currentWidget() or self.window)
                QTimer.singleShot(0, step)
            elif then is not None:
                then()

        QTimer.singleShot(0, step)

    def finish_panels(self) -> Any:
        """Every panel, built now if some are still to come (for what needs one before its turn)."""
        while self.build_next_panel():
            pass
        return self.panels

    def _panels_built(self) -> None:
        from desktop_app.gui.routes import PanelRouter, Panels

        self.panels = Panels.of(self.builder.built)
        self.router = PanelRouter(self.window, self.panels)
        self._warn_if_default_model_missing()

    def _wire(self) -> None:
        from desktop_app.gui.models_wake import ModelsWake

        worker, status = self.worker, self.window.job_status
        worker.job_finished.connect(self.recorder.on_worker_job_finished)
        worker.job_cancelled.connect(self.recorder.on_worker_job_cancelled)
        self.recorder.entry_added.connect(self.history_view.refresh)
        worker.job_started.connect(status.on_worker_job_started)
        worker.job_progress.connect(status.on_worker_job_progress)
        worker.job_partial.connect(status.on_worker_job_partial)
        worker.job_failed.connect(status.on_worker_job_failed)
        worker.job_failed.connect(self._on_worker_job_failed)
        worker.job_finished.connect(status.on_worker_job_finished)
        worker.job_cancelled.connect(status.on_worker_job_cancelled)
        worker.job_finished.connect(self._on_worker_job_finished)
        worker.busy_changed.connect(status.on_worker_busy_changed)
        worker.models_changed.connect(status.on_worker_models_changed)
        worker.models_changed.connect(self._on_worker_models_changed)
        worker.models_unloaded.connect(status.on_worker_models_unloaded)
        self.models_wake = ModelsWake(worker, self.window)
        self.history_view.entry_opened.connect(self.open_entry)
        self.window.files_dropped.connect(self.open_files)
        self.runtime_menu.changed.connect(self.worker.submit)
        self.precision_menu.changed.connect(self.worker.submit)
        self.window.model_manager_requested.connect(self.open_model_manager)
        self.window.tuning_lab_requested.connect(self.open_tuning_lab)
        self.window.servers_requested.connect(self.open_servers)
        self.window.about_requested.connect(self.open_about)
        self.window.getting_started_requested.connect(self.open_getting_started)
        self.window.theme_chosen.connect(self.choose_theme)
        self.window.language_chosen.connect(self.choose_language)
        self.themes.changed.connect(self.window.on_theme_changed)
        for picker in self.pickers.values():
            picker.manage_requested.connect(self.open_model_manager)

    def start(self) -> None:
        self.show()
        self.start_worker()

    def show(self) -> None:
        self.window.show()
        if self.startup_notices:
            self.show_startup_notices()

    def start_after_panels(self) -> None:
        """Once the window and all its panels are up: what they are made of frozen (it lives as long as the app,
        so later collections need not walk it: core/collector.py), then the worker."""
        from desktop_app.core.collector import freeze_what_lives

        freeze_what_lives()
        self.start_worker()

    def start_worker(self) -> None:
        """The worker, its settings, and the models to load first (its thread imports torch straight away)."""
        self.worker.start()
        self.worker.submit(self.runtime_menu.request())  # device and threads from the settings, first
        for request in self.precision_menu.requests():
            self.worker.submit(request)
        if self.preload_models:
            self.preload()

    def show_startup_notices(self) -> Any:
        """One message, not modal: the window works while it is open."""
        from PySide6.QtWidgets import QMessageBox

        from desktop_app import APP_DISPLAY_NAME

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            APP_DISPLAY_NAME,
            "\n\n".join(self.startup_notices),
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setObjectName("startupNotices")
        box.open()
        return box

    def preload(self) -> int:
        """Load the chat's model in the background, so the first answer starts at once."""
        from desktop_app.core.model_requests import LoadModelRequest, WarmUpRequest
        from desktop_app.core.remote_models import is_remote
        from desktop_app.core.tasks import Task

        self.worker.submit(WarmUpRequest())
        jobs = [
            self.worker.submit(LoadModelRequest(for_task=task, model=ref))
            for task in (Task.GENERATE, Task.TRANSCRIBE)
            if not is_remote(ref := self.pickers[task].current_ref())  # a server's model is loaded there
        ]
        return jobs[0] if jobs else 0

    def shutdown(self) -> None:
        self.models_wake.stop()
        for panel in self.builder.built.values():
            panel.shutdown()  # type: ignore[attr-defined]  # options saved; a recording is closed properly, nothing is lost
        self.window.save_layout()
        if not self.worker.stop():
            log.warning("the inference worker did not stop in time")
        # Deliver the worker's last queued signals (busy, models changed, a result) while their receivers
        # are alive: delivered after the widgets are deleted, they call into freed objects.
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        self.worker.disconnect_all()  # nothing from the stopped worker reaches a widget after this
        self.history.close()

    def open_model_manager(self) -> Any:
        from PySide6.QtCore import Qt

        from desktop_app.gui.dialogs.model_manager import ModelManagerDialog
        from desktop_app.store.precision_choices import PrecisionChoices

        dialog = ModelManagerDialog(
            self.store,
            self.worker,
            self._refs_for_task,
            self._use_model,
            self.loaded_models,
            parent=self.window,
            set_language_pair=self.finish_panels().translate.set_language_pair,
            open_servers=self.open_servers,
            precision_choices=PrecisionChoices(self.paths.data_dir / "precision"),
            device=self.runtime_info.device if self.runtime_info is not None else "cpu",
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_tuning_lab(self) -> Any:
        """Data, augmentation and LoRA tuning of the generation model the Generate panel uses (not modal)."""
        from PySide6.QtCore import Qt

        from desktop_app.gui.dialogs.tuning.tuning_lab import TuningLabDialog

        lab = TuningLabDialog(
            self.worker,
            self.settings,
            self.paths.data_dir,
            lambda: self._chosen_model("generate"),
            self._use_model,
            parent=self.window,
        )
        lab.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lab.open()
        return lab

    def open_servers(self) -> Any:
        """OpenAI-compatible servers as model sources (not modal)."""
        from PySide6.QtCore import Qt

        from desktop_app.gui.dialogs.servers_dialog import ServersDialog
        from desktop_app.remote.keys import save_key

        dialog = ServersDialog(
            self.worker, self.settings, self._use_model, lambda address: save_key(address, ""), self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_getting_started(self) -> Any:
        """Which tasks are ready, and one click for the models of the others (not modal)."""
        from desktop_app.gui.dialogs.getting_started import GettingStartedDialog

        if self.getting_started is None:
            self.getting_started = GettingStartedDialog(
                self.store, self.worker, self.settings, self._chosen_model, self._use_model, self.window
            )
            self.getting_started.open_panel.connect(self.window.show_panel)
        self.getting_started.show()
        self.getting_started.raise_()
        self.getting_started.activateWindow()
        return self.getting_started

    def show_getting_started_at_start(self) -> None:
        """While some task has no model (and until the person unticks it): what is ready, what needs a model."""
        from desktop_app.gui.dialogs.getting_started import TASK_LINES
        from desktop_app.store.readiness import readiness
        from desktop_app.store.settings_schema import Keys

        if self.settings.get(Keys.show_getting_started) and not all(
            readiness(self.store, line.task, self._chosen_model(line.task)).ready for line in TASK_LINES
        ):
            self.open_getting_started()

    def _chosen_model(self, task: str) -> str:
        picker = self.pickers.get(task)
        return picker.current_ref() if picker is not None else self.store.default_ref(task)

    def choose_theme(self, choice: str) -> None:
        from desktop_app.store.settings_schema import Keys

        self.settings.set(Keys.theme, choice)
        self.themes.apply(choice)

    def choose_language(self, choice: str) -> None:
        """Kept for the next start: every text would have to be built again to change it now."""
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.store.settings_schema import Keys

        if choice == self.settings.get(Keys.language):
            return
        self.settings.set(Keys.language, choice)
        QMessageBox.information(self.window, tr("Language"), tr("The language changes when the app starts again."))

    def open_about(self) -> Any:
        from PySide6.QtCore import Qt

        from desktop_app.gui.dialogs.about_dialog import AboutDialog

        runtime = self.runtime_info.label() if self.runtime_info is not None else ""
        dialog = AboutDialog(self.paths, runtime, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _refs_for_task(self, task: str) -> list[str]:
        """The picker's models, and for generation what the tuning lab made (adapters, students)."""
        from desktop_app.store.adapters import made_models

        picker = self.pickers.get(task)
        refs = picker.refs() if picker is not None else []
        made = made_models(self.paths.data_dir) if task == "generate" else []
        return refs + [ref for ref in made if ref not in refs]

    def _use_model(self, task: str, ref: str) -> None:
        picker = self.pickers.get(task)
        if picker is not None:
            picker.select_ref(ref)

    def _on_worker_job_failed(self, event: Any) -> None:
        if event.error.kind == "internal":  # a bug, not a message: its report, and the window goes on
            self.show_crash(event.error)

    def show_crash(self, error: Any) -> Any:
        from PySide6.QtCore import Qt

        from desktop_app.gui.dialogs.crash_dialog import CrashDialog

        dialog = CrashDialog(error, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.last_crash_dialog = dialog
        return dialog

    def on_unexpected_exception(self, error: BaseException) -> None:
        """sys.excepthook for the GUI thread: an exception in a slot is reported, not fatal."""
        from desktop_app.core.errors import ErrorInfo
        from desktop_app.store.crash_reports import report_text, write_report

        path = write_report(self.paths.data_dir, error, {"where": "the window"})
        where = arg(tr("The details were saved in %1."), path) if path else tr("The details are in the log.")
        self.show_crash(
            ErrorInfo(
                "internal",
                arg(tr("Unexpected error: %1: %2"), type(error).__name__, error),
                hint=arg(tr("This is a bug in the app; nothing was sent anywhere. %1"), where),
                detail=report_text(error, {"where": "the window"}),
            )
        )

    def _on_worker_models_changed(self, event: Any) -> None:
        self.loaded_models = event.loaded

    def _on_worker_job_finished(self, event: Any) -> None:
        from desktop_app.core.results import RuntimeInfo

        if isinstance(event.result, RuntimeInfo):
            self.runtime_info = event.result
            self.window.job_status.show_runtime(event.result)
            self.runtime_menu.show_info(event.result)
            self.precision_menu.show_supported(event.result.precisions)

    def open_entry(self, entry: Any) -> None:
        self.finish_panels()
        self.router.open_entry(entry)

    def open_files(self, paths: list[str]) -> None:
        self.finish_panels()
        self.router.open_files(paths)

    def _warn_if_default_model_missing(self) -> None:
        from desktop_app.core.tasks import Task

        for task, panel in ((Task.GENERATE, self.panels.chat), (Task.TRANSCRIBE, self.panels.speech)):
            ref = self.pickers[task].current_ref()
            chosen = next((a for a in self.store.list_models(task, [ref]) if a.ref == ref), None)
            if chosen is not None and chosen.status == "missing":
                panel.banner.show_message(
                    arg(tr("%1 is not available offline. %2"), chosen.display_name, chosen.hint), "warning"
                )


def run_gui(argv: list[str], files: list[str] | None = None) -> int:
    """The window; `files` (from "Open with", or `desktop-app photo.jpg`) go where a drop would send them."""
    configure_environment()
    paths = AppPaths.from_environment().ensure()
    configure_logging(paths)
    from PySide6.QtWidgets import QApplication

    from desktop_app import APP_DISPLAY_NAME, APP_ID, APP_NAME

    qt_app = QApplication(argv)
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationDisplayName(APP_DISPLAY_NAME)
    qt_app.setDesktopFileName(APP_ID)  # the launcher entry and its icon, for the desktop's task bar
    app = Application(paths, panels_later=True, models_process=True)  # the window shows first; its panels follow
    qt_app.aboutToQuit.connect(app.shutdown)
    sys.excepthook = lambda kind, error, trace: app.on_unexpected_exception(error)
    from PySide6.QtCore import QTimer

    # In this order, each when the event loop gets to it: the window's first paint, the visible tab's panel,
    # the Getting started dialog over the window, the files, the other panels one by one, and then the worker
    # (its import of torch, holding the GIL in turns with them, would make each panel a longer freeze).
    app.show()
    _report(qt_app, "window-shown")
    app.build_panels_in_turn(then=app.start_after_panels)
    _report(qt_app, "panel-shown")
    QTimer.singleShot(0, app.show_getting_started_at_start)
    if files:
        QTimer.singleShot(0, lambda: app.open_files(files))
    quit_after_ms = int(os.environ.get("DESKTOP_APP_QUIT_AFTER_MS") or 0)
    if quit_after_ms > 0:  # for benchmarks and smoke tests
        QTimer.singleShot(quit_after_ms, qt_app.quit)
    return int(qt_app.exec())


def _report(qt_app: Any, moment: str) -> None:
    """Log (and, for benchmarks and smoke tests, print) `moment` when the event loop reaches it: the window up
    ("window-shown"), then the visible tab's panel in it ("panel-shown")."""
    import time

    from PySide6.QtCore import QTimer

    def reached() -> None:
        log.info("%s", moment.replace("-", " "))
        if os.environ.get("DESKTOP_APP_REPORT_SHOWN"):
            print(f"{moment} {time.time():.6f}", flush=True)

    QTimer.singleShot(0, reached)
