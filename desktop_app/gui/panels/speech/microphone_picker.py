"""Choose the input device; ⟳ restarts PortAudio so that a microphone plugged in later shows up."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QToolButton, QWidget

from desktop_app.audio.recorder import InputDevice, list_input_devices
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.gui.resources import set_icon

NO_DEVICE = QT_TR_NOOP("No input device found")


class MicrophonePicker(QWidget):
    devices_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setToolTip(tr("Microphone"))
        self.refresh_button = QToolButton()
        self.refresh_button.setText("⟳")  # shown only where icons are not
        set_icon(self.refresh_button, "refresh-cw")
        self.refresh_button.setToolTip(tr("Look for microphones again"))
        self.refresh_button.setAccessibleName(tr("Look for microphones again"))
        self.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.refresh_button)
        self.setFocusProxy(self.combo)  # a form row's label and Tab both reach the list

    def refresh(self, wanted: str = "", rescan: bool = False) -> None:
        """List the devices again, keeping `wanted` (a device name) or else the system default selected.
        `rescan` restarts PortAudio, which must not happen while it records."""
        selected = self.current()
        wanted = wanted or (selected.name if selected else "")
        self.combo.clear()
        devices = list_input_devices(rescan=rescan)
        for device in devices:
            self.combo.addItem(arg(tr("%1 (default)"), device.name) if device.is_default else device.name, device)
        if not devices:
            self.combo.addItem(tr(NO_DEVICE), None)
        index = next((i for i, d in enumerate(devices) if d.name == wanted), None)
        if index is None:
            index = next((i for i, d in enumerate(devices) if d.is_default), 0)
        self.combo.setCurrentIndex(index)
        self.devices_changed.emit()

    def _on_refresh_button_clicked(self) -> None:
        self.refresh(rescan=True)

    def current(self) -> InputDevice | None:
        data = self.combo.currentData()
        return data if isinstance(data, InputDevice) else None
