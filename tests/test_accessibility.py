"""Everyone can use it: every control named for a screen reader, in every panel and dialog; banners are alerts;
finished, failed and stopped jobs are announced."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

from desktop_app.gui.accessibility import ASSERTIVE, POLITE
from tests.a11y_walk import unnamed
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app


def test_every_control_in_every_panel_and_dialog_has_a_name(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        problems = []
        for index in range(app.window.tabs.count()):
            app.window.tabs.setCurrentIndex(index)
            problems += unnamed(app.window)
        for open_dialog in (app.open_model_manager, app.open_getting_started, app.open_about):
            dialog = open_dialog()
            problems += unnamed(dialog)
            dialog.close()
        assert not problems, "\n".join(sorted(set(problems)))


def test_a_banner_is_an_alert(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        banner = app.panels.chat.banner
        banner.show_message("The prompt is empty.", "warning")
        interface = QAccessible.queryAccessibleInterface(banner)
        assert interface.role() == QAccessible.Role.AlertMessage
        assert "The prompt is empty." in interface.text(QAccessible.Text.Name) + interface.text(
            QAccessible.Text.Description
        )


def test_finished_failed_and_stopped_jobs_and_warnings_are_announced(qtbot, monkeypatch, tmp_path):
    from desktop_app.gui import accessibility

    said: list[tuple[str, object]] = []
    send = accessibility.send

    def keep(event):
        if isinstance(event, QAccessibleAnnouncementEvent):
            said.append((event.message(), event.politeness()))
        send(event)  # and on to Qt, as in the app

    monkeypatch.setattr(accessibility, "send", keep)
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Translate")
        panel.source.setPlainText("hello world")
        panel.translate_button.click()
        qtbot.waitUntil(lambda: ("Done: Translation", POLITE) in said, timeout=10_000)
        # the panel's warning (offline, no model) was said too, without interrupting
        assert any(m.startswith("No translation model is installed") and p == POLITE for m, p in said)

        missing = tmp_path / "gone.wav"
        speech = app.window.show_panel("Speech")
        speech.open_files([str(missing)])
        qtbot.waitUntil(lambda: any(m.startswith("Failed:") and p == ASSERTIVE for m, p in said), timeout=10_000)
