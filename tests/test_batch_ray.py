"""Batch jobs on a real local Ray: two worker actors give the in-process results; a worker process killed
mid-run is replaced and its batch retried, with nothing missing or doubled; a cluster that goes away mid-run
fails the job, not the process, and keeps its rows; a stopped run resumes; a corrupt file is an error row; the
command line shows files done, files per second and time left. Ray's own start-up is measured and printed
(pytest -s), not hidden."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop_app.batch.inputs import gather
from desktop_app.batch.ray_driver import RayStoppedError, ray_reason
from desktop_app.batch.results_file import ResultsFile
from desktop_app.batch.runner import BatchJob, BatchProgress, run_batch
from desktop_app.core.context import JobContext
from desktop_app.core.errors import AppError
from desktop_app.core.requests import CaptionRequest
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.batch_helpers import RayHead, draw_pictures, speak_clips


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("pictures")
    drawn = [str(path) for path, _ in draw_pictures(folder, 40)]
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n this is not the rest of a picture")
    return [*drawn, str(folder / "broken.png")]


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("clips")
    spoken = [str(path) for path in speak_clips(folder, 40)]
    (folder / "broken.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVE but nothing more")
    return [*spoken, str(folder / "broken.wav")]


def _by_input(out: Path) -> dict[str, object]:
    rows = ResultsFile(out).rows()
    assert len({row.input for row in rows}) == len(rows)
    return {row.input: row for row in rows}


def test_two_ray_workers_give_the_in_process_captions(
    pictures: list[str], tiny_captioner_dir: Path, shared_cache_dir: Path, tmp_path: Path
):
    out = tmp_path / "captions.parquet"
    job = BatchJob("caption", tuple(pictures), out, model=str(tiny_captioner_dir), workers=2, batch_size=4)
    summary = run_batch(job)
    print(
        f"\nRay start {summary.ray_start_s:.2f} s, first rows {summary.first_row_s:.2f} s, work {summary.work_s:.2f} s"
    )
    assert summary.done == 41 and summary.errors == 1 and summary.rows == 41 and summary.duplicates_dropped == 0
    assert len(summary.workers) == 2  # both actors captioned
    rows = _by_input(out)
    assert set(rows) == set(pictures)
    broken = rows[pictures[-1]]
    assert not broken.ok and "broken.png" in broken.error and broken.result == ""

    workbench = Workbench(ModelStore(shared_cache_dir / "models"), tmp_path / "embeddings", data_dir=tmp_path)
    local = workbench.run(
        CaptionRequest(tuple(pictures[:-1]), model=str(tiny_captioner_dir), keep_attention=False), JobContext()
    )
    assert {item.path: item.caption for item in local.items} == {p: rows[p].result for p in pictures[:-1]}
    assert {rows[p].model for p in pictures} == {local.model.ref}


def test_a_killed_worker_is_replaced_and_nothing_is_lost_or_doubled(
    clips: list[str], whisper_tiny_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    head = RayHead(cpus=2)  # a cluster of its own, joined by address as a real one is
    for name, value in head.auth.items():  # what a driver joining it needs
        monkeypatch.setenv(name, value)
    print(f"\nray start --head: {head.start_s:.2f} s")
    killed: list[str] = []

    def kill_one(progress: BatchProgress) -> None:
        if not killed and progress.rows:
            killed.append(progress.rows[0].worker)
            os.kill(int(killed[0].rsplit(":", 1)[1]), signal.SIGKILL)  # mid-run: it dies with a batch in hand

    out = tmp_path / "transcripts.jsonl"
    job = BatchJob(
        "transcribe", tuple(clips), out, model=str(whisper_tiny_dir), workers=2, batch_size=2, ray_address=head.address
    )
    try:
        summary = run_batch(job, kill_one)
    finally:
        head.stop()
    print(f"joined in {summary.ray_start_s:.2f} s, first rows {summary.first_row_s:.2f} s, work {summary.work_s:.2f} s")
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(line["input"] for line in lines) == sorted(clips)  # every clip once: none missing, none doubled
    failed = [line for line in lines if line["error"]]
    assert [line["input"] for line in failed] == [clips[-1]] and "broken.wav" in failed[0]["error"]
    assert killed and len(summary.workers) >= 3  # the killed one, the other, and the one Ray started in its place
    assert summary.duplicates_dropped == 0, "a retried batch sent rows twice"

    local = tmp_path / "in-process.jsonl"  # the same clips without Ray: the same transcripts
    run_batch(BatchJob("transcribe", tuple(clips), local, model=str(whisper_tiny_dir), in_process=True))
    by_input = {row.input: row.result for row in ResultsFile(local).rows()}
    assert {line["input"]: line["result"] for line in lines} == by_input


def test_a_cluster_that_goes_away_mid_run_fails_the_job_not_the_process(
    pictures: list[str], tiny_captioner_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Ray's core ends the process that joined a cluster once the cluster's GCS has been gone a while (60 s;
    5 s here), with exit code 1 and nothing to catch: the driver runs in a process of its own, so it is that
    process that goes, and the job says why. Joined without the cluster's token, the job says that instead."""
    monkeypatch.setenv("RAY_gcs_rpc_server_reconnect_timeout_s", "5")
    head = RayHead(cpus=2)
    for name, value in head.auth.items():  # what a driver joining it needs
        monkeypatch.setenv(name, value)
    stopped: list[int] = []

    def stop_the_cluster(progress: BatchProgress) -> None:
        if not stopped:
            stopped.append(progress.done)
            head.stop()

    out = tmp_path / "captions.jsonl"
    job = BatchJob(
        "caption", tuple(pictures), out, model=str(tiny_captioner_dir), batch_size=4, ray_address=head.address
    )
    try:
        with monkeypatch.context() as tokenless, pytest.raises(AppError) as refused:
            tokenless.delenv("RAY_AUTH_TOKEN")  # and no ~/.ray/auth_token either
            tokenless.setenv("HOME", str(tmp_path))
            run_batch(job)
        assert refused.type is AppError and "RAY_AUTH_TOKEN" in refused.value.hint
        assert refused.value.message.startswith(f"Ray could not start or be reached at {head.address}: Token auth")
        with pytest.raises(RayStoppedError) as raised:
            run_batch(job, stop_the_cluster)
    finally:
        head.stop()
    # Whichever goes first decides it: the GCS (Ray says why) or the node's raylet (Ray says nothing).
    assert raised.value.message in (
        "Ray stopped the batch job: Failed to connect to GCS within 5 seconds.",
        "Ray stopped the batch job: its cluster stopped or could no longer be reached.",
    )
    assert str(out) in raised.value.hint and raised.value.detail == "exit code 1"
    kept = {row.input for row in ResultsFile(out).rows()}
    assert stopped and len(kept) >= stopped[0] and len(kept) < len(pictures)  # what came back is in the file

    rest = run_batch(BatchJob(**{**job.__dict__, "ray_address": ""}))  # the rest, on a Ray of this computer
    assert rest.skipped == len(kept) and rest.done == len(pictures) - len(kept)
    assert set(_by_input(out)) == set(pictures)


def test_the_reason_said_is_rays_not_what_follows_from_it(tmp_path: Path):
    """Ray's stated reason in its core's log, written as Ray writes it; the error lines that follow the loss of
    a cluster (seen in real runs: the raylet killed, then the GCS) are not a reason."""
    following = (
        "[2026-12-03 18:26:57,519 E 4242 4242] core_worker.cc:2465: Actor with class name: 'MapWorker' has "
        "constructor arguments in the object store and max_restarts > 0.\n"
        "[2026-12-03 18:30:38,928 E 4242 4261] task_manager.cc:1545: Failed to push error to driver for task "
        "2d96964c04dd72cd2de547ec5fdfec88e99c28ad01000000\n"
        "[2026-12-03 18:30:52,490 E 4242 4261] core_worker.cc:609: :info_message: Attempting to recover 12 lost "
        "objects by resubmitting their tasks or setting a new primary location from existing copies.\n"
    )
    gcs = (
        "[2026-12-03 18:30:47,204 E 4242 4251] gcs_client.cc:188: Failed to connect to GCS within 5 seconds. GCS "
        "may have been killed. It's either GCS is terminated by `ray stop` or is killed unexpectedly. The program "
        "will terminate.\n"
    )
    log = tmp_path / "ray.log"
    log.write_text(following)
    assert ray_reason(log) == ""
    log.write_text(gcs + following)
    assert ray_reason(log) == "Failed to connect to GCS within 5 seconds."
    assert ray_reason(tmp_path / "none.log") == ""


def test_a_stopped_run_resumes_where_it_stopped(pictures: list[str], tiny_captioner_dir: Path, tmp_path: Path):
    out = tmp_path / "captions.parquet"
    job = BatchJob("caption", tuple(pictures), out, model=str(tiny_captioner_dir), workers=1, batch_size=4)
    stop = threading.Event()
    first = run_batch(job, lambda progress: stop.set(), stop)  # stopped after the first rows
    assert first.cancelled and 0 < first.done < 41 and first.rows == first.done
    assert not ResultsFile(out).journal.exists()  # what was done is in the Parquet file already
    second = run_batch(job)
    assert second.skipped == first.done and second.done == 41 - first.done and not second.cancelled
    assert set(_by_input(out)) == set(pictures)
    third = run_batch(job)  # nothing left to do: Ray is not even needed
    assert third.done == 0 and third.skipped == 41


def test_the_command_line_shows_progress_and_resumes(pictures: list[str], tiny_captioner_dir: Path, tmp_path: Path):
    folder = Path(pictures[0]).parent
    out = tmp_path / "captions.jsonl"
    command = [sys.executable, "-m", "desktop_app", "batch", "caption", str(folder), "--out", str(out)]
    command += ["--model", str(tiny_captioner_dir), "--batch-size", "8"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 1, done.stderr  # one file failed: its row says why
    assert "41 of 41 files · " in done.stderr and " files/s" in done.stderr and " s left" in done.stderr
    assert "40 done (1 failed)" not in done.stdout and "41 done (1 failed), 0 already in" in done.stdout
    assert "Traceback" not in done.stderr
    assert len(out.read_text().splitlines()) == 41
    again = subprocess.run([*command, "--json"], capture_output=True, text=True, timeout=600)
    summary = json.loads(again.stdout)
    assert summary["skipped"] == 41 and summary["done"] == 0 and again.returncode == 0
    bad = subprocess.run([*command[:7], str(tmp_path / "out.csv")], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 4 and "must end in .parquet or .jsonl" in bad.stderr


def test_translate_and_embed_batches_with_a_retry_of_the_failed(
    tiny_marian_dir: Path, tiny_clip_dir: Path, tmp_path: Path
):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("the red cat sleeps .\nthe big dog runs .\n")
    (texts / "b.md").write_text("the small bird eats .\n")
    (texts / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    out = tmp_path / "translated.jsonl"
    job = BatchJob("translate", tuple(gather("translate", texts)), out, model=str(tiny_marian_dir), in_process=True)
    summary = run_batch(job)
    rows = _by_input(out)
    assert summary.done == 3 and summary.errors == 1 and "UTF-8" in rows[str(texts / "latin1.txt")].error
    assert rows[str(texts / "a.txt")].result.splitlines()[0] == "el gato rojo duerme ."  # line by line
    assert len(rows[str(texts / "a.txt")].result.splitlines()) == 2 and rows[str(texts / "b.md")].result.strip()
    (texts / "latin1.txt").write_text("the red cat sleeps .\n")  # mended: --retry-errors runs it again
    again = run_batch(BatchJob(**{**job.__dict__, "retry_errors": True}))
    assert again.done == 1 and again.errors == 0 and again.skipped == 2
    assert len(out.read_text().splitlines()) == 3  # one row per input: the newest

    pictures = [str(path) for path, _ in draw_pictures(tmp_path / "pictures", 5)]
    vectors = tmp_path / "vectors.parquet"
    run_batch(BatchJob("embed", tuple(pictures), vectors, model=str(tiny_clip_dir), in_process=True, batch_size=2))
    embedded = ResultsFile(vectors).rows()
    assert len(embedded) == 5 and all(row.ok and row.embedding for row in embedded)
    assert all(abs(sum(v * v for v in row.embedding) - 1.0) < 1e-3 for row in embedded)  # normalised
    assert len({len(row.embedding) for row in embedded}) == 1
