"""Bugs are reported, locally: a job that fails unexpectedly, or an exception in a slot of the window, is
written to a report in the data folder (versions, the job's parameters, the traceback; not the user's
content), the user sees a dialog with Copy details, and the app keeps running."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from tests.fakes import FakeRunner
from tests.gui_helpers import running_app


def _reports(app_dirs: Path) -> list[Path]:
    return sorted((app_dirs / "data" / "crash-reports").glob("crash-*.txt"))


def test_a_job_that_fails_unexpectedly_is_reported_and_the_window_goes_on(qtbot, app_dirs: Path):
    runner = FakeRunner()
    with running_app(qtbot, lambda: runner) as app:
        panel = app.panels.chat
        panel.prompt.setPlainText("crash now, my secret prompt")
        with qtbot.waitSignal(app.worker.job_failed, timeout=10_000):
            panel.send_button.click()
        qtbot.waitUntil(lambda: app.last_crash_dialog is not None and app.last_crash_dialog.isVisible(), timeout=5_000)
        dialog = app.last_crash_dialog
        assert "Unexpected error: RuntimeError: boom" in dialog.text()
        assert "nothing was sent anywhere" in dialog.informativeText()
        [report] = _reports(app_dirs)
        assert str(report) in dialog.informativeText()
        text = report.read_text()
        details = json.loads(text.split("\n\n", 1)[0])
        assert details["job"] == "generate" and details["parameters"]["max_new_tokens"] > 0
        assert {"desktop-app", "python", "transformers", "pyside6-essentials"} <= set(details["versions"])
        assert "RuntimeError: boom" in text and "secret prompt" not in text, "the user's content stays out"
        dialog.copy_button.click()
        assert QGuiApplication.clipboard().text() == dialog.details and dialog.isVisible()
        dialog.close()
        panel.prompt.setPlainText("Say something")
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            panel.send_button.click()  # the same window, the same worker: still working


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_reported_not_fatal(qtbot, app_dirs: Path):
    with running_app(qtbot, FakeRunner) as app:
        saved = sys.excepthook
        sys.excepthook = lambda kind, error, trace: app.on_unexpected_exception(error)  # as run_gui sets it
        try:
            QTimer.singleShot(0, lambda: 1 / 0)
            qtbot.waitUntil(lambda: app.last_crash_dialog is not None, timeout=5_000)
        finally:
            sys.excepthook = saved
        assert "ZeroDivisionError" in app.last_crash_dialog.text()
        assert _reports(app_dirs) and "ZeroDivisionError" in _reports(app_dirs)[0].read_text()
        assert app.window.isVisible()


def test_the_command_line_says_one_sentence_and_where_the_report_is(app_dirs: Path):
    code = (
        "from pathlib import Path; from desktop_app.cli.console import print_crash\n"
        "try:\n    {}['missing']\nexcept KeyError as error:\n"
        f"    print_crash(error, Path({str(app_dirs / 'data')!r}), {{'command': 'caption'}})\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stderr.startswith("error: unexpected error (KeyError: 'missing'). The details are in ")
    assert "Traceback" not in done.stderr
    [report] = _reports(app_dirs)
    assert report.stat().st_mode & 0o777 == 0o600 and "KeyError" in report.read_text()
