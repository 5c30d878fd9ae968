"""Captions as files: a dataset-style sidecar .txt per image, CSV, JSON and plain lines. Pure functions,
shared by the Caption panel (with the user's edits) and the command line."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app.core.results import ImageCaption

FORMATS = ("txt", "csv", "json")


def to_lines(items: Sequence[ImageCaption]) -> str:
    """One `path<TAB>caption` line per image; failures say why after `error:`."""
    return "".join(f"{item.path}\t{item.caption if item.ok else 'error: ' + _error(item)}\n" for item in items)


def to_csv(items: Sequence[ImageCaption]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["path", "caption", "seconds", "error"])
    for item in items:
        writer.writerow([item.path, item.caption, f"{item.seconds:.4f}", _error(item)])
    return out.getvalue()


def to_json(items: Sequence[ImageCaption], extra: dict[str, Any] | None = None) -> str:
    payload = {**(extra or {}), "captions": [item.as_dict() for item in items]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render(items: Sequence[ImageCaption], fmt: str) -> str:
    if fmt == "csv":
        return to_csv(items)
    if fmt == "json":
        return to_json(items)
    return to_lines(items)


def sidecar_path(image_path: str | Path) -> Path:
    """`photo.jpg` -> `photo.txt` beside it: the layout captioned image datasets use."""
    return Path(image_path).with_suffix(".txt")


def write_sidecars(items: Sequence[ImageCaption], overwrite: bool = False) -> tuple[list[Path], list[str], list[Path]]:
    """Write each captioned image's sidecar. Returns the files written, a message per failure, and the
    existing sidecars left as they were (a person's own captions are kept unless `overwrite`)."""
    written, problems, kept = [], [], []
    for item in items:
        if not item.ok or not item.caption:
            continue
        target = sidecar_path(item.path)
        if target.exists() and not overwrite:
            kept.append(target)
            continue
        try:
            target.write_text(item.caption + "\n", encoding="utf-8")
        except OSError as exc:
            problems.append(f"{target}: {exc.strerror or exc}")
        else:
            written.append(target)
    return written, problems, kept


def _error(item: ImageCaption) -> str:
    return item.error.message if item.error is not None else ""
