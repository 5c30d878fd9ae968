"""Builds the real Application for tests, with a fake or real runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from desktop_app.app import Application
from desktop_app.store.paths import AppPaths


@contextmanager
def running_app(qtbot: Any, runner_factory: Callable[[], Any] | None = None,
                preload: bool = False) -> Iterator[Application]:
    app = Application(AppPaths.from_environment(), runner_factory=runner_factory, preload_models=preload)
    qtbot.addWidget(app.window)
    app.start()
    try:
        yield app
    finally:
        app.shutdown()
        assert app.worker._thread is None, "the worker thread was left running"
