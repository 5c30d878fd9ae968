"""The inference worker's contract, with a fake runner: signal order, batching, cancel, failures."""

from __future__ import annotations

from desktop_app.core.events import JobCancelled, JobFailed, JobPartial
from desktop_app.core.model_requests import LoadModelRequest
from desktop_app.core.requests import GenerationRequest
from desktop_app.core.results import TokenDelta
from tests.fakes import FakeRunner


def test_job_signals_arrive_in_order(qtbot, make_worker):
    runner = FakeRunner(delay_s=0.06, words=1)
    worker = make_worker(lambda: runner)
    with qtbot.waitSignals(
        [worker.job_started, worker.job_progress, worker.job_partial, worker.job_finished],
        order="strict",
        timeout=10_000,
    ):
        job_id = worker.submit(GenerationRequest(prompt="hello"))
    runner.words = 3
    with qtbot.waitSignal(worker.job_finished, timeout=10_000) as blocker:
        second = worker.submit(GenerationRequest(prompt="again"))
    assert blocker.args[0].job_id == second != job_id
    assert blocker.args[0].result.text == "word0 word1 word2 "


def test_partials_are_batched_and_nothing_is_lost(qtbot, make_worker):
    worker = make_worker(lambda: FakeRunner(delay_s=0.0, words=500))
    batches: list[JobPartial] = []
    worker.job_partial.connect(batches.append)
    with qtbot.waitSignal(worker.job_finished, timeout=10_000) as blocker:
        worker.submit(GenerationRequest(prompt="fast", max_new_tokens=500))
    qtbot.wait(50)
    deltas = [item for batch in batches for item in batch.items if isinstance(item, TokenDelta)]
    assert "".join(d.text for d in deltas) == blocker.args[0].result.text
    assert len(deltas) == 500
    assert len(batches) < 50, "500 instant tokens must reach the GUI in a few batches, not 500 signals"


def test_cancel_stops_a_running_job_and_keeps_the_partial_result(qtbot, make_worker):
    runner = FakeRunner(delay_s=0.05, words=1000)
    worker = make_worker(lambda: runner)
    with qtbot.waitSignal(worker.job_cancelled, timeout=10_000) as blocker:
        job_id = worker.submit(GenerationRequest(prompt="long", max_new_tokens=1000))
        assert runner.step_reached.wait(10)
        worker.cancel(job_id)
    event: JobCancelled = blocker.args[0]
    assert event.job_id == job_id
    assert 0 < event.partial_result.new_tokens < 1000
    assert event.partial_result.finish_reason == "cancelled"


def test_a_queued_job_cancelled_before_it_starts_never_runs(qtbot, make_worker):
    runner = FakeRunner(delay_s=0.05, words=10)
    worker = make_worker(lambda: runner)
    cancelled: list[JobCancelled] = []
    worker.job_cancelled.connect(cancelled.append)
    with qtbot.waitSignal(worker.job_finished, timeout=10_000):
        worker.submit(GenerationRequest(prompt="first"))
        queued = worker.submit(GenerationRequest(prompt="never"))
        worker.cancel(queued)
    qtbot.waitUntil(lambda: len(cancelled) == 1, timeout=5_000)
    assert cancelled[0].job_id == queued
    assert [r.prompt for r in runner.requests if isinstance(r, GenerationRequest)] == ["first"]


def test_a_failing_job_does_not_kill_the_worker(qtbot, make_worker):
    worker = make_worker(lambda: FakeRunner(words=2))
    with qtbot.waitSignal(worker.job_failed, timeout=10_000) as failed:
        worker.submit(GenerationRequest(prompt="fail please"))
    error: JobFailed = failed.args[0]
    assert error.error.kind == "model_not_found"
    assert "pip install fake-model" in error.error.user_text()
    with qtbot.waitSignal(worker.job_failed, timeout=10_000) as crashed:
        worker.submit(GenerationRequest(prompt="crash now"))
    assert crashed.args[0].error.kind == "internal"
    with qtbot.waitSignal(worker.job_finished, timeout=10_000) as finished:
        worker.submit(GenerationRequest(prompt="still alive"))
    assert finished.args[0].result.text == "word0 word1 "


def test_invalid_requests_fail_with_a_message(qtbot, make_worker):
    worker = make_worker(lambda: FakeRunner())
    with qtbot.waitSignal(worker.job_failed, timeout=10_000) as failed:
        worker.submit(GenerationRequest(prompt="   "))
    assert failed.args[0].error.message == "The prompt is empty."


def test_models_changed_reports_loaded_models(qtbot, make_worker):
    worker = make_worker(lambda: FakeRunner())
    with qtbot.waitSignal(worker.models_changed, timeout=10_000) as changed:
        worker.submit(LoadModelRequest(for_task="generate", model="tiny"))
    assert [m.ref for m in changed.args[0].loaded] == ["tiny"]


def test_the_runner_is_built_on_the_worker_thread(qtbot, make_worker):
    import threading

    threads: list[str] = []

    def factory() -> FakeRunner:
        threads.append(threading.current_thread().name)
        return FakeRunner(words=1)

    worker = make_worker(factory)
    with qtbot.waitSignal(worker.job_finished, timeout=10_000):
        worker.submit(GenerationRequest(prompt="x"))
    assert threads and threads[0] != threading.main_thread().name
