"""Read-only look-ups in the Hugging Face cache, without importing huggingface_hub (cheap enough for the GUI)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from desktop_app.store.repo_files import RepoFiles, missing_shards

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
    """The folder and commit of a cached snapshot of `hub_id` that holds a whole model: the one `revision`
    names when it is there, else any complete one (e.g. copied in by hand, or another commit)."""
    repo_dir = hub_cache_dir() / ("models--" + hub_id.replace("/", "--"))
    snapshots = repo_dir / "snapshots"
    if not snapshots.is_dir():
        return None
    ref_file = repo_dir / "refs" / revision
    commit = ref_file.read_text().strip() if ref_file.is_file() else revision
    candidates = [snapshots / commit, *sorted(p for p in snapshots.iterdir() if p.name != commit)]
    for folder in candidates:
        if is_whole_model(folder):
            return folder, folder.name
    return None


def is_whole_model(folder: Path) -> bool:
    """A config, and weights in some format with every shard its index names (a half-downloaded snapshot is
    not a model)."""
    if not (folder / "config.json").is_file():
        return False
    files = RepoFiles.of_folder(folder)
    return bool(files.formats()) and not missing_shards(folder)
