"""The typed settings schema stored through QSettings, in an INI file the app chooses (tests use a temp one)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from desktop_app.store.settings_schema import SETTINGS_VERSION, Keys, Setting

log = logging.getLogger(__name__)


class AppSettings:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self._migrate()

    def get(self, setting: Setting) -> Any:
        raw = self._qsettings.value(setting.key)
        if isinstance(raw, QByteArray):
            raw = bytes(raw.data())
        value, ok = setting.read(raw)
        if not ok:
            log.warning("setting %s had an unreadable value %r; using the default", setting.key, raw)
        return value

    def set(self, setting: Setting, value: Any) -> None:
        if setting.type is bytes:
            self._qsettings.setValue(setting.key, QByteArray(bytes(value)))
        elif setting.type is list:
            import json

            self._qsettings.setValue(setting.key, json.dumps(list(value)))
        else:
            self._qsettings.setValue(setting.key, value)

    def sync(self) -> None:
        self._qsettings.sync()

    @property
    def file_name(self) -> str:
        return str(self._qsettings.fileName())

    def _migrate(self) -> None:
        stored = self.get(Keys.version)
        if stored != SETTINGS_VERSION:
            # Version 1 is the first schema: nothing to convert yet, just stamp it.
            self.set(Keys.version, SETTINGS_VERSION)
