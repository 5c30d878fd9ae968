"""The app's folders. Environment overrides let tests and portable installs keep everything in one place."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop_app import APP_NAME

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path  # history database, recordings
    cache_dir: Path  # converted models, embedding caches: safe to delete, rebuilt on demand
    config_dir: Path  # settings

    @staticmethod
    def from_environment() -> AppPaths:
        home = os.environ.get("DESKTOP_APP_HOME")
        if home:
            root = Path(home)
            return AppPaths(root / "data", root / "cache", root / "config")
        return AppPaths(
            Path(os.environ.get("DESKTOP_APP_DATA_DIR") or platformdirs.user_data_dir(APP_NAME)),
            Path(os.environ.get("DESKTOP_APP_CACHE_DIR") or platformdirs.user_cache_dir(APP_NAME)),
            Path(os.environ.get("DESKTOP_APP_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME)),
        )

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def recordings_dir(self) -> Path:
        return self.data_dir / "recordings"

    @property
    def pasted_images_dir(self) -> Path:
        return self.data_dir / "pasted-images"

    @property
    def converted_models_dir(self) -> Path:
        return self.cache_dir / "models"

    @property
    def embeddings_dir(self) -> Path:
        """Image embeddings per model, for folder search."""
        return self.cache_dir / "embeddings"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.ini"

    def ensure(self) -> AppPaths:
        """Create the folders that can be created. One that cannot (a read-only or missing home) is left to the
        part that needs it, which says so and carries on: the app starts either way."""
        from desktop_app.store.history_recovery import make_private_folder

        for folder in (self.data_dir, self.cache_dir, self.config_dir):
            try:
                make_private_folder(folder)
            except OSError as exc:
                log.warning("cannot create %s: %s", folder, exc.strerror or exc)
        return self

    def problems(self) -> list[str]:
        """A sentence for each folder the app cannot write to, and what that turns off."""
        effects = {
            self.data_dir: "the history and recordings are off",
            self.cache_dir: "models cannot be converted or downloaded",
            self.config_dir: "settings will not be remembered",
        }
        return [
            f"{folder} cannot be written to: {effect}."
            for folder, effect in effects.items()
            if not (folder.is_dir() and os.access(folder, os.W_OK | os.X_OK))
        ]
