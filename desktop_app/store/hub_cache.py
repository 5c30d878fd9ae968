"""Read-only look-ups in the Hugging Face cache, without importing huggingface_hub (cheap enough for the GUI)."""

from __future__ import annotations

import os
import re
from pathlib import Path

HUB_ID_PATTERN = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")


def looks_like_hub_id(ref: str) -> bool:
    return bool(HUB_ID_PATTERN.match(ref)) and not Path(ref).expanduser().exists()


def hub_cache_dir() -> Path:
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    hf_home = os.environ.get("HF_HOME") or os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "huggingface"
    )
    return Path(hf_home) / "hub"


def cached_snapshot(hub_id: str, revision: str = "main") -> tuple[Path, str] | None:
    """The folder and commit of a complete cached snapshot of `hub_id`, or None."""
    repo_dir = hub_cache_dir() / ("models--" + hub_id.replace("/", "--"))
    snapshots = repo_dir / "snapshots"
    if not snapshots.is_dir():
        return None
    ref_file = repo_dir / "refs" / revision
    commit = ref_file.read_text().strip() if ref_file.is_file() else revision
    candidate = snapshots / commit
    if candidate.is_dir() and (candidate / "config.json").exists():
        return candidate, commit
    # No ref recorded (e.g. copied in by hand): take any snapshot that looks like a model.
    for folder in sorted(snapshots.iterdir()):
        if (folder / "config.json").exists():
            return folder, folder.name
    return None
