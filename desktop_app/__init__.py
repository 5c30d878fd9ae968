"""A local, offline, multimodal AI workbench for the desktop."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "desktop-app"
APP_DISPLAY_NAME = "Desktop AI Workbench"
