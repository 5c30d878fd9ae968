"""Every finished job, kept in SQLite in the user data folder: inputs, model, parameters, outputs, timings;
and the chat's conversations (store/conversations.py reads and writes those, on the same database)."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.i18n import arg, tr
from desktop_app.store.history_recovery import HistoryRecovery, HistoryUnavailable, make_private_folder, set_aside

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2  # 2: the chat's conversations and messages
_COLUMNS = {  # every column, with what an older file that lacks it gets
    "created_at": "REAL NOT NULL DEFAULT 0",
    "task": "TEXT NOT NULL DEFAULT ''",
    "status": "TEXT NOT NULL DEFAULT 'finished'",
    "model_ref": "TEXT NOT NULL DEFAULT ''",
    "model_source": "TEXT NOT NULL DEFAULT ''",
    "model_revision": "TEXT NOT NULL DEFAULT ''",
    "inputs": "TEXT NOT NULL DEFAULT '{}'",
    "parameters": "TEXT NOT NULL DEFAULT '{}'",
    "outputs": "TEXT NOT NULL DEFAULT '{}'",
    "timings": "TEXT NOT NULL DEFAULT '{}'",
}
_TABLE = (
    "CREATE TABLE IF NOT EXISTS jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    + ", ".join(f"{name} {kind}" for name, kind in _COLUMNS.items())
    + ")"
)


# The chat: conversations, and their messages as a tree (a message's parent is the one it answers or follows;
# an edited message or a regenerated answer is a sibling, so every branch is kept).
CHAT_TABLES = ("conversations", "messages")
CHAT_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS conversations (id INTEGER PRIMARY KEY AUTOINCREMENT, created_at REAL NOT NULL, "
    "updated_at REAL NOT NULL, title TEXT NOT NULL DEFAULT '', system_prompt TEXT NOT NULL DEFAULT '', "
    "model_ref TEXT NOT NULL DEFAULT '', leaf_id INTEGER)",
    "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY AUTOINCREMENT, conversation_id INTEGER NOT NULL, "
    "parent_id INTEGER, role TEXT NOT NULL, content TEXT NOT NULL, created_at REAL NOT NULL, "
    "meta TEXT NOT NULL DEFAULT '{}')",
    "CREATE INDEX IF NOT EXISTS messages_conversation ON messages(conversation_id, parent_id)",
)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    created_at: float
    task: str
    status: str  # "finished" or "cancelled" (a partial result is still worth keeping)
    model_ref: str
    model_source: str
    model_revision: str
    inputs: dict[str, Any]
    parameters: dict[str, Any]
    outputs: dict[str, Any]
    timings: dict[str, float]

    def title(self, width: int = 60) -> str:
        text = next((_describe(v) for v in self.inputs.values() if _describe(v)), self.task)
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"


def _describe(value: object) -> str:
    """An input as a title: text as it is; a list of files as the first name and how many more."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value):
        first = str(value[0]).replace("\\", "/").rsplit("/", 1)[-1]
        return first + (f" and {len(value) - 1} more" if len(value) > 1 else "")
    return ""


class HistoryStore:
    """The history database, opened so that damage never stops the app: a damaged file is moved aside (never
    deleted), what SQLite can still read of it is copied into a fresh one, and `recovery` says what happened.
    A folder that cannot be written leaves the history off (`problem` says why) and the app running."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.recovery: HistoryRecovery | None = None
        self.problem = ""
        self._db: sqlite3.Connection | None = None
        try:
            self._db = self._open()
        except (OSError, sqlite3.Error, HistoryUnavailable) as exc:
            self.problem = (
                str(exc)
                if isinstance(exc, HistoryUnavailable)
                else f"The history cannot be kept in {db_path.parent}: {_reason(exc)}."
            )
            log.warning("history off: %s", self.problem)

    @property
    def available(self) -> bool:
        return self._db is not None

    @property
    def connection(self) -> sqlite3.Connection | None:
        """The open database, for the conversations that share it; None when the history is off."""
        return self._db

    def _open(self) -> sqlite3.Connection:
        make_private_folder(self.db_path.parent)
        if self.db_path.exists() and not self.db_path.is_file():
            self.recovery = set_aside(self.db_path, tr("it is not a file"), salvage=False)
        db = _connect(self.db_path)
        damage = _damage(db)
        if damage:
            db.close()
            self.recovery = set_aside(self.db_path, damage, more_tables=CHAT_TABLES)
            db = _connect(self.db_path)
        try:
            _migrate(db)
        except sqlite3.DatabaseError as exc:  # damage that only a write shows
            db.close()
            self.recovery = set_aside(self.db_path, _reason(exc), more_tables=CHAT_TABLES)
            db = _connect(self.db_path)
            _migrate(db)
        if self.recovery is not None:
            _insert_rows(db, "jobs", self.recovery.rows)
            for table, rows in self.recovery.more.items():
                _insert_rows(db, table, rows)
        return db

    def add(
        self,
        task: str,
        *,
        inputs: dict[str, Any],
        parameters: dict[str, Any],
        outputs: dict[str, Any],
        timings: dict[str, float],
        status: str = "finished",
        model_ref: str = "",
        model_source: str = "",
        model_revision: str = "",
        created_at: float | None = None,
    ) -> int | None:
        """The new entry's id; None when the history is off."""
        if self._db is None:
            return None
        cursor = self._db.execute(
            "INSERT INTO jobs (created_at, task, status, model_ref, model_source, model_revision, inputs, "
            "parameters, outputs, timings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                created_at if created_at is not None else time.time(),
                task,
                status,
                model_ref,
                model_source,
                model_revision,
                _dump(inputs),
                _dump(parameters),
                _dump(outputs),
                _dump(timings),
            ),
        )
        self._db.commit()
        return int(cursor.lastrowid or 0)

    def recent(self, limit: int = 200, task: str = "", search: str = "") -> list[HistoryEntry]:
        if self._db is None:
            return []
        query, args = "SELECT * FROM jobs WHERE 1=1", list[object]()
        if task:
            query += " AND task = ?"
            args.append(task)
        if search:
            query += " AND (inputs LIKE ? OR outputs LIKE ?)"
            args += [f"%{search}%", f"%{search}%"]
        query += " ORDER BY created_at DESC, id DESC LIMIT ?"
        args.append(limit)
        return [_entry(row) for row in self._db.execute(query, args)]

    def get(self, entry_id: int) -> HistoryEntry | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def delete(self, entry_id: int) -> None:
        if self._db is None:
            return
        self._db.execute("DELETE FROM jobs WHERE id = ?", (entry_id,))
        self._db.commit()

    def count(self) -> int:
        if self._db is None:
            return 0
        return int(self._db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def _dump(value: dict[str, Any]) -> str:
    # Text SQLite can store whatever the input was: a file name that is not UTF-8 keeps its escapes.
    return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8", "backslashreplace").decode("utf-8")


def _connect(path: Path) -> sqlite3.Connection:
    if not path.exists():  # created readable by the user only: it holds every prompt and transcript
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    db = sqlite3.connect(path, timeout=10)
    db.row_factory = sqlite3.Row
    return db


def _damage(db: sqlite3.Connection) -> str:
    """What is wrong with an open database ('' when nothing): SQLite's own integrity check."""
    try:
        result = [row[0] for row in db.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        return _reason(exc)
    return "" if result == ["ok"] else "; ".join(result[:3])


def _migrate(db: sqlite3.Connection) -> None:
    """Crash-safe settings, then the schema brought to SCHEMA_VERSION one step at a time."""
    db.execute("PRAGMA journal_mode=WAL")  # a crash mid-write never damages what was committed
    db.execute("PRAGMA synchronous=FULL")  # and a committed entry survives a power cut
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise HistoryUnavailable(
            arg(
                tr(
                    "The history was written by a newer version of the app (schema %1); this one keeps no "
                    "history until that version is used again."
                ),
                version,
            )
        )
    if version < 1:  # the first schema; files from before versioning may lack columns: they get them
        db.execute(_TABLE)
        present = {row[1] for row in db.execute("PRAGMA table_info(jobs)")}
        for name, kind in _COLUMNS.items():
            if name not in present:
                db.execute(f"ALTER TABLE jobs ADD COLUMN {name} {kind}")
        db.execute("CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_at DESC)")
    if version < 2:
        for statement in CHAT_SCHEMA:
            db.execute(statement)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    db.commit()


def _insert_rows(db: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Salvaged rows into the fresh database, with the columns both have."""
    if not rows:
        return
    present = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
    names = [name for name in present if name in rows[0]]
    db.executemany(
        f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        [[row.get(name) for name in names] for row in rows],
    )
    db.commit()


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def _entry(row: sqlite3.Row) -> HistoryEntry:
    return HistoryEntry(
        id=row["id"],
        created_at=row["created_at"],
        task=row["task"],
        status=row["status"],
        model_ref=row["model_ref"],
        model_source=row["model_source"],
        model_revision=row["model_revision"],
        inputs=json.loads(row["inputs"]),
        parameters=json.loads(row["parameters"]),
        outputs=json.loads(row["outputs"]),
        timings=json.loads(row["timings"]),
    )
