"""Models ▸ Precision: each task lists the precisions it can run in (CTranslate2 only where the task has a
runner on it), the choice is kept in the settings and sent to the worker."""

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
