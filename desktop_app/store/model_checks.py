"""Checks a model folder passes before anything in it is loaded: its configs are JSON and ask for no code of
their own, and its safetensors files are whole. Each failure names the file, what is wrong, and what to do.

transformers runs a folder's own Python when a config's `auto_map` names it and the caller trusts remote
code; the app never does, but a refusal inside transformers can still become a question on the terminal.
So a folder that asks for code is refused here, before transformers sees it.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

from desktop_app.core.errors import ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.units import human_size

# safetensors: an 8-byte little-endian header length, a JSON header, then the tensor bytes.
MAX_HEADER_BYTES = 100 * 1024 * 1024  # the format's own limit
_REMOTE_CODE_HINT = (
    "This app never runs code from a model folder. Use a version of the model that transformers "
    "supports natively (for Florence-2, the florence-community checkpoints)."
)


def check_configs(folder: Path, what: str) -> None:
    """Every config in `folder` is valid JSON and none asks to run the folder's own code (`auto_map`)."""
    for path in sorted(folder.glob("*.json")):
        if "config" not in path.name:  # tokenizer.json and vocabularies are data, often megabytes of it
            continue
        config = read_json(path, what)
        classes = _auto_map_classes(config)
        if classes:
            raise ModelLoadError(
                arg(
                    tr("%1 asks to run its own Python code (%2 names %3 in auto_map), so it was not loaded."),
                    what,
                    path.name,
                    ", ".join(sorted(classes)[:3]),
                ),
                hint=_REMOTE_CODE_HINT,
            )


def refuse_remote_code_config(config: dict[str, Any], what: str) -> None:
    """The same refusal for a config read from the Hub's listing, before anything is downloaded."""
    classes = _auto_map_classes(config)
    if classes:
        raise ModelLoadError(
            arg(
                tr("%1 asks to run its own Python code (its config names %2 in auto_map), so it was not downloaded."),
                what,
                ", ".join(sorted(classes)[:3]),
            ),
            hint=_REMOTE_CODE_HINT,
        )


def read_json(path: Path, what: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ModelLoadError(
            arg(tr("%1 in %2 is not text (it should be JSON)."), path.name, what),
            hint=tr("The file is damaged: copy or download the model again."),
        ) from exc
    except OSError as exc:
        raise ModelLoadError(
            arg(tr("%1 in %2 cannot be read: %3."), path.name, what, exc.strerror or exc),
            hint=tr("Check the file's permissions."),
        ) from exc
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ModelLoadError(
            arg(tr("%1 in %2 is not valid JSON (%3)."), path.name, what, exc),
            hint=tr("The file is damaged or was edited by hand: copy or download the model again."),
        ) from exc


def _auto_map_classes(value: Any) -> set[str]:
    """Every class an `auto_map` names, at any depth (sub-configs carry their own)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "auto_map" and item:
                found |= _flatten(item)
            else:
                found |= _auto_map_classes(item)
    elif isinstance(value, list):
        for item in value:
            found |= _auto_map_classes(item)
    return found


def _flatten(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*(_flatten(v) for v in value.values())) if value else {"(unnamed)"}
    if isinstance(value, list):
        return set().union(*(_flatten(v) for v in value if v)) if value else {"(unnamed)"}
    return {str(value)}


def check_safetensors(folder: Path, what: str) -> None:
    """Each safetensors file is whole: a sane header whose tensors all lie inside the file."""
    for path in sorted(folder.glob("*.safetensors")):
        _check_safetensors_file(path, what)


def _check_safetensors_file(path: Path, what: str) -> None:
    name = f"{path.name} in {what}"
    again = "Copy or download the model again."
    size = path.stat().st_size
    if size == 0:
        raise ModelLoadError(arg(tr("%1 is empty (0 bytes)."), name), hint=again)
    if size < 8:
        raise ModelLoadError(
            arg(tr("%1 is cut short (%2 bytes): it is not a safetensors file."), name, size), hint=again
        )
    with path.open("rb") as handle:
        (header_bytes,) = struct.unpack("<Q", handle.read(8))
        if header_bytes > min(MAX_HEADER_BYTES, size - 8):
            raise ModelLoadError(
                arg(
                    tr("%1 is damaged: its header says %2, more than the file holds (%3)."),
                    name,
                    human_size(header_bytes),
                    human_size(size),
                ),
                hint=again,
            )
        try:
            header = json.loads(handle.read(header_bytes))
        except ValueError as exc:
            raise ModelLoadError(arg(tr("%1 is damaged: its header is not readable."), name), hint=again) from exc
    if not isinstance(header, dict):
        raise ModelLoadError(arg(tr("%1 is damaged: its header is not a table of tensors."), name), hint=again)
    ends = [
        entry["data_offsets"][1]
        for key, entry in header.items()
        if key != "__metadata__" and isinstance(entry, dict) and len(entry.get("data_offsets", ())) == 2
    ]
    needed = 8 + header_bytes + max(ends, default=0)
    if needed > size:
        raise ModelLoadError(
            arg(
                tr("%1 is cut short: it holds %2 of the %3 its header describes."),
                name,
                human_size(size),
                human_size(needed),
            ),
            hint=again,
        )
