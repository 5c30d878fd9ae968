"""Which files a batch job reads: the task's kinds of file under a folder, in a stable order."""

from __future__ import annotations

from pathlib import Path

from desktop_app.audio.decoding import AUDIO_SUFFIXES
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr
from desktop_app.images.loading import IMAGE_SUFFIXES

BATCH_TASKS = ("caption", "transcribe", "translate", "embed")
TEXT_SUFFIXES = (".txt", ".md")
SUFFIXES = {
    "caption": IMAGE_SUFFIXES,
    "embed": IMAGE_SUFFIXES,
    "transcribe": AUDIO_SUFFIXES,
    "translate": TEXT_SUFFIXES,
}


def gather(task: str, folder: Path) -> list[str]:
    """Every file of the task's kinds under `folder` (subfolders too, hidden ones skipped), sorted."""
    if task not in SUFFIXES:
        raise InvalidRequestError(arg(tr("'%1' is not a batch task."), task), hint=", ".join(BATCH_TASKS))
    if not folder.is_dir():
        raise InvalidRequestError(arg(tr("The folder %1 does not exist."), folder))
    found = [
        str(path)
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SUFFIXES[task]
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    if not found:
        raise InvalidRequestError(
            arg(tr("There are no files to %1 in %2."), task, folder),
            hint=arg(tr("It reads %1 files."), " ".join(SUFFIXES[task])),
        )
    return sorted(found)
