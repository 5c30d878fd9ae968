"""The history survives its own damage: a crash or power loss mid-write, a file cut short, garbage, a folder in
its place, an older or newer schema. The app starts every time, what SQLite can still read is kept, the
damaged file is set aside (never deleted), and the user is told once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.store.history import SCHEMA_VERSION, HistoryStore
from tests.fakes import FakeRunner
from tests.gui_helpers import running_app


def _fill(path: Path, count: int) -> None:
    history = HistoryStore(path)
    for i in range(count):
        history.add(
            "generate",
            inputs={"prompt": f"question {i} " + "x" * 300},
            parameters={"seed": i},
            outputs={"text": f"answer {i} " + "y" * 300},
            timings={"generate_s": 0.1},
        )
    history.close()
    with sqlite3.connect(path) as db:  # everything into the main file, as after a clean exit
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _damaged_copies(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if ".damaged-" in p.name and not p.name.endswith(("-wal", "-shm")))


def test_a_file_cut_short_keeps_what_can_be_read(tmp_path):
    path = tmp_path / "history.sqlite3"
    _fill(path, 200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    history = HistoryStore(path)
    assert history.available and history.recovery is not None
    recovered = len(history.recovery.rows)
    assert 0 < recovered < 200 and history.count() == recovered
    assert "entries were recovered" in history.recovery.message()
    assert [p.name for p in _damaged_copies(path)] == [history.recovery.damaged_copy.name]
    assert history.recovery.damaged_copy.stat().st_size == len(data) // 2, "the damaged file is kept as it was"
    entry = history.recent(limit=1)[0]
    assert entry.outputs["text"].startswith("answer ")
    history.add("generate", inputs={"prompt": "new"}, parameters={}, outputs={"text": "ok"}, timings={})
    assert history.count() == recovered + 1
    history.close()
    again = HistoryStore(path)
    assert again.recovery is None, "told once"
    assert [row[0] for row in sqlite3.connect(path).execute("PRAGMA integrity_check")] == ["ok"]


def test_a_page_of_garbage_in_the_middle(tmp_path):
    path = tmp_path / "history.sqlite3"
    _fill(path, 200)
    with path.open("r+b") as handle:
        handle.seek(4096 * 10)
        handle.write(os.urandom(4096 * 3))
    history = HistoryStore(path)
    assert history.available and history.recovery is not None
    assert 100 < len(history.recovery.rows) < 200, "only the rows on the broken pages are lost"


@pytest.mark.parametrize("content", [b"", b"this is not a database at all" * 100, os.urandom(10_000)])
def test_garbage_or_an_empty_file(tmp_path, content):
    path = tmp_path / "history.sqlite3"
    path.write_bytes(content)
    history = HistoryStore(path)
    assert history.available and history.count() == 0
    if content:
        assert history.recovery is not None and "Nothing in it could be read" in history.recovery.message()


def test_a_folder_in_its_place(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.mkdir()
    (path / "something").write_text("x")
    history = HistoryStore(path)
    assert history.available and path.is_file()
    assert history.recovery is not None and (history.recovery.damaged_copy / "something").is_file()


def test_a_table_from_an_older_schema_is_upgraded(tmp_path):
    path = tmp_path / "history.sqlite3"
    with sqlite3.connect(path) as db:  # before versioning: no model_revision, no timings, user_version 0
        db.execute(
            "CREATE TABLE jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at REAL, task TEXT, status TEXT,"
            " model_ref TEXT, model_source TEXT, inputs TEXT, parameters TEXT, outputs TEXT)"
        )
        db.execute(
            "INSERT INTO jobs (created_at, task, status, model_ref, model_source, inputs, parameters, outputs)"
            " VALUES (1, 'translate', 'finished', 'm', 's', '{\"text\": \"hi\"}', '{}', '{\"text\": \"hola\"}')"
        )
    history = HistoryStore(path)
    assert history.recovery is None and history.count() == 1
    entry = history.recent()[0]
    assert (entry.task, entry.outputs, entry.timings, entry.model_revision) == ("translate", {"text": "hola"}, {}, "")
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_schema_leaves_the_history_off_and_the_file_alone(tmp_path):
    path = tmp_path / "history.sqlite3"
    _fill(path, 3)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version=99")
    before = path.read_bytes()
    history = HistoryStore(path)
    assert not history.available and "newer version of the app" in history.problem
    assert history.add("generate", inputs={}, parameters={}, outputs={}, timings={}) is None
    assert history.recent() == [] and history.count() == 0
    assert path.read_bytes() == before


def test_created_readable_by_the_user_only(tmp_path):
    path = tmp_path / "data" / "history.sqlite3"
    old = os.umask(0o022)
    try:
        HistoryStore(path).close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_read_only_folder_leaves_the_history_off(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        history = HistoryStore(folder / "history.sqlite3")
        if os.geteuid() == 0:  # root writes anyway; the other cases still hold
            history.close()
            return
        assert not history.available and "cannot be kept" in history.problem
    finally:
        folder.chmod(0o700)


_WRITER = """
import sys, time
from pathlib import Path
from desktop_app.store.history import HistoryStore
history = HistoryStore(Path(sys.argv[1]))
for i in range(100000):
    entry = history.add("generate", inputs={"prompt": "p" * 2000}, parameters={"i": i}, outputs={"text": "t" * 5000},
                        timings={})
    print(entry, flush=True)  # said only once committed
"""


def test_killing_the_writer_mid_write_never_damages_it_or_loses_a_completed_entry(tmp_path):
    path = tmp_path / "history.sqlite3"
    completed: set[int] = set()
    for round_ in range(12):
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 0.3 + 0.07 * round_
        while time.monotonic() < deadline:
            line = writer.stdout.readline()
            if line.strip():
                completed.add(int(line))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        completed.update(int(x) for x in rest.split() if x.strip())
    assert len(completed) > 20
    with sqlite3.connect(path) as db:
        assert [row[0] for row in db.execute("PRAGMA integrity_check")] == ["ok"]
        present = {row[0] for row in db.execute("SELECT id FROM jobs")}
    assert completed <= present, f"lost {len(completed - present)} completed entries"
    history = HistoryStore(path)
    assert history.recovery is None and history.count() == len(present)


def test_the_window_starts_on_a_damaged_history_and_says_so_once(qtbot, app_dirs: Path):
    path = app_dirs / "data" / "history.sqlite3"
    _fill(path, 30)
    path.write_bytes(path.read_bytes()[:9000])
    with running_app(qtbot, FakeRunner) as app:
        box = app.window.findChild(object, "startupNotices")
        assert box is not None and box.isVisible()
        assert "The history database was damaged" in box.text() and ".damaged-" in box.text()
        assert app.history.available and app.history_view.list.count() == app.history.count()
    with running_app(qtbot, FakeRunner) as again:
        assert again.startup_notices == []


def test_a_read_only_data_folder_gives_one_message_and_a_working_window(qtbot, app_dirs: Path, monkeypatch):
    if os.geteuid() == 0:
        pytest.skip("root can write to a read-only folder; the CLI cases below cover the message")
    data = app_dirs / "data"
    data.mkdir(parents=True, exist_ok=True)
    data.chmod(0o500)
    try:
        with running_app(qtbot, FakeRunner) as app:
            assert any("cannot be written to" in n for n in app.startup_notices)
            assert not app.history.available and app.history_view.off.isVisible()
    finally:
        data.chmod(0o700)


def test_the_command_line_prints_the_result_even_when_the_history_is_damaged(tiny_marian_dir, app_dirs: Path):
    path = app_dirs / "data" / "history.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"garbage" * 1000)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "translate",
            "the red cat sleeps .",
            "--model",
            str(tiny_marian_dir),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["text"].strip() == "el gato rojo duerme ."
    assert "note: The history database was damaged" in done.stderr and "Traceback" not in done.stderr
    assert HistoryStore(path).count() == 1

    with sqlite3.connect(path) as db:  # a history from a newer app: the result still comes, with a warning
        db.execute("PRAGMA user_version=99")
    newer = subprocess.run(
        [sys.executable, "-m", "desktop_app", "translate", "the red cat sleeps .", "--model", str(tiny_marian_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert newer.returncode == 0 and newer.stdout.strip() == "el gato rojo duerme ."
    assert "warning: not recorded in the history" in newer.stderr
