"""Everyone can use it: every control named for a screen reader, in every panel and dialog; banners are alerts;
finished, failed and stopped jobs are announced."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

from desktop_app.gui.accessibility import ASSERTIVE, POLITE
from tests.a11y_walk import unnamed
from tests.fakes import FakeRunner
from tests.gui_helpers import every_dialog, run_a_job_in_every_panel, running_app


def test_every_control_in_every_panel_and_dialog_has_a_name(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        problems = []
        for index in range(app.window.tabs.count()):
            app.window.tabs.setCurrentIndex(index)
            problems += unnamed(app.window)
        for open_dialog in every_dialog(app):
            dialog = open_dialog()
            problems += unnamed(dialog)
            dialog.close()
        assert not problems, "\n".join(sorted(set(problems)))


def test_and_after_a_job_in_every_panel(qtbot, tmp_path):
    with running_app(qtbot, FakeRunner) as app:
        run_a_job_in_every_panel(app, qtbot, tmp_path)
        problems = []
        for index in range(app.window.tabs.count()):
            app.window.tabs.setCurrentIndex(index)
            problems += unnamed(app.window)
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
        # the app's own jobs at start (device and precision settings, four of them) pass silently
        assert [m for m, _ in said if m.startswith("Done:")] == ["Done: Translation"], said
        # the panel's warning (offline, no model) was said too, without interrupting
        assert any(m.startswith("No translation model is installed") and p == POLITE for m, p in said)

        missing = tmp_path / "gone.wav"
        speech = app.window.show_panel("Speech")
        speech.open_files([str(missing)])
        qtbot.waitUntil(lambda: any(m.startswith("Failed:") and p == ASSERTIVE for m, p in said), timeout=10_000)


def test_the_heatmap_and_the_head_grid_are_read_and_driven_with_keys(qtbot, monkeypatch):
    import numpy as np
    from PySide6.QtCore import Qt

    from desktop_app.gui import accessibility
    from desktop_app.gui.panels.attention.heatmap_view import HeadGrid, HeatmapView

    said: list[str] = []
    monkeypatch.setattr(accessibility, "send", lambda event: said.append(event.message()))
    view = HeatmapView()
    qtbot.addWidget(view)
    matrix = np.array([[0.1, 0.9], [0.3, 0.2]], np.float32)
    view.set_matrix(matrix, ["Ġcat", "åĮĹäº¬"], ["Ġgato", "Ġsat"])  # byte-level tokens, "北京" among them
    assert view.rows == (" cat", "北京")
    assert view.accessibleDescription() == "strongest:  cat →  sat: 0.90"
    view.show()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.cell_cursor.cell == (1, 0) and said[-1] == "北京 →  gato: 0.30"
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert said[-1] == "北京 →  sat: 0.20" and view.accessibleDescription() == said[-1]

    grid = HeadGrid()
    qtbot.addWidget(grid)
    grid.set_weights(np.random.default_rng(0).random((2, 3, 4, 4)).astype(np.float32))
    grid.show()
    qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Down)
    assert said[-1] == "layer 1, head 1"
    with qtbot.waitSignal(grid.head_chosen) as chosen:
        qtbot.keyClick(grid, Qt.Key.Key_Return)
    assert chosen.args == [1, 1]


def test_tokens_read_as_text_and_chinese_labels_stand_upright():
    from desktop_app.gui.panels.attention.heatmap_view import upright
    from desktop_app.interpret.token_text import readable

    assert [readable(t) for t in ("åĮĹ", "äº¬", "Ġthe", "▁mount", "café", "Ċ", "##ing")] == [
        "北",
        "京",
        " the",
        " mount",
        "café",
        "↵",
        "##ing",
    ]
    assert upright("北京") and upright(" 猫") and not upright(" gato") and not upright("café")
