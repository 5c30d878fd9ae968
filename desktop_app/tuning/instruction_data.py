"""Instruction data as people have it: JSONL or CSV files (or a folder of them), each example either
instruction / input / output or a chat `messages` list. Every problem is reported with its file and line;
nothing is dropped without a message, and a file with problems imports no example until they are fixed."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr

SUFFIXES = (".jsonl", ".csv", ".json")
ROLES = ("system", "user", "assistant")
MAX_PROBLEMS_SHOWN = 20
ORIGIN = "_from"  # in a kept dataset: the file and line the example was imported from


@dataclass(frozen=True)
class Example:
    """One training example as a conversation: everything before the last turn is the prompt, the last
    (assistant) turn is what the model learns to answer. `where` is "file:line" for messages."""

    messages: tuple[tuple[str, str], ...]  # (role, content)
    where: str = ""

    @property
    def prompt(self) -> tuple[tuple[str, str], ...]:
        return self.messages[:-1]

    @property
    def answer(self) -> str:
        return self.messages[-1][1]

    @property
    def instruction(self) -> str:
        """The last user turn: what a table shows and what augmentation rewrites."""
        return next((text for role, text in reversed(self.prompt) if role == "user"), "")

    def with_instruction(self, text: str) -> Example:
        turns = list(self.messages)
        for index in range(len(turns) - 2, -1, -1):
            if turns[index][0] == "user":
                turns[index] = ("user", text)
                break
        return Example(tuple(turns), self.where)

    def as_json(self) -> dict[str, Any]:
        """The example as a kept dataset stores it: chat messages, and where it came from in the user's data."""
        kept: dict[str, Any] = {"messages": [{"role": role, "content": text} for role, text in self.messages]}
        if self.where:
            kept[ORIGIN] = self.where
        return kept

    def as_chat(self) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
        """trl's conversational prompt-completion form: the loss falls on the answer only."""
        prompt = [{"role": role, "content": text} for role, text in self.prompt]
        return prompt, [{"role": "assistant", "content": self.answer}]


@dataclass(frozen=True)
class Problem:
    where: str  # "data.jsonl:12"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class ImportedData:
    examples: tuple[Example, ...]
    problems: tuple[Problem, ...]
    files: tuple[Path, ...]

    def raise_problems(self) -> None:
        """One message listing the first problems, each with its file and line."""
        if not self.problems:
            return
        shown = "\n".join(str(problem) for problem in self.problems[:MAX_PROBLEMS_SHOWN])
        more = len(self.problems) - MAX_PROBLEMS_SHOWN
        if more > 0:
            shown += "\n" + arg(tr("… and %1 more."), more)
        raise InvalidRequestError(
            arg(tr("The data has %1 problem(s):"), len(self.problems)) + "\n" + shown,
            hint=tr("Fix these lines and import again; no example was left out silently."),
        )


def data_files(source: Path) -> tuple[Path, ...]:
    """The data files of `source`: itself, or a folder's .jsonl/.csv/.json files (not hidden ones), sorted."""
    if source.is_dir():
        return tuple(sorted(p for p in source.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(".")))
    return (source,)


def import_data(
    source: Path, max_tokens: int = 0, count_tokens: Callable[[Example], int] | None = None
) -> ImportedData:
    """Read every example under `source`, checking each; `count_tokens` (with `max_tokens`) flags examples
    longer than training will take."""
    if not source.exists():
        raise InvalidRequestError(arg(tr("%1 does not exist."), str(source)))
    files = data_files(source)
    if not files:
        raise InvalidRequestError(
            arg(tr("%1 holds no .jsonl or .csv files."), str(source)), hint=tr("Choose a file or another folder.")
        )
    examples: list[Example] = []
    problems: list[Problem] = []
    for path in files:
        for where, record, problem in _records(path):
            if problem:
                problems.append(Problem(where, problem))
                continue
            example, problem = _example(record, where)
            if example is not None and count_tokens is not None and max_tokens:
                length = count_tokens(example)
                if length > max_tokens:
                    example, problem = None, arg(tr("too long: %1 tokens, at most %2"), length, max_tokens)
            if example is None:
                problems.append(Problem(where, problem))
            else:
                examples.append(example)
    if not examples and not problems:
        problems.append(Problem(str(source), tr("no examples")))
    return ImportedData(tuple(examples), tuple(problems), files)


def split(
    examples: tuple[Example, ...], validation_share: float, seed: int
) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    """Train and validation, shuffled under `seed`; at least one example on each side when there are two."""
    order = list(examples)
    random.Random(seed).shuffle(order)
    held = round(len(order) * validation_share)
    if len(order) >= 2 and validation_share > 0:
        held = min(max(held, 1), len(order) - 1)
    return tuple(order[held:]), tuple(order[:held])


def read_text(path: Path) -> str:
    """A text file the user gave (to augment, to distil on), or a message saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidRequestError(arg(tr("%1 cannot be read as UTF-8 text (%2)."), str(path), str(error))) from error


def write_jsonl(path: Path, examples: tuple[Example, ...] | list[Example]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for example in examples:
            out.write(json.dumps(example.as_json(), ensure_ascii=False) + "\n")


# -- reading ---------------------------------------------------------------------------------------------------
def _records(path: Path) -> Iterator[tuple[str, dict[str, Any], str]]:
    """(where, record, problem) for each line or row; a record that cannot be read has a problem instead."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield f"{path.name}:{_line_of(path, error.start)}", {}, tr("not UTF-8 text")
        return
    except OSError as error:
        yield path.name, {}, arg(tr("cannot be read (%1)"), error.strerror or str(error))
        return
    if path.suffix.lower() == ".csv":
        yield from _csv_records(path.name, text)
        return
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped.startswith("["):  # one JSON array of records
        try:
            items = json.loads(text)
        except json.JSONDecodeError as error:
            yield f"{path.name}:{error.lineno}", {}, arg(tr("broken JSON (%1)"), error.msg)
            return
        for number, item in enumerate(items, 1):
            yield (
                f"{path.name}[{number}]",
                item if isinstance(item, dict) else {},
                "" if isinstance(item, dict) else tr("not a JSON object"),
            )
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield f"{path.name}:{number}", {}, arg(tr("broken JSON (%1, column %2)"), error.msg, error.colno)
            continue
        if not isinstance(record, dict):
            yield f"{path.name}:{number}", {}, tr("not a JSON object")
            continue
        yield f"{path.name}:{number}", record, ""


def _csv_records(name: str, text: str) -> Iterator[tuple[str, dict[str, Any], str]]:
    reader = csv.DictReader(text.splitlines())
    columns = {c.strip().lower() for c in reader.fieldnames or ()}
    if not {"instruction", "output"} <= columns:
        yield f"{name}:1", {}, tr("a CSV file needs a header with 'instruction' and 'output' columns (and 'input')")
        return
    for row in reader:
        record = {(key or "").strip().lower(): value for key, value in row.items()}
        if None in row:  # more cells than the header names
            yield f"{name}:{reader.line_num}", {}, tr("more cells than the header has columns")
            continue
        yield f"{name}:{reader.line_num}", record, ""


def _example(record: dict[str, Any], where: str) -> tuple[Example | None, str]:
    if isinstance(record.get(ORIGIN), str):
        where = record[ORIGIN]
    if "messages" in record:
        return _chat_example(record["messages"], where)
    if "instruction" not in record and "output" not in record:
        return None, tr("needs 'instruction' and 'output' (or 'messages')")
    instruction, extra, output = (_text(record.get(key)) for key in ("instruction", "input", "output"))
    if instruction is None or extra is None or output is None:
        return None, tr("'instruction', 'input' and 'output' must be text")
    if not instruction.strip():
        return None, tr("empty instruction")
    if not output.strip():
        return None, tr("empty output")
    prompt = f"{instruction.strip()}\n\n{extra.strip()}" if extra.strip() else instruction.strip()
    return Example((("user", prompt), ("assistant", output.strip())), where), ""


def _chat_example(messages: Any, where: str) -> tuple[Example | None, str]:
    if not isinstance(messages, list) or not messages:
        return None, tr("'messages' must be a non-empty list")
    turns: list[tuple[str, str]] = []
    for turn in messages:
        if not isinstance(turn, dict) or turn.get("role") not in ROLES or not isinstance(turn.get("content"), str):
            return None, tr("each message needs a role (system, user, assistant) and text content")
        turns.append((turn["role"], turn["content"]))
    if turns[-1][0] != "assistant":
        return None, tr("the last message must be the assistant's answer")
    if not turns[-1][1].strip():
        return None, tr("empty output")
    if not any(role == "user" for role, _ in turns[:-1]):
        return None, tr("no user message before the answer")
    return Example(tuple(turns), where), ""


def _text(value: Any) -> str | None:
    if value is None:
        return ""
    return value if isinstance(value, str) else None


def _line_of(path: Path, offset: int) -> int:
    try:
        return path.read_bytes()[:offset].count(b"\n") + 1
    except OSError:
        return 1
