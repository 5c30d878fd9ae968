"""Light and dark themes: every colour from the theme, text readable (4.5:1, measured on grabbed widgets as
well as on the tokens), icons painted again when the theme changes, and the choice kept."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPalette

from desktop_app.gui import theme
from desktop_app.gui.theme import DARK, LIGHT, contrast
from desktop_app.store.settings_schema import Keys
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app

READABLE = 4.5  # WCAG AA, body text


@pytest.mark.parametrize("chosen", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_of_the_theme_is_readable_on_its_background(chosen):
    pairs = {
        "window text": (chosen.window_text, chosen.window),
        "text": (chosen.text, chosen.base),
        "placeholder": (chosen.placeholder, chosen.base),
        "error text": (chosen.error_text, chosen.base),
        "best match": (chosen.best_text, chosen.best),
        "selection": (chosen.highlighted_text, chosen.highlight),
        "link": (chosen.link, chosen.base),
        **{f"{level} banner": (b.text, b.background) for level, b in chosen.banners.items()},
    }
    low = {name: round(contrast(*colours), 2) for name, colours in pairs.items() if contrast(*colours) < READABLE}
    assert not low, low


def _text_contrast(image: QImage) -> float:
    """The strongest contrast between the widget's background (its corner) and any pixel of its text."""
    background = image.pixelColor(1, 1)
    return max(
        contrast(image.pixelColor(x, y), background)
        for y in range(0, image.height(), 1)
        for x in range(0, image.width(), 2)
    )


@pytest.mark.parametrize("name", ["light", "dark"])
def test_banner_text_is_readable_in_both_themes_measured_on_screen(qtbot, name):
    with running_app(qtbot, FakeRunner) as app:
        app.choose_theme(name)
        panel = app.window.show_panel("Translate")
        banner = panel.banner
        for level in ("info", "warning", "error"):
            banner.show_message("Readable words on every banner, in every theme.", level)
            qtbot.waitUntil(banner.isVisible, timeout=2_000)
            grabbed = banner.grab(banner.label.geometry()).toImage()  # the label over the banner behind it
            assert grabbed.pixelColor(1, 1) == QColor(theme.current().banners[level].background), level
            measured = _text_contrast(grabbed)
            assert measured >= READABLE, (name, level, round(measured, 2))


def test_the_theme_is_chosen_in_the_view_menu_kept_and_painted_everywhere(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        actions = {action.data(): action for action in app.window.theme_actions.actions()}
        assert set(actions) == {"system", "light", "dark"} and actions["system"].isChecked()
        actions["dark"].trigger()
        assert app.settings.get(Keys.theme) == "dark" and actions["dark"].isChecked()
        palette = app.window.palette()
        assert palette.color(QPalette.ColorRole.Window) == QColor(DARK.window)
        assert palette.color(QPalette.ColorRole.WindowText) == QColor(DARK.window_text)
        send = app.panels.chat.send_button.icon().pixmap(16, 16).toImage()
        inked = [send.pixelColor(x, y) for y in range(16) for x in range(16) if send.pixelColor(x, y).alpha() > 200]
        assert inked and all(contrast(c, DARK.window) > 4 for c in inked), "icons painted again in the dark theme"
        app.window.close()
    with running_app(qtbot, FakeRunner) as again:  # the next start opens in the dark theme
        assert again.window.palette().color(QPalette.ColorRole.Window) == QColor(DARK.window)
        again.choose_theme("light")
        assert again.window.palette().color(QPalette.ColorRole.Base) == QColor(LIGHT.base)
