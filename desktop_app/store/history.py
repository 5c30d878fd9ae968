"""Every finished job, kept in SQLite in the user data folder: inputs, model, parameters, outputs, timings."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at REAL NOT NULL,
    task TEXT NOT NULL,
    status TEXT NOT NULL,
    model_ref TEXT NOT NULL DEFAULT '',
    model_source TEXT NOT NULL DEFAULT '',
    model_revision TEXT NOT NULL DEFAULT '',
    inputs TEXT NOT NULL,
    parameters TEXT NOT NULL,
    outputs TEXT NOT NULL,
    timings TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_created ON jobs(created_at DESC);
"""


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
    def __init__(self, db_path: Path) -> None:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self.db_path = db_path
        self._db = sqlite3.connect(db_path)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        self._db.commit()

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
    ) -> int:
        cursor = self._db.execute(
            "INSERT INTO jobs (created_at, task, status, model_ref, model_source, model_revision, inputs, "
            "parameters, outputs, timings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                created_at if created_at is not None else time.time(), task, status, model_ref, model_source,
                model_revision, _dump(inputs), _dump(parameters), _dump(outputs), _dump(timings),
            ),
        )
        self._db.commit()
        return int(cursor.lastrowid or 0)

    def recent(self, limit: int = 200, task: str = "", search: str = "") -> list[HistoryEntry]:
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
        row = self._db.execute("SELECT * FROM jobs WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def delete(self, entry_id: int) -> None:
        self._db.execute("DELETE FROM jobs WHERE id = ?", (entry_id,))
        self._db.commit()

    def count(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def _dump(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _entry(row: sqlite3.Row) -> HistoryEntry:
    return HistoryEntry(
        id=row["id"], created_at=row["created_at"], task=row["task"], status=row["status"],
        model_ref=row["model_ref"], model_source=row["model_source"], model_revision=row["model_revision"],
        inputs=json.loads(row["inputs"]), parameters=json.loads(row["parameters"]),
        outputs=json.loads(row["outputs"]), timings=json.loads(row["timings"]),
    )
