"""A local, offline, multimodal AI workbench for the desktop."""

from __future__ import annotations

APP_NAME = "desktop-app"
APP_DISPLAY_NAME = "Desktop AI Workbench"
APP_ID = "io.github.desktop_app.Workbench"  # reverse-DNS: the launcher entry, the icon and the AppStream id
# Set in the environment of a child this program starts to do one piece of work apart (core/child_process.py):
# the socket to its parent. Declared here because the entry point reads it on every start.
CHILD_ENV = "DESKTOP_APP_CHILD_FD"
# Set in the environment of the window's models' process (workers/worker_process.py): the socket to the window.
WORKER_ENV = "DESKTOP_APP_WORKER_FD"


def __getattr__(name: str) -> str:
    """`__version__`, pyproject.toml's, read from the installed package's metadata (the bundle carries it too)
    when first asked for: importlib.metadata is not worth its import on the window's way up."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version(APP_NAME)
    except PackageNotFoundError:  # a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
