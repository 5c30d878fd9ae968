"""Streaming sha256 with progress and cancel: weight files are hundreds of megabytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from desktop_app.core.context import JobContext

CHUNK = 8 * 1024 * 1024


def sha256_of(paths: Path | list[Path], ctx: JobContext | None = None, label: str = "Checking") -> str:
    """sha256 of one file, or of several files joined in order (a weight file split across packages)."""
    files = [paths] if isinstance(paths, Path) else list(paths)
    digest = hashlib.sha256()
    total = max(sum(path.stat().st_size for path in files), 1)
    done = 0
    for path in files:
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
