"""The app's folders. Environment overrides let tests and portable installs keep everything in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop_app import APP_NAME


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
        for folder in (self.data_dir, self.cache_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self
