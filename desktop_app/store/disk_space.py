"""Free space checked before a large write (a download, a conversion), where it is cheap to know."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from desktop_app.core.errors import DiskSpaceError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.units import human_size

# Room left over for everything else on the disk: the app never fills it to the last byte.
MARGIN_BYTES = 200 * 1024 * 1024


def existing_parent(path: Path) -> Path:
    """The nearest folder of `path` that exists (the disk a new folder there will live on)."""
    path = Path(path).absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def free_bytes(path: Path) -> int:
    return shutil.disk_usage(existing_parent(path)).free


def require_free_space(path: Path, needed: int, doing: str) -> None:
    """Refuse, before writing anything, when `needed` bytes (plus a margin) do not fit where `path` lives."""
    free = free_bytes(path)
    if needed + MARGIN_BYTES > free:
        raise DiskSpaceError(
            arg(
                tr("Not enough free disk space for %1: it needs %2 and %3 has %4 free."),
                doing,
                human_size(needed),
                existing_parent(path),
                human_size(free),
            ),
            hint=tr("Free some space (or move the app's cache with DESKTOP_APP_CACHE_DIR) and try again."),
        )


def link_or_copy(source: Path, destination: Path) -> None:
    """A hard link where the disk allows one (no second copy of large weights), else a copy."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
