"""Help ▸ Keyboard shortcuts (F1): every key the app answers to, read from the menus (so a new menu shortcut
appears by itself) and from the panels' own keys declared below, in a table a screen reader can walk."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMenuBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.i18n import QT_TR_NOOP, tr

# The keys the panels and views answer to, beside the menus' (keys in Qt's portable form).
PANEL_KEYS = (
    ("Ctrl+Return", QT_TR_NOOP("Run the panel's job: send, translate, caption, transcribe, match…")),
    ("Esc", QT_TR_NOOP("Stop the running job (in a dialog, once stopped, close it)")),
    ("Ctrl+O", QT_TR_NOOP("Open images (Caption) or audio files (Speech)")),
    ("Ctrl+V", QT_TR_NOOP("Paste an image or image files (Caption)")),
    ("Del", QT_TR_NOOP("Remove the selected images (Caption), delete the selected entry (History)")),
    ("Ctrl+R", QT_TR_NOOP("Start or stop recording (Speech)")),
    ("Space", QT_TR_NOOP("Play the selected segment (Speech)")),
    ("Ctrl+Shift+S", QT_TR_NOOP("Swap the languages and the texts (Translate)")),
    ("Ctrl+N", QT_TR_NOOP("A new conversation (Chat)")),
    ("F2", QT_TR_NOOP("Rename the selected conversation (Chat), edit a caption (Caption)")),
    ("Tab", QT_TR_NOOP("The next control; text boxes pass it on (Shift+Tab: the one before)")),
    (
        QT_TR_NOOP("Arrow keys"),
        QT_TR_NOOP("Move over the cells of a heatmap, the heads, a word's time, a file's segments"),
    ),
    ("Return", QT_TR_NOOP("Open the head under the cursor; pick the segment under the cursor")),
    ("Alt", QT_TR_NOOP("With a letter underlined in a button or menu: press it")),
)


def menu_shortcuts(menu_bar: QMenuBar) -> list[tuple[str, str]]:
    """(keys, what) for every menu entry with a shortcut, in the menus' order."""
    found: list[tuple[str, str]] = []

    def walk(actions: list[QAction]) -> None:
        for action in actions:
            menu = action.menu()
            if isinstance(menu, QMenu):
                walk(menu.actions())
            elif not action.shortcut().isEmpty():
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append((keys, action.text().replace("&", "")))

    walk(menu_bar.actions())
    return found


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.resize(620, 520)
        panel_rows = [
            (QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) or tr(keys), tr(what))
            for keys, what in PANEL_KEYS
        ]
        self.rows = menu_shortcuts(menu_bar) + panel_rows
        self.table = QTableWidget(len(self.rows), 2)
        self.table.setAccessibleName(tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([tr("Keys"), tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, (keys, what) in enumerate(self.rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
