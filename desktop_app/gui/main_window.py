"""The main window: panels in tabs, the history dock, menus and the status bar. Wiring lives in app.py."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QTabWidget, QWidget

from desktop_app import APP_DISPLAY_NAME
from desktop_app.core.i18n import tr
from desktop_app.gui import language, theme
from desktop_app.gui.accessibility import link_labels
from desktop_app.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from desktop_app.gui.drops import DropRouter
from desktop_app.gui.job_panel import JobPanel
from desktop_app.gui.resources import app_icon, icon, refresh_icons, set_icon
from desktop_app.gui.settings import AppSettings
from desktop_app.gui.widgets.history_view import HistoryView
from desktop_app.gui.widgets.job_status import JobStatus
from desktop_app.store.settings_schema import Keys

HISTORY_WIDTH = 260  # px, the history dock on first start
DEFAULT_SIZE = (1200, 780)  # the window on first start, where the screen has room
NARROW = 1100  # px: a narrower window folds the history away
TAB_ICONS = {
    "Chat": "message-square-text",
    "Translate": "languages",
    "Caption": "image",
    "Speech": "mic",
    "Attention": "scan-eye",
    "Fusion": "blend",
}


class MainWindow(QMainWindow):
    model_manager_requested = Signal()
    tuning_lab_requested = Signal()
    servers_requested = Signal()
    about_requested = Signal()  # app.py opens Help ▸ About with the folders and the device it knows
    getting_started_requested = Signal()  # Help ▸ Getting started: which tasks are ready
    theme_chosen = Signal(str)  # View ▸ Theme: "system", "light" or "dark"
    language_chosen = Signal(str)  # Settings ▸ Language: "system", "en" or "zh_CN"
    files_dropped = Signal(list)  # local paths dropped outside a panel that takes them; app.py routes them

    def __init__(
        self,
        panels: dict[str, QWidget],
        history_view: HistoryView,
        settings: AppSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.setWindowIcon(app_icon())
        self.settings = settings
        self.dock_folded = False  # the history was folded away because the window got narrow
        self.panels = panels

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for index, (name, panel) in enumerate(panels.items()):
            self.tabs.addTab(panel, icon(TAB_ICONS[name]), tr(name))
            self.tabs.setTabToolTip(index, f"{tr(name)} (Ctrl+{index + 1})")
        # The panels scroll when the window is smaller than they would like (a small screen, a large scale
        # factor): the window never grows past the screen to fit them.
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidget(self.tabs)
        self.setCentralWidget(self.scroller)

        self.history_dock = QDockWidget(tr("History"), self)
        self.history_dock.setObjectName("HistoryDock")
        self.history_dock.setWidget(history_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_view = history_view

        self.job_status = JobStatus()
        self.statusBar().addPermanentWidget(self.job_status, 1)
        self._build_menus()
        self.drops = DropRouter(self, self.tabs, self.files_dropped.emit)  # files land where they belong
        self._adopt(self)
        self.restore_layout()

    def _adopt(self, root: QWidget) -> None:
        """What the panels under `root` need from the window once built: their keys and labels' buddies."""
        link_labels(root)
        for widget in [root, *root.findChildren(QWidget)]:
            if isinstance(widget, JobPanel):
                widget.bind_run_keys()

    def put_panel(self, name: str, panel: QWidget) -> None:
        """A panel built after the window was shown takes its stand-in's place in the same tab."""
        index = self.tabs.indexOf(self.panels[name])
        current = self.tabs.currentIndex()
        stand_in = self.panels[name]
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, icon(TAB_ICONS[name]), tr(name))
        self.tabs.setTabToolTip(index, f"{tr(name)} (Ctrl+{index + 1})")
        self.tabs.setCurrentIndex(current)
        stand_in.deleteLater()
        self.panels[name] = panel
        self._adopt(panel)
        self.drops.watch(panel)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(tr("&File"))
        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        models_menu = self.menuBar().addMenu(tr("&Models"))
        manager_action = QAction(tr("Model &manager…"), self)
        set_icon(manager_action, "package")
        manager_action.setShortcut(QKeySequence("Ctrl+M"))
        manager_action.triggered.connect(self.model_manager_requested)
        models_menu.addAction(manager_action)
        tuning_action = QAction(tr("&Tuning lab…"), self)
        set_icon(tuning_action, "list-checks")
        tuning_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
        tuning_action.triggered.connect(self.tuning_lab_requested)
        models_menu.addAction(tuning_action)
        servers_action = QAction(tr("&Servers…"), self)
        set_icon(servers_action, "server")
        servers_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        servers_action.triggered.connect(self.servers_requested)
        models_menu.addAction(servers_action)
        self.models_menu = models_menu  # app.py adds the device and thread choices (gui/runtime_menu.py)

        view_menu = self.menuBar().addMenu(tr("&View"))
        history_action = self.history_dock.toggleViewAction()
        set_icon(history_action, "history")
        history_action.setShortcut(QKeySequence("Ctrl+H"))
        view_menu.addAction(history_action)
        view_menu.addSeparator()
        for index, name in enumerate(self.panels):
            action = QAction(tr(name), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            view_menu.addAction(action)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu(tr("&Theme"))
        self.theme_actions = QActionGroup(self)
        for key, words in theme.CHOICES.items():
            choice = QAction(tr(words), self.theme_actions)
            choice.setCheckable(True)
            choice.setData(key)
            choice.setChecked(key == self.settings.get(Keys.theme))
            choice.triggered.connect(lambda _checked=False, k=key: self.theme_chosen.emit(k))
            theme_menu.addAction(choice)

        settings_menu = self.menuBar().addMenu(tr("&Settings"))
        language_menu = settings_menu.addMenu(tr("&Language"))
        set_icon(language_menu.menuAction(), "languages")
        self.language_actions = QActionGroup(self)
        for key, words in language.CHOICES.items():
            choice = QAction(tr(words), self.language_actions)
            choice.setCheckable(True)
            choice.setChecked(key == self.settings.get(Keys.language))
            choice.triggered.connect(lambda _checked=False, k=key: self.language_chosen.emit(k))
            language_menu.addAction(choice)

        help_menu = self.menuBar().addMenu(tr("&Help"))
        started_action = QAction(tr("&Getting started…"), self)
        set_icon(started_action, "list-checks")
        started_action.triggered.connect(self.getting_started_requested)
        help_menu.addAction(started_action)
        keys_action = QAction(tr("&Keyboard shortcuts"), self)
        set_icon(keys_action, "keyboard")
        keys_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        keys_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys_action)
        about_action = QAction(tr("&About"), self)
        set_icon(about_action, "info")
        about_action.triggered.connect(self.about_requested)
        help_menu.addAction(about_action)

    def show_shortcuts(self) -> QWidget:
        dialog = ShortcutsDialog(self.menuBar(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def on_theme_changed(self, _theme: object) -> None:
        """Icons painted again in the new colours (the palette reaches everything else by itself)."""
        for index, name in enumerate(self.panels):
            self.tabs.setTabIcon(index, icon(TAB_ICONS[name]))
        refresh_icons(self)
        self.history_view.refresh()  # its entries' icons
        for action in self.theme_actions.actions():
            action.setChecked(action.data() == self.settings.get(Keys.theme))

    def show_panel(self, name: str) -> QWidget:
        panel = self.panels[name]
        self.tabs.setCurrentWidget(panel)
        return panel

    def restore_layout(self) -> None:
        geometry = self.settings.get(Keys.window_geometry)
        if geometry:
            self.restoreGeometry(QByteArray(geometry))
        self.fit_screen(first_start=not geometry)
        state = self.settings.get(Keys.window_state)
        if state:
            self.restoreState(QByteArray(state))
        else:  # first start: room for the history's entries and buttons, whatever the panels ask for
            self.resizeDocks([self.history_dock], [HISTORY_WIDTH], Qt.Orientation.Horizontal)
        self.tabs.setCurrentIndex(min(self.settings.get(Keys.current_panel), self.tabs.count() - 1))

    def fit_screen(self, first_start: bool) -> None:
        """On the screen whole: 1200 x 780 at first (or the screen, when smaller), and never larger than it."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is None:
            return
        width, height = DEFAULT_SIZE if first_start else (self.width(), self.height())
        width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(width, height)
        if first_start or not screen.contains(self.frameGeometry()):
            self.move(screen.x() + (screen.width() - width) // 2, screen.y() + (screen.height() - height) // 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Below NARROW pixels the history folds away (View ▸ History brings it back); wider, it returns."""
        super().resizeEvent(event)
        if self.width() < NARROW and self.history_dock.isVisible():
            self.history_dock.hide()
            self.dock_folded = True
        elif self.width() >= NARROW and self.dock_folded:
            self.history_dock.show()
            self.dock_folded = False

    def save_layout(self) -> None:
        self.settings.set(Keys.window_geometry, bytes(self.saveGeometry().data()))
        self.settings.set(Keys.window_state, bytes(self.saveState().data()))
        self.settings.set(Keys.current_panel, self.tabs.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        super().closeEvent(event)
