"""Models unused for the chosen time are unloaded between jobs (LM Studio's TTL), and the status bar says so."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from desktop_app.core.model_requests import RuntimeRequest
from desktop_app.core.requests import GenerationRequest
from desktop_app.engines.registry import ModelKey, ModelRegistry


def _load(registry: ModelRegistry, task: str) -> object:
    return registry.get_or_load(ModelKey(task, f"/models/{task}"), task, object, lambda _model: 1)


def test_only_the_models_unused_long_enough_are_unloaded():
    registry = ModelRegistry()
    _load(registry, "generate")
    time.sleep(0.05)
    job_started = time.monotonic()
    _load(registry, "caption")
    assert registry.unload_idle(3600) == (), "nothing has been unused for an hour"
    dropped = registry.unload_idle(0.04)
    assert [m.task for m in dropped] == ["generate"], "the caption model was used after it"
    time.sleep(0.05)
    registry.used_since(job_started)  # the job that used the caption model has just ended
    assert registry.unload_idle(0.04) == (), "a long job's model is not idle the moment the job ends"
    assert [m.task for m in registry.unload_idle(0)] == ["caption"]
    assert registry.snapshot() == ()


@pytest.mark.slow
def test_the_worker_unloads_an_unused_model_and_the_status_bar_says_so(qtbot, make_worker, smollm2_dir: Path):
    from desktop_app.gui.widgets.job_status import JobStatus
    from desktop_app.services.dispatch import Workbench
    from desktop_app.store.model_store import ModelStore

    bench = Workbench(ModelStore(smollm2_dir.parent))
    worker = make_worker(lambda: bench)
    worker.idle_check_s = 0.2
    status = JobStatus()
    qtbot.addWidget(status)
    worker.models_unloaded.connect(status.on_worker_models_unloaded)
    worker.models_changed.connect(status.on_worker_models_changed)
    with qtbot.waitSignal(worker.job_finished, timeout=60_000) as runtime:
        worker.submit(RuntimeRequest(unload_after_s=0))  # "never"
    status.show_runtime(runtime.args[0].result)
    assert status.runtime.text().endswith("Models stay loaded")
    order: list[str] = []
    worker.models_changed.connect(lambda event: order.append("models"))
    worker.job_finished.connect(lambda event: order.append("finished"))
    with qtbot.waitSignal(worker.job_finished, timeout=120_000):
        worker.submit(GenerationRequest("Hi", max_new_tokens=2))
    assert order == ["models", "finished"], "the status bar names the model the job loaded while it runs"
    assert status.models.text().startswith("Loaded: smollm2")
    qtbot.wait(1500)
    assert [m.task for m in bench.loaded_models()] == ["generate"], "with 'never' the model stays"

    with qtbot.waitSignal(worker.job_finished, timeout=60_000) as runtime:
        worker.submit(RuntimeRequest(unload_after_s=1))
    status.show_runtime(runtime.args[0].result)
    assert "Unused models unload after 1 min" in status.runtime.text()
    said: list[object] = []
    worker.models_unloaded.connect(said.append)
    with qtbot.waitSignals([worker.models_unloaded, worker.models_changed], timeout=30_000):
        pass
    assert [m.task for m in said[0].models] == ["generate"]  # type: ignore[attr-defined]
    assert bench.loaded_models() == ()
    assert status.activity.text().startswith("Unloaded smollm2"), status.activity.text()
    assert status.models.text() == "No model loaded"
    with qtbot.waitSignal(worker.job_finished, timeout=120_000) as again:
        worker.submit(GenerationRequest("Hi", max_new_tokens=2))
    assert again.args[0].result.new_tokens > 0, "the next job loads it again"
    assert not bench.holds_nothing(), "a loaded model"
    bench.registry.unload()
    assert bench.holds_nothing()
    bench.runtime.servers.keys["http://127.0.0.1:9"] = "given this run"
    assert not bench.holds_nothing(), "a key only this process holds: a fresh one would not have it"
