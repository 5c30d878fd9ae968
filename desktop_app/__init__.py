"""A local, offline, multimodal AI workbench for the desktop."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "desktop-app"
APP_DISPLAY_NAME = "Desktop AI Workbench"
APP_ID = "io.github.desktop_app.Workbench"  # reverse-DNS: the launcher entry, the icon and the AppStream id

try:  # one version, pyproject.toml's, read from the installed package's metadata (the bundle carries it too)
    __version__ = version(APP_NAME)
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
