"""Which model a panel uses: the task's default, its catalog, and the folders or hub ids the user added for
this task (each added model is remembered with its task, so it shows in that panel only)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QWidget

from desktop_app.core.i18n import arg, tr
from desktop_app.core.remote_models import parse as remote_model
from desktop_app.gui.resources import set_icon
from desktop_app.gui.settings import AppSettings
from desktop_app.store.catalog import catalog_entry, catalog_for_task
from desktop_app.store.settings_schema import Keys, Setting

MAX_RECENT = 10


def recent_entry(task: str, ref: str) -> str:
    """How a recently added model is stored: with its task, so that it appears in that panel only."""
    return f"{task}\t{ref}"


def split_recent_entry(entry: str) -> tuple[str, str]:
    task, _, ref = entry.rpartition("\t")
    return task, ref


class ModelPicker(QWidget):
    manage_requested = Signal()
    ref_changed = Signal(str)

    def __init__(
        self,
        settings: AppSettings,
        task_setting: Setting,
        default_ref: str,
        task: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.task = task
        self.settings = settings
        self.task_setting = task_setting
        self.default_ref = default_ref
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(24)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setToolTip(tr("The model this panel runs"))
        manage = QToolButton()
        manage.setText("…")  # shown only where icons are not
        set_icon(manage, "package")
        manage.setToolTip(tr("Model manager (Ctrl+M): add, download or remove models"))
        manage.setAccessibleName(tr("Model manager"))
        manage.clicked.connect(self.manage_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(manage)
        self.setFocusProxy(self.combo)  # a form row's label and Tab both reach the list
        self._populate()
        self.combo.currentIndexChanged.connect(self._on_combo_current_index_changed)

    def current_ref(self) -> str:
        return str(self.combo.currentData() or self.default_ref)

    def select_ref(self, ref: str) -> None:
        """Use `ref` from now on, adding it to the list (and the task's recent models) when new."""
        mine = recent_entry(self.task, ref)
        recent = [entry for entry in self.settings.get(Keys.recent_models) if entry != mine]
        if ref != self.default_ref:
            self.settings.set(Keys.recent_models, [mine, *recent][:MAX_RECENT])
        self.settings.set(self.task_setting, ref)
        self.combo.blockSignals(True)
        self._populate()
        self.combo.blockSignals(False)
        self.ref_changed.emit(ref)

    def refs(self) -> list[str]:
        return [str(self.combo.itemData(i)) for i in range(self.combo.count())]

    def _populate(self) -> None:
        chosen = self.settings.get(self.task_setting) or self.default_ref
        known = [model.key for model in catalog_for_task(self.task)]
        recent = [
            ref
            for task, ref in map(split_recent_entry, self.settings.get(Keys.recent_models))
            if task == self.task or not self.task
        ]
        refs = [self.default_ref, *known, *recent]
        if chosen not in refs:
            refs.append(chosen)
        self.combo.clear()
        for ref in dict.fromkeys(r for r in refs if r):
            entry, remote = catalog_entry(ref), remote_model(ref)
            label = entry.display_name if entry else remote.label if remote else ref
            if ref == self.default_ref:
                label = arg(tr("%1 (default)"), label)
            self.combo.addItem(label, ref)
            self.combo.setItemData(self.combo.count() - 1, ref, 3)  # 3 = ToolTipRole: the full reference
        index = self.combo.findData(chosen)
        self.combo.setCurrentIndex(max(index, 0))

    def _on_combo_current_index_changed(self, _index: int) -> None:
        ref = self.current_ref()
        self.settings.set(self.task_setting, ref)
        self.ref_changed.emit(ref)
