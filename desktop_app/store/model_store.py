"""Turn a model reference into a folder on disk.

Order: an explicit local folder; the Hugging Face cache; an installed model package (converted once);
a download when the network is allowed. Offline with nothing found: a message naming what to install.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelNotFoundError
from desktop_app.store import model_packages
from desktop_app.store.catalog import DEFAULT_MODELS, CatalogModel, catalog_entry, catalog_for_task
from desktop_app.store.checksums import folder_size
from desktop_app.store.hub_cache import cached_snapshot, looks_like_hub_id

log = logging.getLogger(__name__)

SOURCE_LOCAL = "local folder"
SOURCE_HUB_CACHE = "Hugging Face cache"
SOURCE_DOWNLOAD = "download"


@dataclass(frozen=True)
class ResolvedModel:
    ref: str
    path: Path
    source: str
    revision: str = ""
    catalog: CatalogModel | None = None


@dataclass(frozen=True)
class ModelAvailability:
    """A row of the model manager: cheap to compute, never converts or downloads anything."""

    ref: str
    task: str
    display_name: str
    status: str  # "ready", "needs conversion", "downloadable", "missing"
    source: str = ""
    path: str = ""
    size_bytes: int = 0
    hint: str = ""


def downloads_allowed() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0").lower() not in ("1", "true", "yes") and os.environ.get(
        "DESKTOP_APP_OFFLINE", "0"
    ).lower() not in ("1", "true", "yes")


class ModelStore:
    def __init__(self, converted_models_dir: Path) -> None:
        self.converted_models_dir = converted_models_dir

    def default_ref(self, task: str) -> str:
        return DEFAULT_MODELS.get(task, "")

    def resolve(self, ref: str, task: str, ctx: JobContext | None = None) -> ResolvedModel:
        ctx = ctx or JobContext()
        ref = ref.strip() or self.default_ref(task)
        if not ref:
            raise ModelNotFoundError(
                f"No model is set for {task}.", hint="Choose one in Models > Model manager."
            )
        local = self._local_folder(ref)
        if local is not None:
            return ResolvedModel(ref, local, SOURCE_LOCAL)
        entry = catalog_entry(ref)
        hub_id = entry.hub_id if entry else ref
        if looks_like_hub_id(hub_id):
            cached = cached_snapshot(hub_id)
            if cached is not None:
                return ResolvedModel(ref, cached[0], SOURCE_HUB_CACHE, revision=cached[1], catalog=entry)
        pkg = entry.package if entry is not None else None
        if entry is not None and pkg is not None and (
            model_packages.is_converted(entry, self.converted_models_dir)
            or model_packages.package_weight_files(pkg) is not None
        ):
            path = model_packages.build_from_package(entry, self.converted_models_dir, ctx)
            return ResolvedModel(ref, path, f"model package {pkg.package}",
                                 revision=f"{pkg.version} sha256:{pkg.sha256[:12]}", catalog=entry)
        if looks_like_hub_id(hub_id) and downloads_allowed():
            from desktop_app.store.downloads import download_snapshot

            path, commit = download_snapshot(hub_id, ctx)
            return ResolvedModel(ref, path, SOURCE_DOWNLOAD, revision=commit, catalog=entry)
        raise self._not_found(ref, entry)

    def describe(self, ref: str, task: str) -> ModelAvailability:
        entry = catalog_entry(ref)
        name = entry.display_name if entry else ref
        local = self._local_folder(ref)
        if local is not None:
            return ModelAvailability(ref, task, name, "ready", SOURCE_LOCAL, str(local), folder_size(local))
        hub_id = entry.hub_id if entry else ref
        cached = cached_snapshot(hub_id) if looks_like_hub_id(hub_id) else None
        if cached is not None:
            return ModelAvailability(ref, task, name, "ready", SOURCE_HUB_CACHE, str(cached[0]),
                                     folder_size(cached[0]))
        if entry is not None and entry.package is not None:
            weight_files = model_packages.package_weight_files(entry.package)
            source = f"model package {entry.package.package}"
            if model_packages.is_converted(entry, self.converted_models_dir):
                folder = model_packages.converted_folder(entry, self.converted_models_dir)
                return ModelAvailability(ref, task, name, "ready", source, str(folder), folder_size(folder))
            if weight_files is not None:
                return ModelAvailability(ref, task, name, "needs conversion", source, str(weight_files[0].parent),
                                         sum(f.stat().st_size for f in weight_files), "Converted once on first use.")
        if looks_like_hub_id(hub_id) and downloads_allowed():
            return ModelAvailability(ref, task, name, "downloadable", SOURCE_DOWNLOAD,
                                     hint="Downloaded from the Hugging Face Hub on first use.")
        return ModelAvailability(ref, task, name, "missing", hint=self._not_found(ref, entry).hint)

    def list_models(self, task: str, extra_refs: list[str] | tuple[str, ...] = ()) -> list[ModelAvailability]:
        refs = [model.key for model in catalog_for_task(task)]
        refs += [ref for ref in extra_refs if ref and ref not in refs]
        rows = []
        for ref in refs:
            try:
                rows.append(self.describe(ref, task))
            except ModelNotFoundError as error:  # e.g. a folder that was moved away since it was added
                rows.append(ModelAvailability(ref, task, ref, "missing", hint=error.message))
        return rows

    @staticmethod
    def _local_folder(ref: str) -> Path | None:
        path = Path(ref).expanduser()
        looks_like_path = ref.startswith((".", "/", "~")) or (os.sep in ref and not looks_like_hub_id(ref))
        if path.is_dir():
            if not (path / "config.json").is_file():
                raise ModelNotFoundError(
                    f"The folder {path} is not a Hugging Face model folder (it has no config.json).",
                    hint="Choose the folder that holds config.json and the weights.",
                )
            return path.resolve()
        if looks_like_path:
            raise ModelNotFoundError(f"The model folder {path} does not exist.")
        return None

    @staticmethod
    def _not_found(ref: str, entry: CatalogModel | None) -> ModelNotFoundError:
        offline = "" if downloads_allowed() else " and downloads are off (offline)"
        if entry is not None:
            return ModelNotFoundError(
                f"{entry.display_name} is not installed{offline}.", hint=entry.install_hint
            )
        if looks_like_hub_id(ref):
            return ModelNotFoundError(
                f"The model '{ref}' is not in the Hugging Face cache{offline}.",
                hint=f"Connect to the internet to download it, or put a copy of '{ref}' in a local folder "
                "and choose that folder in Models > Model manager.",
            )
        return ModelNotFoundError(
            f"Unknown model '{ref}'.",
            hint="Give a local model folder, a Hugging Face id such as 'HuggingFaceTB/SmolLM2-135M-Instruct', "
            "or a known name such as 'smollm2-135m-instruct'.",
        )
