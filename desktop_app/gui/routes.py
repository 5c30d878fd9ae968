"""Where one panel's result goes next, in one place: Speech and Caption ▸ Translate, every Inspect ▸ to the
Attention panel, a history entry to the panel that made it, and files dropped on the window to the panel
that takes them. Each route shows the target panel, then hands it the payload."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from desktop_app.audio.decoding import AUDIO_SUFFIXES
from desktop_app.core.results import ImageCaption
from desktop_app.gui.job_panel import Panel
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.panel_builders import TAB_NAMES
from desktop_app.gui.panels.attention.panel import AttentionPanel
from desktop_app.gui.panels.caption.panel import CaptionPanel
from desktop_app.gui.panels.chat.panel import ChatPanel
from desktop_app.gui.panels.fusion.panel import FusionPanel
from desktop_app.gui.panels.speech.panel import SpeechPanel
from desktop_app.gui.panels.translate.panel import TranslatePanel
from desktop_app.store.history import HistoryEntry


@dataclass(frozen=True)
class Panels:
    """The six panels, in their tab order."""

    chat: ChatPanel
    translate: TranslatePanel
    caption: CaptionPanel
    speech: SpeechPanel
    attention: AttentionPanel
    fusion: FusionPanel

    @classmethod
    def of(cls, built: dict[str, QWidget]) -> Panels:
        """The panels a `PanelBuilder` built, under their fields' names."""
        return cls(**built)  # type: ignore[arg-type]  # each builder makes its field's class

    def tabs(self) -> dict[str, QWidget]:
        """Each panel under its tab's name."""
        return {name: getattr(self, field) for field, name in TAB_NAMES.items()}

    def __iter__(self) -> Iterator[Panel]:
        return iter((self.chat, self.translate, self.caption, self.speech, self.attention, self.fusion))


class PanelRouter:
    def __init__(self, window: MainWindow, panels: Panels) -> None:
        self.window, self.panels = window, panels
        attention, translate = panels.attention, panels.translate
        self._route(panels.speech.translate_requested, translate, translate.translate_transcript)
        self._route(panels.caption.translate_requested, translate, translate.translate_text)
        self._route(panels.caption.inspect_requested, attention, self._show_caption)
        self._route(panels.fusion.inspect_requested, attention, attention.show_caption)
        self._route(panels.translate.inspect_requested, attention, attention.show_translation)
        self._route(panels.fusion.explain_requested, attention, attention.explain_match)
        self._route(panels.chat.inspect_requested, attention, attention.inspect)
        self._route(panels.speech.inspect_requested, attention, attention.inspect)

    def _show_caption(self, item: ImageCaption) -> None:
        """A caption from the Caption panel, with the model that made it (so it can be explained too)."""
        result = self.panels.caption.result
        self.panels.attention.show_caption(item, result.model.ref if result is not None else "")

    def _route(self, signal: SignalInstance, target: QWidget, take: Callable[[Any], object]) -> None:
        def deliver(payload: object) -> None:
            self.show(target)
            take(payload)

        signal.connect(deliver)

    def show(self, panel: QWidget) -> None:
        self.window.tabs.setCurrentWidget(panel)

    def open_entry(self, entry: HistoryEntry) -> bool:
        """A history entry reopens in the panel whose `history_tasks` name its task."""
        for panel in self.panels:
            if entry.task in panel.history_tasks:
                assert isinstance(panel, QWidget)
                self.show(panel)
                panel.load_entry(entry)
                return True
        return False

    def open_files(self, paths: list[str]) -> None:
        """Files dropped outside a panel that takes them: audio to Speech; images and folders to Caption."""
        audio = [p for p in paths if Path(p).suffix.lower() in AUDIO_SUFFIXES]
        others = [p for p in paths if p not in audio]
        if audio:
            self.show(self.panels.speech)
            self.panels.speech.open_files(audio)
        if others:
            self.show(self.panels.caption)
            self.panels.caption.add_paths(others)
