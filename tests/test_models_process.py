"""The window's models live in a process of their own (workers/worker_process.py), so that nothing a model
does holds the window's GIL: the same jobs, streamed output, Cancel, clear errors, the window's language, unused
models unloaded, and a process that dies costs its job and nothing else."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.i18n import arg, tr
from desktop_app.core.model_requests import RuntimeRequest
from desktop_app.core.requests import GenerationRequest, TranscriptionRequest
from desktop_app.store.settings_schema import Keys
from tests.gui_helpers import running_app

pytestmark = pytest.mark.slow


def _finished(qtbot, app, request) -> object:
    """`request` run to its end (the app's own start-up jobs may finish meanwhile): its JobFinished event."""
    done: list[object] = []
    app.worker.job_finished.connect(done.append)
    job = app.worker.submit(request)
    qtbot.waitUntil(lambda: any(e.job_id == job for e in done), timeout=300_000)  # type: ignore[attr-defined]
    return next(e for e in done if e.job_id == job)  # type: ignore[attr-defined]


def test_the_window_runs_its_jobs_in_the_models_process_and_never_imports_torch(smollm2_dir: Path):
    script = Path(__file__).with_name("models_process_app.py")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    name, answer = seen["answer"]
    assert name == "job_finished" and answer, seen
    assert seen["streamed"].strip() == answer.strip(), "every token streamed back as it came"
    assert seen["status bar while the answer streamed"].startswith("Loaded: smollm2"), seen  # not at its end only
    assert seen["bad file"] == ["job_failed", "The file /no/such/recording.wav does not exist."]
    name, reason, tokens = seen["cancelled"]
    assert name == "job_cancelled" and reason == "cancelled" and 0 < tokens < 2000, seen
    assert "generate" in seen["models"], "the model stays loaded in the models' process between jobs"
    assert seen["child is another process"]
    assert seen["window imported"] == [], "the window's process never imports torch, transformers or tokenizers"
    assert seen["child ended with the window"]


def test_a_models_process_that_dies_fails_its_job_clearly_and_the_next_job_starts_afresh(qtbot, smollm2_dir: Path):
    with running_app(qtbot) as app:
        started = []
        app.worker.job_partial.connect(started.append)
        with qtbot.waitSignal(app.worker.job_failed, timeout=300_000) as failed:
            app.worker.submit(GenerationRequest("Tell me a long story.", max_new_tokens=2000, temperature=0.0))
            qtbot.waitUntil(lambda: bool(started), timeout=300_000)
            os.kill(app.worker._runner.pid, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        error = failed.args[0].error
        assert error.kind == "worker_stopped"
        assert error.message.startswith("The models' process stopped unexpectedly")
        assert "short of memory" in error.hint and error.detail == f"exit code {-signal.SIGKILL}"
        qtbot.waitUntil(lambda: app.loaded_models == (), timeout=10_000)  # the status bar: nothing loaded
        again = _finished(qtbot, app, GenerationRequest("Hi", max_new_tokens=2, temperature=0.0))
        assert again.result.new_tokens > 0  # type: ignore[attr-defined]
        runner = app.worker._runner
        _finished(qtbot, app, RuntimeRequest(unload_after_s=7 * 60))  # a setting only the models' process holds
        child = runner.pid
        os.kill(child, signal.SIGKILL)  # between jobs: the next job starts it again, and says so
        qtbot.waitUntil(lambda: runner._child.poll() is not None, timeout=10_000)
        after_idle = _finished(qtbot, app, GenerationRequest("Hi", max_new_tokens=2, temperature=0.0))
        assert after_idle.result.new_tokens > 0 and runner.pid != child  # type: ignore[attr-defined]
        notices = after_idle.notices  # type: ignore[attr-defined]
        assert any("stopped while idle" in str(notice) for notice in notices), notices
        assert runner.unload_after_s == 7 * 60, "the fresh process was given the settings the last one had"


def test_the_models_process_speaks_the_window_s_language(qtbot, smollm2_dir: Path):
    from desktop_app.gui.settings import AppSettings
    from desktop_app.store.paths import AppPaths

    AppSettings(AppPaths.from_environment().ensure().settings_file).set(Keys.language, "zh_CN")
    with running_app(qtbot) as app:
        with qtbot.waitSignal(app.worker.job_failed, timeout=300_000) as failed:
            app.worker.submit(TranscriptionRequest("/no/such/recording.wav"))
        expected = arg(tr("The file %1 does not exist."), "/no/such/recording.wav")
        assert expected == "文件 /no/such/recording.wav 不存在。"
        assert failed.args[0].error.message == expected


def _unloading_after_a_second(qtbot, app) -> list[object]:
    """The app's models unloaded after 1 s unused, looked for every 0.2 s: its ModelsUnloaded events, as they come."""
    app.worker.idle_check_s = 0.2
    unloaded: list[object] = []
    app.worker.models_unloaded.connect(unloaded.append)
    _finished(qtbot, app, RuntimeRequest(unload_after_s=1))
    return unloaded


def test_models_unused_for_the_chosen_time_are_unloaded_in_the_models_process(qtbot, smollm2_dir: Path):
    with running_app(qtbot) as app:
        unloaded = _unloading_after_a_second(qtbot, app)
        answered = _finished(qtbot, app, GenerationRequest("Hi", max_new_tokens=2, temperature=0.0))
        assert answered.result.new_tokens > 0  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bool(unloaded), timeout=30_000)
        assert [m.task.value for m in unloaded[0].models] == ["generate"]  # type: ignore[attr-defined]
        assert unloaded[0].idle_s == 1  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: app.loaded_models == (), timeout=10_000)  # and the status bar says so


def test_the_models_process_ends_with_its_last_model_and_the_window_wakes_it_with_its_settings(
    qtbot, smollm2_dir: Path
):
    """Unloading gives back a model's memory but not the ~900 MB of the process that ran it (bench/memory.py):
    the process ends once idle has unloaded its last model, and starts again, as it was, when needed."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    from desktop_app.core.precision_requests import PrecisionRequest

    with running_app(qtbot) as app:
        _finished(qtbot, app, PrecisionRequest("generate", "int8"))
        runner = app.worker._runner
        unloaded = _unloading_after_a_second(qtbot, app)
        _finished(qtbot, app, GenerationRequest("Hi", max_new_tokens=2, temperature=0.0))
        int8_model = app.loaded_models
        assert [m.dtype for m in int8_model] != ["torch.float32"], int8_model
        first = runner.pid
        qtbot.waitUntil(lambda: bool(unloaded), timeout=30_000)
        assert unloaded[0].process_ended  # type: ignore[attr-defined]
        assert not runner.running and runner.pid is None
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)  # gone, and its memory with it

        woken: list[object] = []
        app.worker.job_finished.connect(woken.append)
        QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
        qtbot.waitUntil(lambda: bool(woken), timeout=120_000)  # the user is back: the runtime starts meanwhile
        assert type(woken[0].request).__name__ == "WarmUpRequest" and runner.running  # type: ignore[attr-defined]
        assert runner.pid != first and app.loaded_models == ()
        assert runner.unload_after_s == 1, "the unload time came back with the fresh process"
        _finished(qtbot, app, GenerationRequest("Hi", max_new_tokens=2, temperature=0.0))
        assert [m.dtype for m in app.loaded_models] == [m.dtype for m in int8_model], "and the chosen precision"
        qtbot.waitUntil(lambda: len(unloaded) == 2 and not runner.running, timeout=30_000)  # and ends again
        qtbot.wait(100)  # its news reaches the window
        before = len(woken)
        qtbot.keyClick(app.window, Qt.Key.Key_Shift)  # someone who never left the window: their first key wakes it
        qtbot.waitUntil(lambda: len(woken) > before, timeout=120_000)
        assert type(woken[-1].request).__name__ == "WarmUpRequest" and runner.running  # type: ignore[attr-defined]
        assert not app.models_wake.asleep


def test_a_models_process_that_never_loaded_a_model_ends_after_the_unload_time_too(qtbot, smollm2_dir: Path):
    """With Models ▸ Load default models at start off, the process holds its runtime (~770 MB) and no model."""
    with running_app(qtbot) as app:
        said = _unloading_after_a_second(qtbot, app)
        runner = app.worker._runner
        qtbot.waitUntil(lambda: bool(said), timeout=30_000)
        assert said[0].models == () and said[0].process_ended and not runner.running  # type: ignore[attr-defined]
        assert app.models_wake.asleep
        assert not app.window.job_status.activity.text().startswith("Unloaded"), "no model of the user's went"
        qtbot.wait(1000)
        assert len(said) == 1, "the end is said once"
