"""The results of a batch job: one row per input, in Parquet or JSONL. Rows are appended to a JSONL journal as
they arrive (a JSONL output is its own journal), so an interrupted run keeps what it finished and a rerun skips
it; a Parquet output is written whole from the journal when the run ends."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.core.errors import InvalidRequestError, OutputError
from desktop_app.core.i18n import arg, tr

FORMATS = (".parquet", ".jsonl")


@dataclass(frozen=True)
class ResultRow:
    input: str
    task: str
    result: str = ""  # the caption, transcript or translation
    embedding: list[float] | None = None  # embed: the image's normalised vector
    model: str = ""
    revision: str = ""
    seconds: float = 0.0  # this input's share of its batch's time
    error: str = ""  # why this input has no result ("" when it has one)
    worker: str = ""  # the process that made it (host:pid)
    extra: dict[str, Any] = field(default_factory=dict)  # what else the task says (language, duration)

    @property
    def ok(self) -> bool:
        return not self.error

    def as_json(self) -> str:
        """One line of the journal or a JSONL output (and what a Ray worker sends back)."""
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> ResultRow:
        return cls(**json.loads(line))


class ResultsFile:
    def __init__(self, path: Path) -> None:
        if path.suffix.lower() not in FORMATS:
            raise InvalidRequestError(
                arg(tr("The results file must end in .parquet or .jsonl, not '%1'."), path.suffix or path.name)
            )
        self.path = path
        self.parquet = path.suffix.lower() == ".parquet"
        self.journal = path.with_name(path.name + ".partial.jsonl") if self.parquet else path

    def rows(self) -> list[ResultRow]:
        """Every row written so far, by this run and the ones before it (the last row of an input wins)."""
        rows: dict[str, ResultRow] = {}
        if self.parquet and self.path.exists():
            for record in _read_parquet(self.path):
                rows[record["input"]] = _row(record)
        if self.journal.exists():
            for line in self.journal.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue  # the last line of a run that was killed mid-write
                rows[record["input"]] = _row(record)
        return list(rows.values())

    def done(self, retry_errors: bool = False) -> set[str]:
        return {row.input for row in self.rows() if row.ok or not retry_errors}

    def append(self, rows: Iterable[ResultRow]) -> None:
        lines = "".join(row.as_json() + "\n" for row in rows)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.journal.open("a", encoding="utf-8") as journal:
                journal.write(lines)
                journal.flush()
                os.fsync(journal.fileno())  # a crash right after loses nothing said done
        except OSError as exc:
            raise OutputError(arg(tr("Cannot write the results to %1: %2"), self.journal, exc.strerror)) from exc

    def finish(self) -> int:
        """Write the final file, one row per input sorted by input (a Parquet file from its journal, which then
        goes; a JSONL file rewritten, so that an input run again has its newest row only); the rows."""
        rows = sorted(self.rows(), key=lambda row: row.input)
        temporary = self.path.with_name(self.path.name + ".writing")
        try:
            if self.parquet:
                import pyarrow as pa
                import pyarrow.parquet as pq

                records = [{**asdict(row), "extra": json.dumps(row.extra, ensure_ascii=False)} for row in rows]
                pq.write_table(pa.Table.from_pylist(records, schema=_schema()), temporary)
            elif rows:
                temporary.write_text("".join(row.as_json() + "\n" for row in rows), encoding="utf-8")
            if temporary.exists():
                temporary.replace(self.path)
        except OSError as exc:
            raise OutputError(arg(tr("Cannot write the results to %1: %2"), self.path, exc.strerror)) from exc
        if self.parquet:
            self.journal.unlink(missing_ok=True)
        return len(rows)


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("input", pa.string()),
            ("task", pa.string()),
            ("result", pa.string()),
            ("embedding", pa.list_(pa.float32())),
            ("model", pa.string()),
            ("revision", pa.string()),
            ("seconds", pa.float64()),
            ("error", pa.string()),
            ("worker", pa.string()),
            ("extra", pa.string()),  # JSON
        ]
    )


def _read_parquet(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    try:
        records: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    except Exception as exc:  # pyarrow's ArrowInvalid and OSError: a file this app did not write
        raise InvalidRequestError(
            arg(tr("%1 is not a results file this app can add to: %2"), path, exc),
            hint=tr("Choose another output file."),
        ) from exc
    return records


def _row(record: dict[str, Any]) -> ResultRow:
    extra = record.get("extra") or {}
    return ResultRow(
        input=str(record["input"]),
        task=str(record.get("task", "")),
        result=str(record.get("result") or ""),
        embedding=list(record["embedding"]) if record.get("embedding") is not None else None,
        model=str(record.get("model") or ""),
        revision=str(record.get("revision") or ""),
        seconds=float(record.get("seconds") or 0.0),
        error=str(record.get("error") or ""),
        worker=str(record.get("worker") or ""),
        extra=json.loads(extra) if isinstance(extra, str) else dict(extra),
    )
