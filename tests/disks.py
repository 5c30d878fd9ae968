"""Real small and read-only disks for the tests: tmpfs file systems mounted for one test (this needs root,
which CI has; elsewhere the tests that need them are skipped with that reason)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _require_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small or read-only disk needs root (CI runs as root)")


@contextmanager
def tmpfs(folder: Path, size_kb: int, read_only: bool = False) -> Iterator[Path]:
    """`folder` as a disk of `size_kb` KB (read-only when asked: even root cannot write to it)."""
    _require_root()
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755", "tmpfs", str(folder)], check=True)
    try:
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave_bytes: int) -> None:
    """Fill the disk of `folder` until only about `leave_bytes` are free."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    if free > leave_bytes:
        (folder / ".ballast").write_bytes(b"\0" * (free - leave_bytes))
