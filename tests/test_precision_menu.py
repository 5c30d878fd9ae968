"""Models ▸ Precision: each task lists the precisions it can run in (CTranslate2 only where the task has a
runner on it), what the device does not run is greyed out, the choice is kept in the settings and sent to
the worker."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu

from desktop_app.core.precision_requests import PrecisionRequest
from desktop_app.gui.precision_menu import PrecisionMenu
from desktop_app.gui.settings import AppSettings


def _offered(menu: PrecisionMenu, task: str) -> set[str]:
    return {name for (of, name) in menu.actions if of == task}


def test_each_task_lists_ctranslate2_only_where_it_runs_on_it(qtbot, tmp_path):
    parent = QMenu()
    qtbot.addWidget(parent)
    menu = PrecisionMenu(parent, AppSettings(tmp_path / "s.ini"))
    for task in ("transcribe", "translate", "generate"):
        assert {"ct2_int8", "ct2_float32"} <= _offered(menu, task)
    assert _offered(menu, "caption") == {"auto", "float32", "int8", "bfloat16", "float16"}
    sent: list[PrecisionRequest] = []
    menu.changed.connect(sent.append)
    menu.actions[("translate", "ct2_int8")].trigger()
    assert sent == [PrecisionRequest("translate", "ct2_int8")]
    assert menu.actions[("translate", "ct2_int8")].isChecked()
    assert not menu.actions[("translate", "auto")].isChecked()
    again = PrecisionMenu(QMenu(), AppSettings(tmp_path / "s.ini"))
    assert again.requests()[[r.for_task for r in again.requests()].index("translate")].precision == "ct2_int8"


def test_what_the_device_does_not_run_is_greyed_out_with_the_reason(qtbot, tmp_path):
    from desktop_app.core.context import JobContext
    from desktop_app.core.model_requests import RuntimeRequest
    from desktop_app.engines.precision import supported
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore

    parent = QMenu()
    qtbot.addWidget(parent)
    menu = PrecisionMenu(parent, AppSettings(tmp_path / "s.ini"))
    assert all(action.isEnabled() for action in menu.actions.values())  # until the worker has said
    info = Workbench(ModelStore(tmp_path)).run(RuntimeRequest("cpu", 0), JobContext())  # what the window gets
    assert "float16" not in info.precisions["caption"] and "ct2_int8" in info.precisions["transcribe"]
    menu.show_supported(info.precisions)
    float16 = menu.actions[("caption", "float16")]
    assert not float16.isEnabled() and float16.toolTip() == "Runs on a CUDA GPU only"
    for name in ("auto", "float32", "int8"):
        assert menu.actions[("caption", name)].isEnabled()
    assert menu.actions[("generate", "ort_int4")].isEnabled()
    bfloat16 = menu.actions[("caption", "bfloat16")]
    assert bfloat16.isEnabled() == ("bfloat16" in supported("cpu"))
    assert bfloat16.isEnabled() or bfloat16.toolTip() == "This processor has no bfloat16 instructions"
    menu.show_supported({task: supported("cuda", task) for task in info.precisions})  # on a GPU
    assert float16.isEnabled() and float16.toolTip() == float16.text()  # no reason of its own: its text
    assert not menu.actions[("caption", "int8")].isEnabled()
    assert menu.actions[("translate", "ct2_int8")].toolTip() == "Runs on the CPU only"
    float16.trigger()  # a choice greyed out later stays checked: the worker says it falls back
    menu.show_supported(info.precisions)
    assert float16.isChecked() and not float16.isEnabled()
