"""A damaged history database, set aside and salvaged: a crash or power loss mid-write is how users get one,
and it must never stop the app from starting or lose the entries SQLite can still read.

The file (with its -wal and -shm companions) is renamed with a timestamp, never deleted. Its rows are then
read one at a time by rowid, so that a damaged page costs only the rows on it; rows whose JSON no longer
parses are left behind."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import sqlite3
import struct
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
_JSON_COLUMNS = ("inputs", "parameters", "outputs", "timings")
_PROBE_BEYOND = 2_000  # rowids tried past the last one a scan could read (rows behind a damaged index page)


class HistoryUnavailable(Exception):
    """The history cannot be used in this run (a newer schema); the app goes on without it."""


@dataclass(frozen=True)
class HistoryRecovery:
    """What happened to a damaged history file, said to the user once."""

    damaged_copy: Path
    reason: str
    rows: list[dict[str, Any]] = field(default_factory=list, repr=False)  # the jobs
    more: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)  # other tables' rows, by table

    def message(self) -> str:
        saved = (
            f"{len(self.rows)} entries were recovered into a new one"
            if self.rows
            else "Nothing in it could be read; a new, empty one was started"
        )
        return (
            f"The history database was damaged ({self.reason}). {saved}. The damaged file was kept as "
            f"{self.damaged_copy}."
        )


def make_private_folder(folder: Path) -> None:
    """The folder, created readable by the user only (it holds prompts, transcripts and recordings)."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # a folder the user made themselves keeps its own mode
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)


def set_aside(path: Path, reason: str, salvage: bool = True, more_tables: tuple[str, ...] = ()) -> HistoryRecovery:
    """Rename the damaged `path` (and its -wal/-shm) with a timestamp and read what rows it still holds."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    rows = salvage_rows(target) if salvage else []
    more = {table: salvage_rows(target, table) for table in more_tables} if salvage else {}
    log.warning("history database damaged (%s): moved to %s, %d rows recovered", reason, target, len(rows))
    return HistoryRecovery(target, reason, rows, more)


def salvage_rows(path: Path, table: str = "jobs") -> list[dict[str, Any]]:
    """Every row of `table` that can still be read whole, by rowid, from a copy whose header is made to match
    what the file holds (SQLite refuses the whole file when it is shorter than its header says)."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "salvage.sqlite3"
        try:
            shutil.copyfile(path, copy)
            _match_header_to_file(copy)
            db = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        except (OSError, sqlite3.Error):
            return []
        return _read_rows(db, table)


def _match_header_to_file(path: Path) -> None:
    """Page count in the header set to the pages really there; journal mode set to rollback, so that SQLite
    reads the file alone (a WAL beside the damaged copy is not trusted)."""
    with path.open("r+b") as handle:
        header = bytearray(handle.read(100))
        if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
            return
        (page_size,) = struct.unpack(">H", header[16:18])
        page_size = 65536 if page_size == 1 else page_size
        if page_size < 512:
            return
        header[18:20] = b"\x01\x01"
        header[28:32] = struct.pack(">I", path.stat().st_size // page_size)
        handle.seek(0)
        handle.write(header)


def _read_rows(db: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    db.row_factory = sqlite3.Row
    try:
        ids = _readable_ids(db, table)
        rows = []
        for rowid in sorted(ids):
            try:
                row = db.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
            except sqlite3.DatabaseError:
                continue
            if row is not None and (table != "jobs" or _whole(dict(row))):
                rows.append(dict(row))
        return rows
    finally:
        db.close()


def _readable_ids(db: sqlite3.Connection, table: str) -> set[int]:
    ids: set[int] = set()
    with contextlib.suppress(sqlite3.DatabaseError):
        for (rowid,) in db.execute(f"SELECT rowid FROM {table}"):
            ids.add(int(rowid))
    with contextlib.suppress(sqlite3.DatabaseError):
        (sequence,) = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone() or (0,)
        ids.update(range(1, int(sequence) + 1))
    return ids | set(range(1, max(ids, default=0) + _PROBE_BEYOND))


def _whole(row: dict[str, Any]) -> bool:
    try:
        return all(isinstance(json.loads(row[name]), dict) for name in _JSON_COLUMNS) and bool(row.get("task"))
    except (KeyError, TypeError, ValueError):
        return False


def private_file(path: Path) -> None:
    """Readable by the user only, whatever the umask made it."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)
