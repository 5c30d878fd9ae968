"""Light and dark themes, and following the system's: one palette for Qt's Fusion style, plus the tokens the
app's own drawing uses (banners, highlights, error text, the level meter), so that every colour on screen
comes from the theme in use. View ▸ Theme switches it; the choice is kept in the settings."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.core.i18n import QT_TR_NOOP
from desktop_app.gui.focus_style import FocusRingStyle

CHOICES = {"system": QT_TR_NOOP("Follow the system"), "light": QT_TR_NOOP("Light"), "dark": QT_TR_NOOP("Dark")}


@dataclass(frozen=True)
class Banner:
    background: str
    text: str
    border: str


@dataclass(frozen=True)
class Theme:
    name: str
    dark: bool
    window: str
    window_text: str
    base: str
    alternate_base: str
    text: str
    button: str
    highlight: str
    highlighted_text: str
    link: str
    mid: str
    placeholder: str
    disabled_text: str
    banners: dict[str, Banner]  # by level: info, warning, error
    error_text: str  # a failed row, a refusal
    accent: str  # outlines over pictures: the chosen head, the play position
    best: str  # the best match's cell
    best_text: str
    meter: tuple[str, str, str]  # the level meter: fine, loud, clipping

    def stylesheet(self) -> str:
        """The few looks the palette cannot say: drop zones (lit while a drag is over them), empty states, the
        chat's messages and notes."""
        return f"""
            QLabel#dropZone {{ border: 2px dashed {self.mid}; border-radius: 8px; color: {self.placeholder};
                               padding: 12px; }}
            *[dragOver="true"] {{ border: 2px solid {self.highlight}; background: {self.alternate_base}; }}
            QLabel#emptyState, QLabel#contextRule {{ color: {self.placeholder}; padding: 8px; }}
            QLabel#editingNote {{ color: {self.link}; }}
            QFrame#userMessage {{ background: {self.alternate_base}; border-radius: 6px; }}
            QFrame#assistantMessage {{ background: {self.base}; border-radius: 6px; }}
            QLabel#messageDetails {{ color: {self.placeholder}; }}
        """

    def palette(self) -> QPalette:
        palette = QPalette()
        roles = {
            QPalette.ColorRole.Window: self.window,
            QPalette.ColorRole.WindowText: self.window_text,
            QPalette.ColorRole.Base: self.base,
            QPalette.ColorRole.AlternateBase: self.alternate_base,
            QPalette.ColorRole.Text: self.text,
            QPalette.ColorRole.Button: self.button,
            QPalette.ColorRole.ButtonText: self.window_text,
            QPalette.ColorRole.ToolTipBase: self.base,
            QPalette.ColorRole.ToolTipText: self.text,
            QPalette.ColorRole.Highlight: self.highlight,
            QPalette.ColorRole.HighlightedText: self.highlighted_text,
            QPalette.ColorRole.Link: self.link,
            QPalette.ColorRole.LinkVisited: self.link,
            QPalette.ColorRole.Mid: self.mid,
            QPalette.ColorRole.PlaceholderText: self.placeholder,
            QPalette.ColorRole.BrightText: self.error_text,
        }
        for role, colour in roles.items():
            palette.setColor(role, QColor(colour))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(self.disabled_text))
        return palette


LIGHT = Theme(
    name="light",
    dark=False,
    window="#efefef",
    window_text="#1b1b1b",
    base="#ffffff",
    alternate_base="#f3f4f6",
    text="#1b1b1b",
    button="#e6e6e6",
    highlight="#2f6fdb",
    highlighted_text="#ffffff",
    link="#1a56c4",
    mid="#b8b8b8",
    placeholder="#6b6b6b",
    disabled_text="#8a8a8a",
    banners={
        "info": Banner("#e6f0fb", "#123d6b", "#a9c7ea"),
        "warning": Banner("#fff4d6", "#5c3f00", "#e8cf85"),
        "error": Banner("#fde8e8", "#7a1212", "#e6a3a3"),
    },
    error_text="#b3261e",
    accent="#e66a00",
    best="#ffd666",
    best_text="#1b1b1b",
    meter=("#2e9e5f", "#d49a00", "#d9534f"),
)

DARK = Theme(
    name="dark",
    dark=True,
    window="#23262b",
    window_text="#e8e8e8",
    base="#1a1c20",
    alternate_base="#2a2d33",
    text="#e8e8e8",
    button="#30343a",
    highlight="#3570d0",
    highlighted_text="#ffffff",
    link="#8ab4ff",
    mid="#4a4f57",
    placeholder="#9aa0a6",
    disabled_text="#7a7f86",
    banners={
        "info": Banner("#14304f", "#d6e6fa", "#2f5a8a"),
        "warning": Banner("#3d3010", "#fbe7b0", "#7a6224"),
        "error": Banner("#4a1a1a", "#fbd4d4", "#8a3a3a"),
    },
    error_text="#ff8a80",
    accent="#ff9f43",
    best="#7a5c00",
    best_text="#fff5d6",
    meter=("#4cc38a", "#f0b429", "#ff6b6b"),
)

THEMES = {"light": LIGHT, "dark": DARK}


class ThemeChanges(QObject):
    """Where a widget that draws its own colours hears that the theme changed (one for the application)."""

    changed = Signal(object)  # Theme


_CHANGES: list[ThemeChanges] = []


def changes() -> ThemeChanges:
    if not _CHANGES:
        _CHANGES.append(ThemeChanges())
    return _CHANGES[0]


class ThemeSwitcher(QObject):
    """The theme in use. `apply` sets Fusion with the theme's palette on the application; with "system" it
    follows the desktop's light or dark setting, now and when it changes."""

    changed = Signal(object)  # Theme

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choice = "system"
        self.theme = LIGHT
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._on_system_changed)

    def apply(self, choice: str) -> Theme:
        self.choice = choice if choice in CHOICES else "system"
        wanted = self.choice if self.choice != "system" else ("dark" if system_prefers_dark() else "light")
        self.theme = THEMES[wanted]
        app = QApplication.instance()
        if isinstance(app, QApplication):
            if not isinstance(app.style(), FocusRingStyle):
                app.setStyle(FocusRingStyle())  # Fusion (everything from the palette), with a visible focus ring
            app.setPalette(self.theme.palette())
            app.setStyleSheet(self.theme.stylesheet())
        _CURRENT[0] = self.theme
        self.changed.emit(self.theme)
        changes().changed.emit(self.theme)
        return self.theme

    def _on_system_changed(self, _scheme: object) -> None:
        if self.choice == "system":
            self.apply("system")


_CURRENT = [LIGHT]


def current() -> Theme:
    """The theme in use (widgets read it when they paint)."""
    return _CURRENT[0]


def system_prefers_dark() -> bool:
    return bool(QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark)


def contrast(foreground: str | QColor, background: str | QColor) -> float:
    """WCAG 2 contrast ratio of two colours (4.5 is the floor for body text)."""

    def luminance(colour: str | QColor) -> float:
        c = QColor(colour)
        channels = []
        for value in (c.redF(), c.greenF(), c.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
