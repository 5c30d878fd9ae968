"""A window that holds its shape: it never grows by itself, fits the screen, works down to 1024 x 640 (the
history folds away), scrolls rather than overflow, keeps its tab bars still, and names models shortly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from desktop_app.core.events import ModelsChanged
from desktop_app.core.results import LoadedModel
from desktop_app.gui.widgets.steady_line import SteadyLine
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app

LONG = "/home/someone/a/very/long/folder/of/models/that/goes/on/and/on/SmolLM2-1.7B-Instruct"


def test_long_model_paths_and_texts_never_widen_the_window(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        window = app.window
        window.resize(1100, 700)
        qtbot.wait(50)
        before = window.size()
        loaded = tuple(
            LoadedModel(task, LONG + task, LONG + task, "cpu", "float32", 1_700_000_000)
            for task in ("generate", "transcribe", "caption", "translate")
        )
        window.job_status.on_worker_models_changed(ModelsChanged(loaded))
        app.panels.chat.update_state("A status far longer than any window is wide " * 6)
        app.panels.chat.stats.setText("tokens " * 40)
        qtbot.wait(100)
        assert window.size() == before, "the window did not grow"
        models = window.job_status.models
        assert (
            "SmolLM2-1.7B-Instructgenerate (generate, 1700M, float32)" in models.text()
            and "/home/someone" not in models.text()
        )
        assert LONG in models.toolTip(), "the full paths are in the tooltip"


def test_a_note_kept_for_the_user_takes_the_wider_share_of_the_status_bar(qtbot):
    from desktop_app.core.events import JobFinished, JobStarted
    from desktop_app.core.precision_requests import PrecisionRequest
    from desktop_app.core.requests import GenerationRequest
    from desktop_app.gui.widgets.job_status import JobStatus

    status = JobStatus()
    qtbot.addWidget(status)
    status.resize(1200, 24)
    status.show()
    loaded = (LoadedModel("generate", LONG, LONG, "cpu", "float32", 135_000_000),)
    status.on_worker_models_changed(ModelsChanged(loaded))
    qtbot.waitUntil(lambda: status.models.width() > 2 * status.activity.width() - 40, timeout=2_000)
    note = "float16 (CUDA) does not run here; Text generation uses float32."
    request = PrecisionRequest("generate", "float16")
    status.on_worker_job_finished(JobFinished(1, request, "float16", 0.01, (note,)))
    status.on_worker_busy_changed(False)
    assert status.activity.text() == "Note: " + note and status.activity.toolTip() == note
    qtbot.waitUntil(lambda: status.activity.width() > 2 * status.models.width() - 40, timeout=2_000)
    wanted = status.activity.fontMetrics().horizontalAdvance(status.activity.text())
    assert status.activity.contentsRect().width() >= wanted, "the note is shown whole at this width"
    status.on_worker_job_started(JobStarted(2, GenerationRequest("Hi")))
    assert status.activity.text() == "Running: Text generation"
    qtbot.waitUntil(lambda: status.models.width() > 2 * status.activity.width() - 40, timeout=2_000)


def test_down_to_1024_by_640_the_history_folds_and_the_panels_scroll(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        window = app.window
        window.resize(1200, 780)
        qtbot.wait(50)
        assert window.history_dock.isVisible()
        window.resize(1024, 640)
        qtbot.wait(50)
        assert (window.width(), window.height()) == (1024, 640)
        assert not window.history_dock.isVisible() and window.dock_folded
        hint = window.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 640
        for index in range(window.tabs.count()):  # every panel is there, whole, by scrolling
            window.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            assert window.scroller.widget() is window.tabs
        window.resize(1300, 800)
        qtbot.wait(50)
        assert window.history_dock.isVisible() and not window.dock_folded, "wide again, the history is back"


def test_at_the_first_size_every_panel_fits_beside_the_history_without_scrolling(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        window = app.window
        window.resize(1200, 780)  # the window's size on first start (DEFAULT_SIZE)
        qtbot.wait(50)
        assert window.history_dock.isVisible()
        room = window.scroller.viewport().width()
        widths = {window.tabs.tabText(i): window.tabs.widget(i).minimumSizeHint().width() for i in range(6)}
        assert max(widths.values()) <= room, f"wider than the {room} px beside the history: {widths}"
        assert not window.scroller.horizontalScrollBar().isVisible()


def test_tab_bars_stay_where_they_are(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        window = app.window
        window.resize(1200, 780)
        fusion = window.show_panel("Fusion")
        qtbot.wait(50)
        bar = fusion.tabs.bar
        places = set()
        for page in (fusion.prompt, fusion.match, fusion.search, fusion.prompt):
            fusion.tabs.setCurrentWidget(page)
            qtbot.wait(20)
            places.add(
                (
                    bar.mapTo(window, bar.rect().topLeft()).y(),
                    fusion.tabs.pages.mapTo(window, fusion.tabs.pages.rect().topLeft()).y(),
                )
            )
        assert len({bar_y for bar_y, _ in places}) == 1, places
        main_bar = window.tabs.tabBar()
        spots = set()
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            qtbot.wait(10)
            spots.add(main_bar.mapTo(window, main_bar.rect().topLeft()).y())
        assert len(spots) == 1


@pytest.mark.xvfb
@pytest.mark.skipif(not shutil.which("Xvfb"), reason="needs Xvfb")
def test_at_scale_factor_2_on_a_1400_by_900_screen_the_window_fits(tmp_path: Path):
    display = ":93"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(50):
            if Path("/tmp/.X11-unix/X93").exists():
                break
            time.sleep(0.1)
        env = dict(os.environ, DISPLAY=display, QT_SCALE_FACTOR="2", PYTHONPATH=str(Path(__file__).parent.parent))
        done = subprocess.run(
            [sys.executable, str(Path(__file__).parent / "x_clients.py"), "geometry", str(tmp_path / "home")],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
        values = {line.split()[0]: [float(v) for v in line.split()[1:]] for line in done.stdout.splitlines()}
        assert "window" in values, done.stdout + done.stderr
        x, y, width, height = values["window"]
        sx, sy, screen_width, screen_height = values["screen"]
        assert values["scale"] == [2.0] and (screen_width, screen_height) == (700, 450)  # logical pixels
        assert sx <= x and sy <= y and x + width <= sx + screen_width and y + height <= sy + screen_height
        assert width >= 600 and height >= 400, "the window uses the screen it has"
    finally:
        server.terminate()
        server.wait(timeout=10)


class _LayoutRequests(QObject):
    """Which widgets are asked to lay themselves out again."""

    def __init__(self) -> None:
        super().__init__()
        self.reached: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.reached.append(watched)
        return False


def test_a_status_or_a_figure_that_changes_never_lays_the_window_out_again(qtbot):
    """QLabel.setText asks every layout up to the window for room again, and the window then paints the whole
    panel: a status and the chat's tok/s change up to 20 times a second while an answer streams
    (gui/widgets/steady_line.py)."""
    with running_app(qtbot, FakeRunner) as app:
        panel = app.window.show_panel("Chat")
        activity = app.window.job_status.activity
        qtbot.wait(50)
        spy = _LayoutRequests()
        QApplication.instance().installEventFilter(spy)
        try:
            for i in range(1, 4):
                panel.stats.setText(f"{i * 1111} tokens · {i * 111.1:.1f} tok/s")
                panel.status.setText("Writing…" + " and more" * i)
                activity.setText("Running: " + "a long job " * i)
                QApplication.processEvents()
        finally:
            QApplication.instance().removeEventFilter(spy)
        beyond = {type(w).__name__ for w in spy.reached if not isinstance(w, SteadyLine)}
        assert not beyond, f"laid out again: {beyond}"
        assert spy.reached, "each label asked its own slot, where the request ends"
        assert panel.stats.text().startswith("3333 tokens") and activity.text().endswith("a long job ")
