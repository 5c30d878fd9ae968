"""The window shows before its panels are built (how `desktop-app` starts): a blank stand-in in each tab, the
visible tab's panel first, the rest one per turn of the event loop, and nothing asked of a panel in the
meantime is lost."""

from __future__ import annotations

import gc
import sys
import threading
import types

from PIL import Image
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QWidget

from desktop_app.gui import preimport
from desktop_app.gui.settings import AppSettings
from desktop_app.store.paths import AppPaths
from desktop_app.store.settings_schema import Keys
from tests.fakes import FakeRunner
from tests.gui_helpers import drop_files, running_app


def _open_on_tab(index: int) -> None:
    settings = AppSettings(AppPaths.from_environment().ensure().settings_file)
    settings.set(Keys.current_panel, index)
    settings.sync()


def test_the_visible_tab_is_built_first_and_the_others_follow_in_turn(qtbot):
    _open_on_tab(3)  # Speech
    with running_app(qtbot, FakeRunner, panels_later=True) as app:
        assert app.window.isVisible() and app.panels is None
        assert app.window.tabs.count() == 6 and app.window.tabs.currentIndex() == 3
        assert not app.builder.built, "no panel is built before the window has shown"

        assert app.build_next_panel()
        assert list(app.builder.built) == ["speech"]
        assert app.window.tabs.currentWidget() is app.builder.built["speech"]
        assert app.window.tabs.currentIndex() == 3 and app.window.tabs.tabText(3) == "Speech"

        app.build_panels_in_turn()
        qtbot.waitUntil(lambda: app.panels is not None, timeout=10_000)
        assert [app.window.tabs.widget(i) for i in range(6)] == list(app.panels)
        assert app.window.tabs.currentIndex() == 3, "building the others does not move the person's tab"
        # What the window gives a panel once it is built: Ctrl+Enter, and drops on its own targets.
        assert app.panels.chat.findChildren(QShortcut), "the chat panel was not given its run keys"
        assert app.window.show_panel("Translate") is app.panels.translate


def test_files_opened_before_the_panels_are_built_still_arrive(qtbot, tmp_path):
    image = tmp_path / "cat.png"
    Image.new("RGB", (32, 32), (200, 40, 40)).save(image)
    with running_app(qtbot, FakeRunner, panels_later=True) as app:
        app.window.files_dropped.emit([str(image)])  # before any panel's turn
        assert app.panels is not None, "the panels were built for the files"
        assert app.window.tabs.currentWidget() is app.panels.caption
        assert app.panels.caption.table_model.rows[0].path == str(image)
        qtbot.waitUntil(lambda: app.history.count() == 1, timeout=10_000)


def test_a_drop_on_a_panel_built_later_lands_in_that_panel(qtbot, tmp_path):
    image = tmp_path / "dog.png"
    Image.new("RGB", (32, 32), (40, 40, 200)).save(image)
    _open_on_tab(2)  # Caption
    with running_app(qtbot, FakeRunner, panels_later=True) as app:
        app.build_next_panel()
        caption = app.builder.built["caption"]
        drop_files(caption, [image])
        qtbot.waitUntil(lambda: bool(caption.table_model.rows), timeout=10_000)
        assert caption.table_model.rows[0].path == str(image)


def test_closing_before_every_panel_is_built_loses_nothing(qtbot):
    with running_app(qtbot, FakeRunner, panels_later=True) as app:
        app.build_next_panel()
    # running_app shut the app down: the built panel saved its options, the others never existed.
    assert app.panels is None and list(app.builder.built) == ["chat"]


def test_the_later_panels_wait_for_the_slow_imports_made_on_a_thread(qtbot, tmp_path, monkeypatch):
    """numpy and PortAudio, imported by a panel's build, froze the window for ~100 ms (bench/responsiveness.py):
    they are imported on a thread after the visible panel, and the other panels are built once that is done."""
    gate = threading.Event()
    monkeypatch.setitem(sys.modules, "preimport_gate", types.SimpleNamespace(release=gate))
    (tmp_path / "slow_import_for_test.py").write_text("import preimport_gate\npreimport_gate.release.wait(30)\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(preimport, "SLOW_IMPORTS", ("slow_import_for_test",))
    with running_app(qtbot, FakeRunner, panels_later=True) as app:
        app.build_panels_in_turn()
        qtbot.waitUntil(lambda: len(app.builder.built) == 1, timeout=10_000)
        qtbot.wait(300)  # the window's event loop runs meanwhile
        assert len(app.builder.built) == 1, "the other panels wait for the slow imports"
        assert any(thread.name == "preimport" for thread in threading.enumerate())
        gate.set()
        qtbot.waitUntil(lambda: app.panels is not None, timeout=10_000)
        assert "slow_import_for_test" in sys.modules, "imported on the thread"
    monkeypatch.delitem(sys.modules, "slow_import_for_test")


class _PaintedWidget(QWidget):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def paintEvent(self, event: object) -> None:
        self.log.append("painted")


def _recording_import(tmp_path, monkeypatch, log: list[str], name: str) -> None:
    """`name`, a module that says in `log` when it is imported, is the one slow import."""
    monkeypatch.setitem(sys.modules, "preimport_log", types.SimpleNamespace(log=log))
    (tmp_path / f"{name}.py").write_text("import preimport_log\npreimport_log.log.append('imported')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(preimport, "SLOW_IMPORTS", (name,))


def test_the_slow_imports_start_once_the_visible_panel_is_painted_not_while_it_is(qtbot, tmp_path, monkeypatch):
    """The window's first paint calls into Python over and over; with the imports' thread running beside it,
    each call waited for the interpreter and the window froze for 70-80 ms (bench/responsiveness.py)."""
    log: list[str] = []
    _recording_import(tmp_path, monkeypatch, log, "imported_after_the_paint")
    panel = _PaintedWidget(log)
    qtbot.addWidget(panel)
    imports = preimport.Preimport.after_paint(panel, at_most_ms=60_000)
    qtbot.wait(200)
    assert not log and not imports.done, "nothing is imported before the panel is painted"
    with qtbot.waitExposed(panel):
        panel.show()
    qtbot.waitUntil(lambda: imports.done, timeout=10_000)
    assert log[0] == "painted" and "imported" in log, log


def test_the_slow_imports_start_anyway_when_the_panel_is_never_painted(qtbot, tmp_path, monkeypatch):
    log: list[str] = []
    _recording_import(tmp_path, monkeypatch, log, "imported_without_a_paint")
    hidden = _PaintedWidget(log)
    qtbot.addWidget(hidden)
    imports = preimport.Preimport.after_paint(hidden, at_most_ms=100)
    qtbot.waitUntil(lambda: imports.done, timeout=10_000)
    assert log == ["imported"]


def test_the_collector_waits_while_a_panel_is_built_and_runs_again_after(qtbot):
    """A full collection over the window's objects (~18 ms) fell on one panel's turn (~40 ms) now and then."""
    with running_app(qtbot, FakeRunner, panels_later=True) as app:
        collector_on: list[bool] = []
        build = app.builder.build

        def watched_build(field: str) -> object:
            collector_on.append(gc.isenabled())
            return build(field)

        app.builder.build = watched_build  # type: ignore[method-assign]
        while app.build_next_panel():
            assert gc.isenabled(), "on again between the panels' turns"
        assert app.panels is not None and collector_on == [False] * 6, collector_on
