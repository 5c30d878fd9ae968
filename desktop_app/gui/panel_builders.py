"""The six panels, each built on its own: the window can show at once with a blank stand-in in each tab, and
the panels (and the modules only they import) follow, one per turn of the event loop, the visible one first.

Nothing here imports a panel's module before that panel is built.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from desktop_app.core.i18n import QT_TR_NOOP
from desktop_app.core.tasks import Task

# Each panel's field in `routes.Panels`, and its tab's name, in tab order.
TAB_NAMES: dict[str, str] = {
    "chat": QT_TR_NOOP("Chat"),
    "translate": QT_TR_NOOP("Translate"),
    "caption": QT_TR_NOOP("Caption"),
    "speech": QT_TR_NOOP("Speech"),
    "attention": QT_TR_NOOP("Attention"),
    "fusion": QT_TR_NOOP("Fusion"),
}


@dataclass(frozen=True)
class PanelDeps:
    """What the panels are built from (app.py makes these before any panel)."""

    worker: Any
    settings: Any
    pickers: dict[str, Any]
    conversations: Any
    store: Any
    pasted_images_dir: Path
    recordings_dir: Path


def _chat(deps: PanelDeps) -> QWidget:
    from desktop_app.gui.panels.chat.panel import ChatPanel

    return ChatPanel(deps.worker, deps.settings, deps.pickers[Task.GENERATE], deps.conversations)


def _translate(deps: PanelDeps) -> QWidget:
    from desktop_app.gui.panels.translate.panel import TranslatePanel

    return TranslatePanel(deps.worker, deps.settings, deps.pickers[Task.TRANSLATE], deps.store)


def _caption(deps: PanelDeps) -> QWidget:
    from desktop_app.gui.panels.caption.panel import CaptionPanel

    return CaptionPanel(deps.worker, deps.settings, deps.pickers[Task.CAPTION], deps.store, deps.pasted_images_dir)


def _speech(deps: PanelDeps) -> QWidget:
    from desktop_app.gui.panels.speech.panel import SpeechPanel

    return SpeechPanel(deps.worker, deps.settings, deps.pickers[Task.TRANSCRIBE], deps.recordings_dir)


def _attention(deps: PanelDeps) -> QWidget:
    from desktop_app.gui.panels.attention.panel import AttentionPanel

    return AttentionPanel(deps.worker)


def _fusion(deps: PanelDeps) -> QWidget:
    from desktop_app.gui.panels.fusion.panel import FusionPanel

    return FusionPanel(deps.worker, deps.pickers, deps.store)


BUILDERS: dict[str, Callable[[PanelDeps], QWidget]] = {
    "chat": _chat,
    "translate": _translate,
    "caption": _caption,
    "speech": _speech,
    "attention": _attention,
    "fusion": _fusion,
}


class PanelBuilder:
    """Builds the panels one at a time, in the order asked, and knows which are still to come."""

    def __init__(self, deps: PanelDeps) -> None:
        self.deps = deps
        self.built: dict[str, QWidget] = {}

    @property
    def done(self) -> bool:
        return len(self.built) == len(BUILDERS)

    def build(self, field: str) -> QWidget:
        if field not in self.built:
            self.built[field] = BUILDERS[field](self.deps)
        return self.built[field]

    def next_field(self, first: str) -> str | None:
        """`first` if it is still to build, else the next in tab order; None when all are built."""
        if first not in self.built:
            return first
        return next((field for field in BUILDERS if field not in self.built), None)
