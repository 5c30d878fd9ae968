"""Streaming sha256 with progress and cancel: weight files are hundreds of megabytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop_app.core.context import JobContext

CHUNK = 8 * 1024 * 1024


def sha256_of(path: Path, ctx: JobContext | None = None, label: str = "Checking") -> str:
    digest = hashlib.sha256()
    total = max(path.stat().st_size, 1)
    done = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            done += len(chunk)
            if ctx is not None:
                ctx.check_cancelled()
                ctx.progress(f"{label} {path.name}", done / total)
    return digest.hexdigest()


def folder_size(path: Path) -> int:
    """Bytes on disk; follows the Hugging Face cache's snapshot links to their blobs."""
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
