"""Finished explanations kept on disk, per input, model and method: asking again for the same answer's
LIME or SHAP (hundreds of forward passes) returns at once. A key names everything the scores depend on;
a file that cannot be read is treated as missing."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def input_fingerprint(task_input: str, is_file: bool) -> str:
    """The text itself, or a file's path, size and modification time (a changed file is a new input)."""
    if not is_file:
        return task_input
    try:
        stat = os.stat(task_input)
    except OSError:
        return task_input
    return f"{os.path.abspath(task_input)}|{stat.st_size}|{stat.st_mtime_ns}"


class ExplanationCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, key: dict[str, Any]) -> Path:
        digest = hashlib.sha256(json.dumps(key, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        return self.folder / f"{digest[:32]}.json"

    def get(self, key: dict[str, Any], features: int) -> tuple[float, ...] | None:
        try:
            stored = json.loads(self._file(key).read_text(encoding="utf-8"))
            scores = tuple(float(v) for v in stored["scores"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return scores if len(scores) == features else None

    def put(self, key: dict[str, Any], scores: tuple[float, ...]) -> None:
        path = self._file(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_text(json.dumps({"key": key, "scores": list(scores)}, ensure_ascii=False), encoding="utf-8")
            partial.replace(path)
        except OSError as exc:  # a full or read-only disk costs the cache, not the explanation
            log.warning("could not keep the explanation in %s: %s", path, exc)
