"""A model folder never runs code, and a damaged one never runs at all: each is refused with a sentence that
names the file, what is wrong and what to do. The payloads here create a file when they run; the tests
check that the file never appears."""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError
from desktop_app.core.requests import (
    AttentionRequest,
    CaptionRequest,
    GenerationRequest,
    MatchRequest,
    TranscriptionRequest,
    TranslationRequest,
)
from desktop_app.store.disk_space import link_or_copy
from desktop_app.store.model_store import ModelStore

CONFIGS = ("config.json", "tokenizer_config.json", "preprocessor_config.json", "processor_config.json")


def _copy(folder: Path, target: Path) -> Path:
    """A copy that shares the weights (hard links) but owns its configs: editing one never touches the source."""
    target.mkdir(parents=True)
    for item in folder.iterdir():
        if item.is_file():
            if item.suffix == ".json":
                shutil.copy2(item, target / item.name)
            else:
                link_or_copy(item, target / item.name)
    return target


def _poison(folder: Path, config_name: str, marker: Path) -> Path:
    """The folder's `config_name` names a class in the folder's own evil.py, whose import creates `marker`."""
    (folder / "evil.py").write_text(f"import pathlib\npathlib.Path({str(marker)!r}).touch()\nclass Evil:\n    pass\n")
    path = folder / config_name
    config = json.loads(path.read_text()) if path.is_file() else {}
    config["auto_map"] = {
        "AutoConfig": "evil.Evil",
        "AutoModel": "evil.Evil",
        "AutoTokenizer": ["evil.Evil", None],
        "AutoImageProcessor": "evil.Evil",
        "AutoProcessor": "evil.Evil",
    }
    path.write_text(json.dumps(config))
    return folder


@pytest.fixture(scope="module")
def workbench(tmp_path_factory):
    from desktop_app.services.dispatch import Workbench

    root = tmp_path_factory.mktemp("workbench")
    return Workbench(ModelStore(root / "models"), root / "embeddings")


def _requests(task: str, folder: str, image: Path, audio: Path):
    return {
        "generate": GenerationRequest("hi", model=folder, max_new_tokens=2),
        "caption": CaptionRequest((str(image),), model=folder),
        "translate": TranslationRequest("the cat sleeps .", model=folder),
        "transcribe": TranscriptionRequest(str(audio), model=folder),
        "embed": MatchRequest((str(image),), ("a cat",), folder),
        "encode": AttentionRequest("hello", source_task="encode", model=folder),
    }[task]


@pytest.mark.parametrize("config_name", CONFIGS)
@pytest.mark.parametrize("task", ["generate", "caption", "translate", "transcribe", "embed", "encode"])
def test_a_folder_that_asks_to_run_its_own_code_is_refused_by_every_engine(
    task, config_name, request, workbench, tmp_path, shape_images, speech_clips
):
    source = request.getfixturevalue(
        {
            "generate": "smollm2_dir",
            "caption": "tiny_captioner_dir",
            "translate": "tiny_marian_dir",
            "transcribe": "whisper_tiny_dir",
            "embed": "tiny_clip_dir",
            "encode": "minilm_dir",
        }[task]
    )
    marker = tmp_path / "payload-ran"
    folder = _poison(_copy(source, tmp_path / "model"), config_name, marker)
    job = _requests(task, str(folder), shape_images[0][0], speech_clips.sentences[0])
    with pytest.raises(ModelLoadError, match="asks to run its own Python code") as refused:
        workbench.run(job, JobContext())
    assert config_name in refused.value.message and "never runs code" in refused.value.hint
    assert not marker.exists(), "the folder's code ran"


def test_answering_yes_on_standard_input_still_runs_nothing(tiny_marian_dir, tmp_path):
    marker = tmp_path / "payload-ran"
    folder = _poison(_copy(tiny_marian_dir, tmp_path / "model"), "config.json", marker)
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "translate", "the cat sleeps .", "--model", str(folder), "--no-history"],
        input="y\ny\ny\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert done.returncode == 3, done.stderr
    assert "asks to run its own Python code" in done.stderr and "Traceback" not in done.stderr
    assert "[y/N]" not in done.stdout + done.stderr, "nothing asked on the terminal"
    assert not marker.exists()


def test_a_hub_repo_that_asks_for_code_is_refused_before_its_weights_download(hub, tiny_marian_dir, tmp_path):
    folder = _poison(_copy(tiny_marian_dir, tmp_path / "repo"), "config.json", tmp_path / "payload-ran")
    hub.add_folder("tests/remote-code", folder)
    with pytest.raises(ModelLoadError, match="asks to run its own Python code"):
        ModelStore(tmp_path / "models").resolve("tests/remote-code", "translate")
    assert not hub.file_requests("model.safetensors") and not hub.file_requests("evil.py")


# -- damaged models ------------------------------------------------------------------------------------------
def _damaged(tiny_marian_dir: Path, tmp_path: Path, damage) -> Path:
    folder = _copy(tiny_marian_dir, tmp_path / "damaged")
    weights = folder / "model.safetensors"
    data = weights.read_bytes()
    weights.unlink()  # a new file, never the shared one
    weights.write_bytes(damage(data))
    return folder


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data[: len(data) // 2], "is cut short: it holds"),
        (lambda data: b"", "is empty (0 bytes)"),
        (lambda data: data[:5], "is cut short (5 bytes)"),
        (lambda data: struct.pack("<Q", 10**12) + data[8:], "its header says"),
        (lambda data: struct.pack("<Q", 40) + b"{not json at all" + data[24:], "its header is not readable"),
    ],
)
def test_damaged_weights_are_a_message_that_names_the_file(tiny_marian_dir, tmp_path, damage, message):
    folder = _damaged(tiny_marian_dir, tmp_path, damage)
    with pytest.raises(ModelLoadError, match=re.escape(message)) as refused:
        ModelStore(tmp_path / "models").resolve(str(folder), "translate")
    assert "model.safetensors" in refused.value.message and "again" in refused.value.hint


def test_a_malformed_config_is_a_message(tiny_marian_dir, tmp_path):
    folder = _copy(tiny_marian_dir, tmp_path / "model")
    (folder / "config.json").write_text('{"model_type": "marian", ')
    with pytest.raises(ModelLoadError, match=r"config\.json in .* is not valid JSON"):
        ModelStore(tmp_path / "models").resolve(str(folder), "translate")


def test_weights_that_do_not_cover_the_architecture_are_refused(workbench, tiny_marian_dir, tmp_path):
    from safetensors.torch import load_file, save_file

    folder = _copy(tiny_marian_dir, tmp_path / "half")
    state = load_file(tiny_marian_dir / "model.safetensors")
    (folder / "model.safetensors").unlink()
    save_file({k: v for i, (k, v) in enumerate(sorted(state.items())) if i % 2}, folder / "model.safetensors")
    with pytest.raises(ModelLoadError, match=r"do not fit the model its config\.json describes: \d+ of its \d+"):
        workbench.run(TranslationRequest("the cat sleeps .", model=str(folder)), JobContext())

    other = _copy(tiny_marian_dir, tmp_path / "wrong-type")
    config = json.loads((other / "config.json").read_text())
    (other / "config.json").write_text(json.dumps({**config, "model_type": "bart", "architectures": []}))
    with pytest.raises(ModelLoadError, match="do not fit the model"):
        workbench.run(TranslationRequest("the cat sleeps .", model=str(other)), JobContext())


def test_a_damaged_converted_copy_is_rebuilt_from_its_package_once_and_says_so(tmp_path):
    from desktop_app.store.catalog import MINILM
    from desktop_app.store.model_packages import converted_folder

    store = ModelStore(tmp_path / "models")
    notices: list[str] = []
    first = store.resolve(MINILM.key, "encode")
    weights = first.path / "model.safetensors"
    data = weights.read_bytes()
    weights.unlink()  # the cache's copy is hard-linked to the package's: damage a new file, not the package
    weights.write_bytes(data[: len(data) // 3])
    again = store.resolve(MINILM.key, "encode", JobContext(on_notice=notices.append))
    assert again.path == converted_folder(MINILM, tmp_path / "models")
    assert (again.path / "model.safetensors").stat().st_size == len(data)
    assert len(notices) == 1 and "was damaged" in notices[0] and "rebuilt" in notices[0]
    store.resolve(MINILM.key, "encode", JobContext(on_notice=notices.append))
    assert len(notices) == 1, "a whole copy is not rebuilt"


def test_leftovers_of_killed_conversions_are_removed_at_start(tmp_path):
    store = ModelStore(tmp_path / "models")
    dead = tmp_path / "models" / ".smollm2-135m-instruct-b179c9523d0e.partial-999999999"
    dead.mkdir(parents=True)
    (dead / "model.safetensors").write_bytes(b"\0" * 100)
    converting = tmp_path / "models" / "from-bin" / ".opus-abc.converting-999999999"
    converting.mkdir(parents=True)
    alive = tmp_path / "models" / f".other.partial-{os.getppid()}"  # a process that is running: left alone
    alive.mkdir()
    assert store.remove_leftovers() == 2
    assert not dead.exists() and not converting.exists() and alive.exists()
