"""What the user sees when the app hits a bug: what happened in one sentence, where the report was saved, and
a button that copies the report (versions, the job's parameters, the traceback) for a bug report. The window
goes on working; nothing is sent anywhere."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop_app.core.errors import ErrorInfo
from desktop_app.core.i18n import tr


class CrashDialog(QMessageBox):
    def __init__(self, error: ErrorInfo, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, tr("Something went wrong"), error.message, parent=parent)
        self.setObjectName("crashDialog")
        self.setInformativeText(error.hint)
        self.setDetailedText(error.detail)
        self.details = error.detail
        self.copy_button = QPushButton(tr("&Copy details"))
        self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.disconnect()  # an action button would close the box; copying should not
        self.copy_button.clicked.connect(self.copy_details)
        self.addButton(QMessageBox.StandardButton.Close)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(tr("Copied"))
