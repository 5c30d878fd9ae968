"""Every command against a shared table of bad inputs, run as a user runs them: a real process, real files,
real disks. Each case must end with its documented exit code and message, print no traceback, and leave the
history database whole.

Exit codes: 0 done (a note may say what was done to the input), 3 model missing or unloadable, 4 bad input
or an output that cannot be written, 1 anything else."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import soundfile
from PIL import Image

from desktop_app.store.history import HistoryStore
from tests.disks import fill, tmpfs


@dataclass(frozen=True)
class Case:
    name: str
    args: Callable[[dict], list]  # the command line, from the prepared inputs (str or bytes items)
    code: int
    says: str  # expected in standard error (or standard output when code is 0 and it starts with "out:")
    stdin: bytes | None = None


def _png_claiming(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header says `width` x `height`: opening it must be refused before any decoding."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )
    return path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, shape_images, speech_clips) -> dict:
    root = tmp_path_factory.mktemp("hostile")
    good_png = shape_images[1][0]
    data = good_png.read_bytes()
    made: dict = {"root": root, "good_png": good_png}
    (root / "truncated.png").write_bytes(data[: len(data) // 2])
    made["truncated_png"] = root / "truncated.png"
    (root / "empty.jpg").write_bytes(b"")
    made["empty_jpg"] = root / "empty.jpg"
    (root / "notes.png").write_text("this is a text file with an image's name")
    made["text_png"] = root / "notes.png"
    made["huge_header_png"] = _png_claiming(root / "huge.png", 28000, 28000)
    made["nonutf8_png"] = os.fsencode(root) + b"/ph\xf6to.png"
    (root / "p.png").write_bytes(data)
    os.rename(root / "p.png", made["nonutf8_png"])
    os.mkfifo(root / "pipe.png")
    made["fifo_png"] = root / "pipe.png"
    os.mkfifo(root / "pipe.wav")
    made["fifo_wav"] = root / "pipe.wav"
    loop = root / "loop-folder"
    (loop / "inner").mkdir(parents=True)
    (loop / "inner" / "cycle").symlink_to(loop)
    (loop / "one.png").write_bytes(data)
    made["loop_folder"] = loop
    for mode, name in (("I;16", "deep16.png"), ("RGBA", "rgba.png"), ("1", "bilevel.png")):
        Image.new(mode, (9000, 9000), 1000 if mode == "I;16" else 1).save(root / name, compress_level=1)
        made[name] = root / name
    # audio
    sentence = speech_clips.sentences[0]
    samples, rate = soundfile.read(sentence, dtype="float32")
    soundfile.write(root / "loud.wav", samples * 1e6, rate, subtype="FLOAT")
    made["loud_wav"] = root / "loud.wav"
    nan = samples.copy()
    nan[1000:1010] = np.nan
    soundfile.write(root / "nan.wav", nan, rate, subtype="FLOAT")
    made["nan_wav"] = root / "nan.wav"
    (root / "garbage.wav").write_bytes(os.urandom(5000))
    made["garbage_wav"] = root / "garbage.wav"
    (root / "empty.wav").write_bytes(b"")
    made["empty_wav"] = root / "empty.wav"
    wav = sentence.read_bytes()
    (root / "cut.wav").write_bytes(wav[: len(wav) // 2])
    made["cut_wav"] = root / "cut.wav"
    made["nonutf8_wav"] = os.fsencode(root) + b"/caf\xe9.wav"
    with open(made["nonutf8_wav"], "wb") as out:
        out.write(wav)
    (root / "a-file").write_text("x")
    made["a_file"] = root / "a-file"
    made["a_folder"] = root
    return made


def _caption(model: str, *items) -> list:
    return ["caption", *items, "--model", model, "--beams", "1"]


CASES = [
    Case(
        "caption: a truncated PNG", lambda i: _caption(i["captioner"], i["truncated_png"]), 4, "is truncated or corrupt"
    ),
    Case("caption: an empty file", lambda i: _caption(i["captioner"], i["empty_jpg"]), 4, "is empty (0 bytes)"),
    Case(
        "caption: text named .png",
        lambda i: _caption(i["captioner"], i["text_png"]),
        4,
        "not an image that can be read",
    ),
    Case("caption: a pipe named .png", lambda i: _caption(i["captioner"], i["fifo_png"]), 4, "is not a regular file"),
    Case(
        "caption: 28000 x 28000 pixels",
        lambda i: _caption(i["captioner"], i["huge_header_png"]),
        4,
        "is too large to open (28000 x 28000 pixels, RGBA)",
    ),
    Case("caption: a name that is not UTF-8", lambda i: _caption(i["captioner"], i["nonutf8_png"]), 0, "out:ph"),
    Case(
        "caption: a folder with a symlink loop", lambda i: _caption(i["captioner"], i["loop_folder"]), 0, "out:one.png"
    ),
    Case(
        "caption: a 9000 x 9000 16-bit image", lambda i: _caption(i["captioner"], i["deep16.png"]), 0, "out:deep16.png"
    ),
    Case("caption: a 9000 x 9000 RGBA image", lambda i: _caption(i["captioner"], i["rgba.png"]), 0, "out:rgba.png"),
    Case(
        "caption: a 9000 x 9000 1-bit image", lambda i: _caption(i["captioner"], i["bilevel.png"]), 0, "out:bilevel.png"
    ),
    Case(
        "caption: a folder with no images",
        lambda i: _caption(i["captioner"], i["root"] / "loop-folder" / "inner"),
        4,
        "No images were found",
    ),
    Case(
        "transcribe: random bytes",
        lambda i: ["transcribe", i["garbage_wav"]],
        4,
        "is not an audio file that can be read",
    ),
    Case("transcribe: an empty file", lambda i: ["transcribe", i["empty_wav"]], 4, "is empty (0 bytes)"),
    Case("transcribe: a pipe", lambda i: ["transcribe", i["fifo_wav"]], 4, "is not a regular file"),
    Case("transcribe: NaN samples", lambda i: ["transcribe", i["nan_wav"]], 4, "holds invalid audio samples"),
    Case(
        "transcribe: float samples a million times full scale",
        lambda i: ["transcribe", i["loud_wav"]],
        0,
        "beyond full scale (1.0); it was scaled down",
    ),
    Case("transcribe: a WAV cut in half", lambda i: ["transcribe", i["cut_wav"]], 0, "out:window"),
    Case(
        "transcribe: a name that is not UTF-8",
        lambda i: ["transcribe", i["nonutf8_wav"], "--format", "json"],
        0,
        "out:window",
    ),
    Case(
        "transcribe: the output folder is a file",
        lambda i: ["transcribe", i["cut_wav"], "--output-dir", i["a_file"]],
        4,
        "is a file, not a folder",
    ),
    Case(
        "translate: text that is not UTF-8",
        lambda i: ["translate", b"the red cat sleeps \xff .", "--model", i["marian"]],
        0,
        "were not UTF-8 and were replaced",
    ),
    Case(
        "translate: standard input that is not UTF-8",
        lambda i: ["translate", "-", "--model", i["marian"]],
        0,
        "standard input were not UTF-8",
        stdin=b"the red cat \xfe\xff sleeps .\n",
    ),
    Case(
        "generate: a prompt that is not UTF-8",
        lambda i: ["generate", b"Hello \xe9\xff", "--max-new-tokens", "2"],
        0,
        "were not UTF-8",
    ),
    Case(
        "attention: --out with an unknown extension",
        lambda i: ["attention", "hi", "--out", i["root"] / "x.xyz"],
        4,
        "has the extension .xyz; the output can be .png",
    ),
    Case(
        "attention: --out without an extension",
        lambda i: ["attention", "hi", "--out", i["a_folder"]],
        4,
        "has no extension",
    ),
    Case(
        "attention: --out in a folder that does not exist",
        lambda i: ["attention", "hi", "--out", i["root"] / "no" / "x.png"],
        4,
        "does not exist",
    ),
    Case(
        "fuse: a template file that is not there",
        lambda i: ["fuse", "--text", "x", "--template", "@/no/such/file"],
        4,
        "Could not read the template file",
    ),
    Case(
        "match: a name that is not UTF-8",
        lambda i: ["match", i["nonutf8_png"], "--texts", "a red circle|a cat", "--model", i["clip"]],
        0,
        "out:a red circle",
    ),
]


def _run(args: list, stdin: bytes | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "desktop_app", *[a if isinstance(a, bytes) else str(a) for a in args]]
    return subprocess.run(command, input=stdin, capture_output=True, timeout=300, env=env or dict(os.environ))


@pytest.fixture
def history_before(app_dirs: Path) -> Path:
    """A history with three entries before each case: it must come out whole."""
    path = app_dirs / "data" / "history.sqlite3"
    history = HistoryStore(path)
    for i in range(3):
        history.add("generate", inputs={"prompt": f"p{i}"}, parameters={}, outputs={"text": "t"}, timings={})
    history.close()
    return path


def _history_is_whole(path: Path) -> None:
    with sqlite3.connect(path) as db:
        assert [row[0] for row in db.execute("PRAGMA integrity_check")] == ["ok"]
        assert db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0] >= 3


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_bad_input_gets_its_code_and_message(
    case,
    inputs,
    history_before,
    tiny_captioner_dir,
    tiny_marian_dir,
    tiny_clip_dir,
    whisper_tiny_dir,
    smollm2_dir,
    minilm_dir,
):
    given = {**inputs, "captioner": tiny_captioner_dir, "marian": tiny_marian_dir, "clip": tiny_clip_dir}
    done = _run(case.args(given), case.stdin)
    out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    assert done.returncode == case.code, f"{case.name}: exit {done.returncode}\n{err[-2000:]}"
    assert "Traceback" not in err + out, err
    if case.says.startswith("out:"):
        assert case.says[4:] in out, out[-1000:]
    else:
        assert case.says in err, err[-2000:]
    _history_is_whole(history_before)


def test_a_damaged_search_cache_is_rebuilt(tiny_clip_dir, shape_images, tmp_path, history_before, app_dirs):
    folder = tmp_path / "pictures"
    folder.mkdir()
    for path, _ in shape_images[:4]:
        (folder / path.name).write_bytes(path.read_bytes())
    first = _run(["search", folder, "a red circle", "--model", tiny_clip_dir, "--json"])
    assert first.returncode == 0, first.stderr
    indexes = list((Path(os.environ["DESKTOP_APP_CACHE_DIR"]) / "embeddings").rglob("index.json"))
    for index in indexes:
        index.write_text('{"broken": 5, "also": [1]}')
    again = _run(["search", folder, "a red circle", "--model", tiny_clip_dir, "--json"])
    assert again.returncode == 0 and b"Traceback" not in again.stderr, again.stderr
    assert len(json.loads(again.stdout)["hits"]) == 4
    _history_is_whole(history_before)


def test_a_full_disk_leaves_no_half_written_output(whisper_tiny_dir, speech_clips, tmp_path, history_before):
    with tmpfs(tmp_path / "small", 64) as disk:
        fill(disk, 2048)
        done = _run(["transcribe", speech_clips.sentences[0], speech_clips.sentences[1], "--output-dir", disk])
    assert done.returncode != 0 and b"Traceback" not in done.stderr
    assert b"Not enough free disk space" in done.stderr or b"Could not write" in done.stderr, done.stderr
    _history_is_whole(history_before)


def test_a_read_only_home_still_gives_results(tiny_marian_dir, tmp_path):
    with tmpfs(tmp_path / "home", 1024, read_only=True) as home:
        env = {**os.environ, "DESKTOP_APP_HOME": str(home)}
        for key in ("DESKTOP_APP_DATA_DIR", "DESKTOP_APP_CONFIG_DIR", "DESKTOP_APP_CACHE_DIR"):
            env.pop(key, None)
        done = _run(["translate", "the red cat sleeps .", "--model", tiny_marian_dir], env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().strip() == "el gato rojo duerme ."
    assert b"warning: not recorded in the history" in done.stderr and b"Traceback" not in done.stderr


def test_a_damaged_converted_model_is_rebuilt_and_said(minilm_dir, tmp_path):
    env = {**os.environ, "DESKTOP_APP_CACHE_DIR": str(tmp_path / "cache")}
    first = _run(["attention", "The cat sleeps.", "--json"], env=env)
    assert first.returncode == 0, first.stderr
    weights = next((tmp_path / "cache" / "models").glob("all-minilm-l6-v2-*/model.safetensors"))
    data = weights.read_bytes()
    weights.unlink()  # hard-linked to the package: damage a new file
    weights.write_bytes(data[: len(data) // 2])
    again = _run(["attention", "The cat sleeps.", "--json"], env=env)
    assert again.returncode == 0, again.stderr
    assert b"was damaged" in again.stderr and b"rebuilt" in again.stderr


def test_the_table_covers_every_command():
    commands = {case.args({k: "x" for k in ("captioner", "marian", "clip")} | _placeholders())[0] for case in CASES}
    assert commands >= {"caption", "transcribe", "translate", "generate", "attention", "fuse", "match"}


def _placeholders() -> dict:
    keys = (
        "root",
        "good_png",
        "truncated_png",
        "empty_jpg",
        "text_png",
        "huge_header_png",
        "nonutf8_png",
        "fifo_png",
        "fifo_wav",
        "loop_folder",
        "deep16.png",
        "rgba.png",
        "bilevel.png",
        "loud_wav",
        "nan_wav",
        "garbage_wav",
        "empty_wav",
        "cut_wav",
        "nonutf8_wav",
        "a_file",
        "a_folder",
    )
    return {key: Path("/x") for key in keys}


# -- the window's start-up cases -----------------------------------------------------------------------------
def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(20_000))


def _a_folder(path: Path) -> None:
    path.mkdir()


def _newer_schema(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=99")


STARTUP_CASES = {
    "garbage history": (_garbage, "The history database was damaged"),
    "a folder in the history's place": (_a_folder, "The history database was damaged"),
    "a history from a newer version": (_newer_schema, "written by a newer version of the app"),
}


@pytest.mark.parametrize("damage", list(STARTUP_CASES), ids=list(STARTUP_CASES))
def test_the_window_starts_whatever_the_history_holds(qtbot, app_dirs: Path, damage):
    from tests.fakes import FakeRunner
    from tests.gui_helpers import running_app

    path = app_dirs / "data" / "history.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    make, message = STARTUP_CASES[damage]
    make(path)
    with running_app(qtbot, FakeRunner) as app:
        assert app.window.isVisible()
        assert any(message in notice for notice in app.startup_notices), app.startup_notices
        app.panels.chat.prompt.setPlainText("still works")
        with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
            app.panels.chat.send_button.click()


def test_the_window_starts_on_a_read_only_home(qtbot, tmp_path, monkeypatch):
    from tests.fakes import FakeRunner
    from tests.gui_helpers import running_app

    with tmpfs(tmp_path / "home", 1024, read_only=True) as home:
        for key in ("DESKTOP_APP_DATA_DIR", "DESKTOP_APP_CONFIG_DIR", "DESKTOP_APP_CACHE_DIR"):
            monkeypatch.delenv(key, raising=False)
        monkeypatch.setenv("DESKTOP_APP_HOME", str(home))
        with running_app(qtbot, FakeRunner) as app:
            assert app.window.isVisible()
            assert any("cannot be written to: the history and recordings are off" in n for n in app.startup_notices)
            assert not app.history.available and app.history_view.off.isVisible()
            app.panels.chat.prompt.setPlainText("still works")
            with qtbot.waitSignal(app.worker.job_finished, timeout=10_000):
                app.panels.chat.send_button.click()
