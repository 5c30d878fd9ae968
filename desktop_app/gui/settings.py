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
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only home: settings live in memory for this run (the app says so)
            log.warning("settings will not be saved: %s", exc.strerror or exc)
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
        if stored < 2:
            self.set(Keys.recent_models, upgrade_recent_models(self.get(Keys.recent_models)))
        if stored != SETTINGS_VERSION:
            self.set(Keys.version, SETTINGS_VERSION)


def upgrade_recent_models(entries: list[str]) -> list[str]:
    """Version 1 kept added models without their task (so they showed in every panel): give each the task
    its catalog entry or its config names; one whose config does not say is dropped from the recent list."""
    from pathlib import Path

    from desktop_app.store.catalog import catalog_entry
    from desktop_app.store.model_kind import kind_of_folder

    upgraded = []
    for ref in entries:
        if "\t" in ref:
            upgraded.append(ref)
            continue
        entry = catalog_entry(ref)
        task = entry.task if entry else kind_of_folder(Path(ref).expanduser()).task if Path(ref).is_dir() else ""
        if task:
            upgraded.append(f"{task}\t{ref}")
    return upgraded
