"""Models from the Hub, through a server on 127.0.0.1 that speaks the Hub's protocol (the real Hub cannot be
reached from here): every weight format, cancel and resume, a full disk, a missing revision, a server that
goes away, and a pickle that would run code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import DiskSpaceError, DownloadError, JobCancelledError, ModelLoadError, ModelNotFoundError
from desktop_app.core.requests import TranslationRequest
from desktop_app.services.dispatch import Workbench
from desktop_app.store.downloads import downloaded_snapshot
from desktop_app.store.model_store import SOURCE_DOWNLOADED, ModelStore
from tests.translation_helpers import pair

SENTENCE, SPANISH = pair("cat", "red", "sleeps")


@pytest.fixture
def store(tmp_path: Path) -> ModelStore:
    return ModelStore(tmp_path / "cache" / "models")


@pytest.fixture(scope="session")
def marian_state(tiny_marian_dir: Path) -> dict:
    """The trained translator's tensors as transformers keeps them in memory (tied tensors share storage)."""
    from transformers import MarianMTModel

    return MarianMTModel.from_pretrained(tiny_marian_dir).state_dict()


def _repo_folder(tiny_marian_dir: Path, folder: Path, shards: int = 0, state: dict | None = None) -> Path:
    """The translator as a PyTorch .bin repo: one file, or `shards` files with an index."""
    import torch

    folder.mkdir(parents=True)
    for item in tiny_marian_dir.iterdir():
        if item.suffix != ".safetensors":
            (folder / item.name).write_bytes(item.read_bytes())
    if state is None:
        return folder
    if not shards:
        torch.save(state, folder / "pytorch_model.bin")
        return folder
    keys = list(state)
    weight_map = {}
    for number in range(shards):
        name = f"pytorch_model-{number + 1:05d}-of-{shards:05d}.bin"
        part = {key: state[key].clone() for key in keys[number::shards]}
        torch.save(part, folder / name)
        weight_map.update({key: name for key in part})
    (folder / "pytorch_model.bin.index.json").write_text(json.dumps({"metadata": {}, "weight_map": weight_map}))
    return folder


def _translate(store: ModelStore, ref: str) -> str:
    request = TranslationRequest(SENTENCE, model=ref, source_lang="en", target_lang="es")
    return Workbench(store).run(request, JobContext()).text.strip()


def _cli(*args: str, home: Path, online: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESKTOP_APP_CACHE_DIR": str(home / "cache"), "HF_HUB_OFFLINE": "0" if online else "1"}
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args], capture_output=True, text=True, timeout=300, env=env
    )


def test_a_safetensors_repo_fetches_exactly_what_the_model_needs(
    hub, store, tiny_marian_dir, marian_state, tmp_path, monkeypatch
):
    folder = _repo_folder(tiny_marian_dir, tmp_path / "repo", state=marian_state)
    (folder / "model.safetensors").write_bytes((tiny_marian_dir / "model.safetensors").read_bytes())
    for extra in ("tf_model.h5", "flax_model.msgpack", "training_args.bin", "README.md"):
        (folder / extra).write_bytes(b"not needed")
    repo = hub.add_folder("tests/marian-safetensors", folder)

    resolved = store.resolve("tests/marian-safetensors", "translate")
    fetched = sorted(path.rsplit("/", 1)[-1] for _, path, _ in hub.requests if "/resolve/" in path)
    assert fetched == [
        "config.json",
        "generation_config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "training.json",
    ]
    assert all(f"/resolve/{repo.commit}/" in path for _, path, _ in hub.requests if "/resolve/" in path), (
        "files come from the listed commit, not a moving branch"
    )
    assert resolved.revision == repo.commit
    # Offline from now on: the download is found without the network.
    hub.stop()
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert store.resolve("tests/marian-safetensors", "translate").source == SOURCE_DOWNLOADED
    assert _translate(store, "tests/marian-safetensors") == SPANISH


def test_a_bin_only_repo_is_converted_once_then_translates_offline(hub, tiny_marian_dir, marian_state, tmp_path):
    hub.add_folder("tests/marian-bin", _repo_folder(tiny_marian_dir, tmp_path / "repo", state=marian_state))
    done = _cli(
        "translate",
        SENTENCE,
        "--model",
        "tests/marian-bin",
        "--src",
        "en",
        "--tgt",
        "es",
        "--json",
        "--no-history",
        home=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["text"].strip() == SPANISH
    assert payload["model"]["source"] == "Hugging Face Hub"
    folder = Path(payload["model"]["path"])
    assert (folder / "model.safetensors").is_file() and not (folder / "pytorch_model.bin").exists()
    manifest = json.loads((folder / ".complete.json").read_text())
    assert "model.safetensors" in manifest["files"] and manifest["converted_from"] == ["pytorch_model.bin"]
    hub.stop()
    again = _cli(
        "translate", SENTENCE, "--model", "tests/marian-bin", "--json", "--no-history", home=tmp_path, online=False
    )
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["model"]["source"] == "downloaded"


def test_a_sharded_bin_repo_becomes_sharded_safetensors(hub, store, tiny_marian_dir, marian_state, tmp_path):
    hub.add_folder(
        "tests/marian-sharded", _repo_folder(tiny_marian_dir, tmp_path / "repo", shards=2, state=marian_state)
    )
    resolved = store.resolve("tests/marian-sharded", "translate")
    names = sorted(item.name for item in resolved.path.iterdir())
    assert "model-00001-of-00002.safetensors" in names and "model.safetensors.index.json" in names
    assert not any(name.endswith(".bin") for name in names)
    assert _translate(store, "tests/marian-sharded") == SPANISH


def test_a_local_bin_folder_is_converted_into_the_cache_and_left_as_it_was(
    store, tiny_marian_dir, marian_state, tmp_path
):
    folder = _repo_folder(tiny_marian_dir, tmp_path / "my-marian", state=marian_state)
    before = sorted(item.name for item in folder.iterdir())
    resolved = store.resolve(str(folder), "translate")
    assert resolved.path != folder and (resolved.path / "model.safetensors").is_file()
    assert sorted(item.name for item in folder.iterdir()) == before, "the user's folder is never changed"
    assert store.resolve(str(folder), "translate").path == resolved.path, "converted once"
    assert _translate(store, str(folder)) == SPANISH


def test_a_tensorflow_only_repo_says_what_it_holds_before_downloading(hub, tiny_marian_dir, tmp_path):
    folder = _repo_folder(tiny_marian_dir, tmp_path / "repo")
    (folder / "tf_model.h5").write_bytes(b"\x89HDF" + b"\0" * 100)
    (folder / "rust_model.ot").write_bytes(b"\0" * 10)
    hub.add_folder("tests/tf-only", folder)
    done = _cli("models", "download", "tests/tf-only", home=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "holds only TensorFlow, Rust (rust-bert) weights" in done.stderr
    assert "needs model.safetensors or pytorch_model.bin" in done.stderr
    assert "Traceback" not in done.stderr
    assert not hub.file_requests("tf_model.h5"), "nothing is downloaded for a model the app cannot run"


def test_a_pickle_that_runs_code_is_refused_and_its_payload_never_runs(hub, tiny_marian_dir, tmp_path):
    import torch

    marker = tmp_path / "payload-ran"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    folder = _repo_folder(tiny_marian_dir, tmp_path / "repo")
    torch.save({"weight": Payload()}, folder / "pytorch_model.bin")
    hub.add_folder("tests/evil", folder)
    done = _cli("translate", SENTENCE, "--model", "tests/evil", "--no-history", home=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "pytorch_model.bin in tests/evil was refused: loading it would run code" in done.stderr
    assert "Nothing from it was run" in done.stderr and "Traceback" not in done.stderr
    assert not marker.exists(), "the pickle's payload ran"
    # The same file in a local folder, straight through the store.
    with pytest.raises(ModelLoadError, match="would run code"):
        ModelStore(tmp_path / "models").resolve(str(folder), "translate")
    assert not marker.exists()


def test_cancel_mid_file_then_resume_from_where_it_stopped(hub, store, tiny_marian_dir, marian_state, tmp_path):
    folder = _repo_folder(tiny_marian_dir, tmp_path / "repo", state=marian_state)
    repo = hub.add_folder("tests/marian-slow", folder)
    size = len(repo.files["pytorch_model.bin"])
    hub.bytes_per_second = 400_000
    messages: list[str] = []
    cancel = threading.Event()

    def on_progress(message: str, fraction: float | None) -> None:
        messages.append(message)
        if fraction is not None and fraction > 0.4:
            cancel.set()

    with pytest.raises(JobCancelledError):
        store.resolve("tests/marian-slow", "translate", JobContext(cancel, on_progress=on_progress))
    part = store.downloads_dir / "tests--marian-slow" / repo.commit / "pytorch_model.bin.part"
    kept = part.stat().st_size
    assert 0 < kept < size
    assert downloaded_snapshot(store.downloads_dir, "tests/marian-slow") is None
    assert any("/s · " in m and " left" in m for m in messages), messages[-3:]

    hub.bytes_per_second = 0
    resolved = store.resolve("tests/marian-slow", "translate")
    ranges = [r for _, _, r in hub.file_requests("pytorch_model.bin")]
    assert ranges[-1] == f"bytes={kept}-", ranges
    assert _translate(store, "tests/marian-slow") == SPANISH
    assert resolved.revision == repo.commit


def test_not_enough_disk_space_is_refused_before_anything_is_downloaded(
    hub, store, tiny_marian_dir, marian_state, tmp_path
):
    folder = _repo_folder(tiny_marian_dir, tmp_path / "repo", state=marian_state)
    hub.add_folder("tests/huge", folder, listed_sizes={"pytorch_model.bin": 10**15})  # a petabyte, it says
    with pytest.raises(DiskSpaceError, match="Not enough free disk space for downloading tests/huge") as refused:
        store.resolve("tests/huge", "translate")
    assert re.search(r"it needs [\d.]+ GB and .+ has [\d.]+ [KMG]?B free", refused.value.message)
    assert not [path for _, path, _ in hub.requests if "/resolve/" in path], "refused before downloading"


def test_a_revision_that_does_not_exist(hub, tiny_marian_dir, marian_state, tmp_path):
    hub.add_folder("tests/marian-rev", _repo_folder(tiny_marian_dir, tmp_path / "repo", state=marian_state))
    done = _cli("models", "download", "tests/marian-rev", "--revision", "0" * 40, home=tmp_path)
    assert done.returncode == 3, done.stderr
    assert f"The model 'tests/marian-rev' has no revision '{'0' * 40}' on the Hub." in done.stderr
    missing = _cli("models", "download", "tests/no-such-model", home=tmp_path)
    assert missing.returncode == 3 and "There is no model 'tests/no-such-model'" in missing.stderr


def test_the_server_going_away_mid_download_leaves_nothing_half_written_in_use(
    hub, store, tiny_marian_dir, marian_state, tmp_path, monkeypatch
):
    repo = hub.add_folder("tests/marian-cut", _repo_folder(tiny_marian_dir, tmp_path / "repo", state=marian_state))
    hub.cut_after["pytorch_model.bin"] = len(repo.files["pytorch_model.bin"]) // 3
    monkeypatch.setattr("desktop_app.store.downloads.READ_TIMEOUT_S", 5.0)
    with pytest.raises(DownloadError, match=r"connection to the Hub was lost|did not answer in time") as lost:
        store.resolve("tests/marian-cut", "translate")
    assert "resumes" in lost.value.hint
    assert downloaded_snapshot(store.downloads_dir, "tests/marian-cut") is None
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotFoundError, match="not in the Hugging Face cache"):
        store.resolve("tests/marian-cut", "translate")
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    store.resolve("tests/marian-cut", "translate")
    assert hub.file_requests("pytorch_model.bin")[-1][2].startswith("bytes="), "the second try resumed"
    assert _translate(store, "tests/marian-cut") == SPANISH


def test_a_damaged_transfer_is_caught_by_its_checksum(hub, store, tiny_marian_dir, marian_state, tmp_path):
    import hashlib

    repo = hub.add_folder("tests/marian-bad", _repo_folder(tiny_marian_dir, tmp_path / "repo", state=marian_state))
    good = repo.files["pytorch_model.bin"]
    repo.listed_sha256["pytorch_model.bin"] = hashlib.sha256(good).hexdigest()
    repo.files["pytorch_model.bin"] = good[:-4] + b"XXXX"  # the bytes change in transit; the listing does not
    with pytest.raises(DownloadError, match="arrived damaged"):
        store.resolve("tests/marian-bad", "translate")
    assert not (store.downloads_dir / "tests--marian-bad" / repo.commit / "pytorch_model.bin.part").exists()
    assert downloaded_snapshot(store.downloads_dir, "tests/marian-bad") is None


def test_a_hub_that_accepts_and_never_answers_is_given_up_on_with_a_message(tmp_path):
    """A stuck proxy or a captive portal: the connection opens, nothing comes back."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # accepted by the kernel, never read, never answered
    try:
        env = {
            **os.environ,
            "HF_ENDPOINT": f"http://127.0.0.1:{listener.getsockname()[1]}",
            "HF_HUB_OFFLINE": "0",
            "DESKTOP_APP_NETWORK_TIMEOUT_S": "3",
            "DESKTOP_APP_CACHE_DIR": str(tmp_path / "cache"),
        }
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "desktop_app",
                "translate",
                "hello",
                "--model",
                "someone/silent-model",
                "--no-history",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )
    finally:
        listener.close()
    assert done.returncode == 3, done.stderr
    assert "The Hub did not answer in time" in done.stderr and "Traceback" not in done.stderr
