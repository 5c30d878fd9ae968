"""Help ▸ About: what this is, its version, and what a bug report needs: the versions of Python, Qt, torch
and transformers, the device the models run on, and where the app keeps its data, cache and settings."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app import APP_DISPLAY_NAME, __version__
from desktop_app.core.i18n import arg, tr
from desktop_app.gui.resources import app_icon
from desktop_app.store.paths import AppPaths


def installed_version(package: str) -> str:
    """A package's version from its metadata: torch and transformers are never imported on the GUI thread."""
    try:
        return version(package)
    except PackageNotFoundError:
        return tr("not installed")


def about_rows(paths: AppPaths, device: str) -> list[tuple[str, str]]:
    return [
        (tr("Version"), __version__),
        ("Python", platform.python_version()),
        ("Qt", f"{qVersion()} (PySide6 {pyside_version})"),
        ("torch", installed_version("torch")),
        ("transformers", installed_version("transformers")),
        (tr("Runs on"), device or tr("not known yet")),
        (tr("Data"), str(paths.data_dir)),
        (tr("Cache"), str(paths.cache_dir)),
        (tr("Settings"), str(paths.config_dir)),
    ]


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, device: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(arg(tr("About %1"), APP_DISPLAY_NAME))
        self.setMinimumWidth(460)
        self.rows = about_rows(paths, device)
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(
            arg(
                tr(
                    "<b>%1</b> %2<br>A local, offline, multimodal AI workbench. Nothing you type, record or "
                    "drop here leaves this computer."
                ),
                APP_DISPLAY_NAME,
                __version__,
            )
        )
        title.setWordWrap(True)
        form = QFormLayout()
        for name, value in self.rows:
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(name, shown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(tr("&Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.setToolTip(tr("Copy these lines, for a bug report"))
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(logo)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def details(self) -> str:
        return "\n".join([APP_DISPLAY_NAME, *(f"{name}: {value}" for name, value in self.rows)])

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details())
