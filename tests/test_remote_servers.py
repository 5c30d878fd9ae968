"""Models on a server, against a real `transformers serve` on 127.0.0.1 (tests/model_server.py): streaming and
Stop, transcription through /v1/audio/transcriptions, the server killed mid-answer, a wrong model name, no
server, a timeout, and API keys in a real Secret Service (401, 403), from the engines and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import JobCancelledError
from desktop_app.core.remote_models import RemoteModel, base_url, parse
from desktop_app.core.requests import FusionRequest, GenerationRequest, TranscriptionRequest
from desktop_app.core.results import GenerationResult, TokenDelta
from desktop_app.remote.client import ServerError, Servers
from desktop_app.remote.keys import SERVICE, save_key, stored_key
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.model_server import SMOLLM2_ID, WHISPER_ID, ModelServer, free_port
from tests.secret_service import secret_service
from tests.speech_helpers import HUMAN_HELLO

QUESTION = "What is the capital of France?"
STORY = "Write a long story about a dragon who learns to bake bread."


@pytest.fixture
def server(model_server: ModelServer) -> ModelServer:
    return model_server


@pytest.fixture
def workbench(shared_cache_dir: Path, tmp_path: Path) -> Workbench:
    return Workbench(ModelStore(shared_cache_dir / "models"), tmp_path / "embeddings", data_dir=tmp_path / "data")


def _ask(workbench: Workbench, remote: RemoteModel, prompt: str = QUESTION, **options: object) -> GenerationResult:
    result: GenerationResult = workbench.run(GenerationRequest(prompt, model=remote.ref, **options), JobContext())
    return result


def test_references_and_addresses():
    assert base_url("localhost:8000") == "http://localhost:8000/v1"
    assert base_url("https://gpu.example:443/api/v1/") == "https://gpu.example:443/api/v1"
    assert parse("http://localhost:11434/v1#llama3.2:3b") == RemoteModel("http://localhost:11434/v1", "llama3.2:3b")
    assert parse("HuggingFaceTB/SmolLM2-135M-Instruct") is None and parse("/models/smollm2") is None
    with pytest.raises(Exception, match="is not a server address"):
        base_url("ftp://files.example")


def test_streams_the_same_answer_as_the_local_model(server: ModelServer, workbench: Workbench, smollm2_dir: Path):
    assert Servers().model_names(server.base_url) == [SMOLLM2_ID]  # the Whisper model is not a generator
    remote = RemoteModel(server.base_url, SMOLLM2_ID)
    deltas: list[TokenDelta] = []
    options = {"max_new_tokens": 24, "temperature": 0.0, "repetition_penalty": 1.0}
    streamed: GenerationResult = workbench.run(
        GenerationRequest(QUESTION, model=remote.ref, **options), JobContext(on_partial=deltas.append)
    )
    local: GenerationResult = workbench.run(
        GenerationRequest(QUESTION, model=str(smollm2_dir), **options), JobContext()
    )
    assert "Paris" in streamed.text
    assert streamed.text.strip() == local.text.strip()  # greedy on the same weights: the same words
    assert len(deltas) > 3 and "".join(d.text for d in deltas) == streamed.text  # it arrived piece by piece
    assert streamed.model.source == "server" and streamed.model.ref == remote.ref  # the history says where
    assert streamed.finish_reason == "stop" and streamed.new_tokens > 0


def test_stop_closes_the_stream_and_keeps_what_arrived(server: ModelServer, workbench: Workbench):
    remote = RemoteModel(server.base_url, SMOLLM2_ID)
    cancel = threading.Event()
    deltas: list[TokenDelta] = []

    def on_partial(delta: TokenDelta) -> None:
        deltas.append(delta)
        if len(deltas) == 3:
            cancel.set()

    request = GenerationRequest(STORY, model=remote.ref, max_new_tokens=400, temperature=0.0)
    with pytest.raises(JobCancelledError) as stopped:
        workbench.run(request, JobContext(cancel, on_partial=on_partial))
    partial = stopped.value.partial_result
    assert isinstance(partial, GenerationResult) and partial.finish_reason == "cancelled"
    assert partial.text == "".join(d.text for d in deltas) and 3 <= len(deltas) < 400
    assert "Paris" in _ask(workbench, remote, max_new_tokens=20, temperature=0.0).text  # the server is fine


def test_transcribes_through_the_transcription_endpoint(server: ModelServer, workbench: Workbench):
    remote = RemoteModel(server.base_url, WHISPER_ID)
    result = workbench.run(TranscriptionRequest(str(HUMAN_HELLO), model=remote.ref), JobContext())
    assert "hello world" in result.text.lower().replace(",", "")
    assert result.model.source == "server" and result.duration_s == pytest.approx(1.40, abs=0.05)


def test_a_wrong_model_name_says_what_the_server_has(server: ModelServer, workbench: Workbench):
    with pytest.raises(ServerError) as failed:
        _ask(workbench, RemoteModel(server.base_url, "nobody/no-such-model"), max_new_tokens=5)
    assert failed.value.message == f"The server at 127.0.0.1:{server.port} has no model named 'nobody/no-such-model'."
    assert SMOLLM2_ID in failed.value.hint


def test_no_server_and_a_timeout_are_said(server: ModelServer, workbench: Workbench):
    with pytest.raises(ServerError, match=r"Cannot reach the server at 127\.0\.0\.1:\d+\."):
        _ask(workbench, RemoteModel(f"http://127.0.0.1:{free_port()}/v1", SMOLLM2_ID), max_new_tokens=5)
    workbench.runtime.servers.read_timeout_s = 0.001  # no server answers that fast
    with pytest.raises(ServerError, match="did not answer in time"):
        _ask(workbench, RemoteModel(server.base_url, SMOLLM2_ID), max_new_tokens=5)


def test_the_server_dying_mid_answer_keeps_the_partial_answer(served_cache: Path, workbench: Workbench, tmp_path: Path):
    doomed = ModelServer(served_cache, tmp_path / "doomed.log")
    deltas: list[TokenDelta] = []

    def on_partial(delta: TokenDelta) -> None:
        deltas.append(delta)
        if len(deltas) == 5:
            doomed.kill()  # SIGKILL: the connection drops with the answer half written

    request = GenerationRequest(STORY, model=RemoteModel(doomed.base_url, SMOLLM2_ID).ref, max_new_tokens=400)
    with pytest.raises(ServerError) as failed:
        workbench.run(request, JobContext(on_partial=on_partial))
    assert "broke while writing the answer" in failed.value.message
    assert failed.value.partial_text == "".join(d.text for d in deltas) and len(deltas) >= 5
    assert "What had arrived is kept" in failed.value.hint


@pytest.mark.parametrize(
    ("front", "said"),
    [
        ("cut", "ended the answer before it was finished"),
        ("garble", "sent something that is not a valid answer"),
    ],
)
def test_a_cut_or_garbled_stream_is_said_and_what_came_is_kept(
    front: str, said: str, served_cache: Path, workbench: Workbench, tmp_path: Path
):
    spoilt = ModelServer(served_cache, tmp_path / f"{front}.log", front=front)
    deltas: list[TokenDelta] = []
    try:
        with pytest.raises(ServerError) as failed:
            workbench.run(
                GenerationRequest(STORY, model=RemoteModel(spoilt.base_url, SMOLLM2_ID).ref, max_new_tokens=50),
                JobContext(on_partial=deltas.append),
            )
    finally:
        spoilt.kill()
    assert said in failed.value.message and "Traceback" not in failed.value.message
    assert deltas and failed.value.partial_text == "".join(d.text for d in deltas)  # the words before it


def test_fusion_answers_on_a_server(server: ModelServer, workbench: Workbench):
    remote = RemoteModel(server.base_url, SMOLLM2_ID)
    deltas: list[TokenDelta] = []
    fused = workbench.run(
        FusionRequest("{text}", text=QUESTION, model=remote.ref, max_new_tokens=20),
        JobContext(on_partial=deltas.append),
    )
    assert "Paris" in fused.answer and fused.model.ref == remote.ref and deltas


def test_keys_live_in_the_system_keyring(served_cache: Path, workbench: Workbench, tmp_path: Path, app_dirs: Path):
    keyed = ModelServer(served_cache, tmp_path / "keyed.log", front="key", keys=("sk-full", "sk-read-only"))
    remote = RemoteModel(keyed.base_url, SMOLLM2_ID)
    try:
        with pytest.raises(ServerError, match=r"refused the API key \(401\)"):
            _ask(workbench, remote, max_new_tokens=5)
        with secret_service(tmp_path / "keyrings"):
            import keyring

            save_key(keyed.base_url, "sk-read-only")
            assert keyring.get_password(SERVICE, keyed.base_url) == "sk-read-only"  # in the real Secret Service
            assert Servers().model_names(keyed.base_url) == [SMOLLM2_ID]  # reading is allowed
            with pytest.raises(ServerError, match=r"does not allow this key to do that \(403\)"):
                _ask(workbench, remote, max_new_tokens=5)
            save_key(keyed.base_url, "sk-full")
            assert "Paris" in _ask(workbench, remote, max_new_tokens=20, temperature=0.0).text
            save_key(keyed.base_url, "")  # forgotten
            assert stored_key(keyed.base_url) == ""
        assert not any(b"sk-" in f.read_bytes() for f in app_dirs.rglob("*") if f.is_file())  # never in a file
        done = _cli(
            "generate",
            QUESTION,
            "--server",
            keyed.base_url,
            "--model",
            SMOLLM2_ID,
            "--api-key-env",
            "SERVER_KEY",
            "--max-new-tokens",
            "20",
            env={"SERVER_KEY": "sk-full"},
        )
        assert done.returncode == 0 and "Paris" in done.stdout, done.stderr
    finally:
        keyed.kill()


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_the_command_line_runs_on_a_server(server: ModelServer, app_dirs: Path):
    done = _cli("generate", QUESTION, "--server", server.base_url, "--model", SMOLLM2_ID, "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert "Paris" in answer["text"] and answer["model"]["source"] == "server"
    listed = _cli("models", "list", "--server", server.base_url, "--json")
    assert json.loads(listed.stdout)["models"] == [SMOLLM2_ID]
    from desktop_app.store.history import HistoryStore

    entry = HistoryStore(app_dirs / "data" / "history.sqlite3").recent()[0]
    assert entry.model_source == "server" and entry.model_ref == f"{server.base_url}#{SMOLLM2_ID}"

    wrong = _cli("generate", "hi", "--server", server.base_url, "--model", "nobody/no-such-model")
    assert wrong.returncode == 1 and "has no model named 'nobody/no-such-model'" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    unset = _cli("generate", "hi", "--server", server.base_url, "--model", SMOLLM2_ID, "--api-key-env", "NO_SUCH_VAR")
    assert unset.returncode == 4 and "NO_SUCH_VAR is empty or not set" in unset.stderr
    bare = _cli("generate", "hi", "--server", server.base_url)
    assert bare.returncode == 4 and "--server needs --model" in bare.stderr
