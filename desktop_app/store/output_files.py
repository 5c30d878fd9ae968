"""Writing what the user asked to save: checked before the job runs, written whole or not at all, and never
over a file that is already there unless they said so."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from desktop_app.core.errors import DiskSpaceError, OutputError
from desktop_app.core.i18n import arg, tr
from desktop_app.store.disk_space import free_bytes

SMALL_MARGIN = 1024 * 1024  # exports are small: a megabyte spare is enough to know the disk is not full


def check_output_folder(folder: Path) -> Path:
    """A folder results can be written to, created when missing; a clear message when it cannot be."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise OutputError(arg(tr("%1 is a file, not a folder."), folder), hint=tr("Choose a folder for the output."))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            arg(tr("Could not create the folder %1: %2."), folder, exc.strerror or exc),
            hint=tr("Choose a folder you can write to."),
        ) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(
            arg(tr("The folder %1 cannot be written to."), folder), hint=tr("Choose a folder you can write to.")
        )
    return folder


def check_output_file(path: Path, suffixes: Iterable[str]) -> Path:
    """An output file name with a known extension in a folder that exists and can be written to."""
    path = Path(path).expanduser()
    allowed = tuple(suffixes)
    if path.suffix.lower() not in allowed:
        raise OutputError(
            arg(
                tr("%1 has %2; the output can be %3."),
                path.name,
                "no extension" if not path.suffix else "the extension " + path.suffix,
                ", ".join(allowed),
            ),
            hint=f"e.g. {path.stem or 'out'}{allowed[0]}",
        )
    if path.is_dir():
        raise OutputError(arg(tr("%1 is a folder."), path), hint=tr("Give a file name inside it."))
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(
            arg(tr("The folder %1 does not exist."), parent), hint=tr("Create it first, or choose another.")
        )
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(
            arg(tr("The folder %1 cannot be written to."), parent), hint=tr("Choose a folder you can write to.")
        )
    return path


def unique_path(path: Path, taken: set[Path] | None = None, replace_existing: bool = False) -> Path:
    """`path`, or `name-2.ext`, `name-3.ext`... when that name was just used (`taken`) or, unless
    `replace_existing`, a file has it already."""
    taken = taken if taken is not None else set()
    candidate, number = path, 1
    while candidate in taken or (candidate.exists() and not replace_existing):
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    taken.add(candidate)
    return candidate


def write_text_whole(path: Path, text: str) -> None:
    """Write `text` to `path` completely or not at all: a full disk leaves no half-written or empty file."""
    data = text.encode("utf-8", "backslashreplace")
    free = free_bytes(path.parent)
    if len(data) + SMALL_MARGIN > free:
        raise DiskSpaceError(
            arg(tr("Not enough free disk space to write %1 (%2 KB free)."), path, free // 1024),
            hint=tr("Free some space, or write to another disk."),
        )
    temporary = path.with_name(f".{path.name}.writing-{os.getpid()}")
    try:
        with temporary.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(
            arg(tr("Could not write %1: %2."), path, exc.strerror or exc),
            hint=tr("Check the disk's free space and the folder's permissions."),
        ) from exc
