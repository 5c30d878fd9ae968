"""Turn a model reference into a folder on disk that the engines can load.

Order: an explicit local folder; the Hugging Face cache; the app's own downloads; an installed model package
(converted once); a download when the network is allowed. Offline with nothing found: a message naming what
to install. Whatever the source, PyTorch `.bin` weights are converted once to safetensors before loading.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError, ModelNotFoundError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.remote_models import parse as remote_model
from desktop_app.core.results import ModelInfo
from desktop_app.store import model_packages
from desktop_app.store.adapters import is_adapter, read_adapter
from desktop_app.store.catalog import CatalogModel, catalog_entry, catalog_for_task, default_model
from desktop_app.store.checksums import folder_size
from desktop_app.store.downloads import downloaded_snapshot
from desktop_app.store.hub_cache import cached_snapshot, looks_like_hub_id
from desktop_app.store.model_checks import check_configs, check_safetensors
from desktop_app.store.repo_files import SAFETENSORS, RepoFiles

log = logging.getLogger(__name__)

SOURCE_LOCAL = "local folder"
SOURCE_HUB_CACHE = "Hugging Face cache"
SOURCE_DOWNLOAD = "Hugging Face Hub"
SOURCE_DOWNLOADED = "downloaded"


@dataclass(frozen=True)
class ResolvedModel:
    ref: str
    path: Path
    source: str
    revision: str = ""
    catalog: CatalogModel | None = None
    adapter: Path | None = None  # a LoRA adapter loaded on top of the model at `path`

    def model_info(self) -> ModelInfo:
        """What results say about the model that made them."""
        return ModelInfo(self.ref, self.source, str(self.adapter or self.path), self.revision)

    @property
    def key_path(self) -> str:
        """What tells this loaded model from another: the adapter's folder when there is one."""
        return str(self.adapter or self.path)


@dataclass(frozen=True)
class ModelAvailability:
    """A row of the model manager: cheap to compute, never converts or downloads anything."""

    ref: str
    task: str
    display_name: str
    status: str  # "ready", "needs conversion", "downloadable", "missing", "unsupported"
    source: str = ""
    path: str = ""
    size_bytes: int = 0  # on disk when here; what a download fetches when not
    hint: str = ""
    revision: str = ""
    licence: str = ""
    formats: tuple[str, ...] = ()
    parameters: int = 0


def downloads_allowed() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0").lower() not in ("1", "true", "yes") and os.environ.get(
        "DESKTOP_APP_OFFLINE", "0"
    ).lower() not in ("1", "true", "yes")


def hub_target(ref: str) -> tuple[str, str, CatalogModel | None]:
    """The Hub id and revision a reference means: a catalog entry's pinned commit, else the main branch."""
    entry = catalog_entry(ref)
    return (entry.hub_id, entry.revision, entry) if entry is not None else (ref, "main", None)


class ModelStore:
    def __init__(self, converted_models_dir: Path, downloads_dir: Path | None = None, language: str = "") -> None:
        self.converted_models_dir = converted_models_dir
        self.downloads_dir = downloads_dir or converted_models_dir.parent / "downloads"
        self.language = language  # the interface's language ("zh"): its defaults speak it

    def remove_leftovers(self) -> int:
        """Temporary folders that killed conversions left behind (at start: never used, never complete)."""
        folders = [self.converted_models_dir, self.converted_models_dir / "from-bin"]
        folders += [commit for repo in self.downloads_dir.glob("*") for commit in repo.glob("*") if commit.is_dir()]
        removed = [path for folder in folders if folder.is_dir() for path in model_packages.remove_leftovers(folder)]
        for path in removed:
            log.info("removed the leftover %s", path)
        return len(removed)

    def default_ref(self, task: str) -> str:
        return default_model(task, self.language)

    def resolve(self, ref: str, task: str, ctx: JobContext | None = None) -> ResolvedModel:
        """The folder of `ref`, downloading (when allowed) and converting it first if needed."""
        ctx = ctx or JobContext()
        ref = ref.strip() or self.default_ref(task)
        if not ref:
            raise ModelNotFoundError(
                arg(tr("No model is set for %1."), task), hint=tr("Choose one in Models > Model manager.")
            )
        remote = remote_model(ref)
        if remote is not None:  # generation and transcription send it its jobs; nothing else can
            raise ModelLoadError(
                arg(tr("%1 runs on a server: this needs the model's weights on this computer."), remote.label),
                hint=tr("Inspecting, explaining, tuning and compressing work on local models only."),
            )
        local = self._local_folder(ref)
        if local is not None and is_adapter(local):
            adapter = read_adapter(local)
            base = self.resolve(adapter.base, task, ctx)
            return replace(base, ref=ref, source=arg(tr("LoRA adapter on %1"), base.ref), adapter=local)
        if local is not None:
            return ResolvedModel(ref, self._loadable(local, ctx, ref), SOURCE_LOCAL)
        hub_id, revision, entry = hub_target(ref)
        if looks_like_hub_id(hub_id):
            cached = cached_snapshot(hub_id, revision)
            if cached is not None:
                return ResolvedModel(
                    ref, self._loadable(cached[0], ctx, hub_id), SOURCE_HUB_CACHE, revision=cached[1], catalog=entry
                )
            downloaded = downloaded_snapshot(self.downloads_dir, hub_id, revision)
            if downloaded is not None:
                return ResolvedModel(
                    ref,
                    self._loadable(downloaded[0], ctx, hub_id, in_place=True),
                    SOURCE_DOWNLOADED,
                    revision=downloaded[1],
                    catalog=entry,
                )
        pkg = entry.package if entry is not None else None
        if (
            entry is not None
            and pkg is not None
            and (
                model_packages.is_converted(entry, self.converted_models_dir)
                or model_packages.package_weight_files(pkg) is not None
            )
        ):
            path = self._from_package(entry, ctx)
            return ResolvedModel(
                ref,
                path,
                arg(tr("model package %1"), pkg.package),
                revision=f"{pkg.version} sha256:{pkg.sha256[:12]}",
                catalog=entry,
            )
        if looks_like_hub_id(hub_id) and downloads_allowed():
            return self.download(ref, hub_id, revision, ctx)
        raise self._not_found(ref, entry)

    def download(self, ref: str, hub_id: str, revision: str, ctx: JobContext) -> ResolvedModel:
        """Fetch `hub_id` at `revision` into the app's downloads (resuming a partial one) and convert its
        weights once if they are .bin."""
        from desktop_app.store.downloads import download_model

        folder, commit = download_model(hub_id, revision, self.downloads_dir, ctx)
        return ResolvedModel(
            ref,
            self._loadable(folder, ctx, hub_id, in_place=True),
            SOURCE_DOWNLOAD,
            revision=commit,
            catalog=catalog_entry(ref),
        )

    def _loadable(self, folder: Path, ctx: JobContext, what: str, in_place: bool = False) -> Path:
        """`folder` checked (configs are JSON and ask for no code; weights are whole), its .bin weights
        converted once."""
        from desktop_app.store.weight_conversion import loadable_folder

        check_configs(folder, what)
        loadable = loadable_folder(folder, self.converted_models_dir / "from-bin", ctx, what, in_place)
        check_safetensors(loadable, what)
        return loadable

    def _from_package(self, entry: CatalogModel, ctx: JobContext) -> Path:
        """The package's converted folder; one found damaged (a file cut short, changed or gone) is rebuilt from
        the package once, and the job says so."""
        damage = model_packages.damage_in_converted(entry, self.converted_models_dir)
        if damage:
            log.warning("the converted copy of %s is damaged (%s); rebuilding it", entry.key, damage)
            model_packages.discard_converted(entry, self.converted_models_dir)
        path = model_packages.build_from_package(entry, self.converted_models_dir, ctx)
        try:
            check_safetensors(path, entry.display_name)
        except ModelLoadError:
            if damage:  # rebuilt already: the package itself must be wrong
                raise
            model_packages.discard_converted(entry, self.converted_models_dir)
            path, damage = model_packages.build_from_package(entry, self.converted_models_dir, ctx), "unreadable"
        if damage:
            ctx.notice(
                arg(
                    tr("The app's converted copy of %1 was damaged (%2); it was rebuilt from the %3 package."),
                    entry.display_name,
                    damage,
                    entry.package.package if entry.package else "",
                )
            )
        return path

    def describe(self, ref: str, task: str) -> ModelAvailability:
        hub_id, revision, entry = hub_target(ref)
        about: dict[str, object] = {
            "revision": revision if entry else "",
            "licence": entry.licence if entry else "",
            "formats": entry.formats if entry else (),
            "parameters": entry.parameters if entry else 0,
        }
        name = entry.display_name if entry else ref

        def row(
            status: str, source: str = "", path: Path | None = None, size: int = 0, hint: str = "", **more: object
        ) -> ModelAvailability:
            return ModelAvailability(ref, task, name, status, source, str(path or ""), size, hint, **{**about, **more})  # type: ignore[arg-type]

        remote = remote_model(ref)
        if remote is not None:  # on a server: whether it still offers it is known when it is asked
            return ModelAvailability(
                ref, task, remote.label, "ready", arg(tr("server %1"), remote.host), remote.base_url
            )
        local = self._local_folder(ref)
        if local is not None and is_adapter(local):
            base = read_adapter(local).base
            return row("ready", arg(tr("LoRA adapter on %1"), base), local, folder_size(local), str(local))
        if local is not None:
            return self._describe_folder(local, SOURCE_LOCAL, ref, row)
        cached = cached_snapshot(hub_id, revision) if looks_like_hub_id(hub_id) else None
        if cached is not None:
            return self._describe_folder(cached[0], SOURCE_HUB_CACHE, hub_id, row, revision=cached[1])
        downloaded = downloaded_snapshot(self.downloads_dir, hub_id, revision) if looks_like_hub_id(hub_id) else None
        if downloaded is not None:
            return self._describe_folder(downloaded[0], SOURCE_DOWNLOADED, hub_id, row, revision=downloaded[1])
        if entry is not None and entry.package is not None:
            weight_files = model_packages.package_weight_files(entry.package)
            source = f"model package {entry.package.package}"
            if model_packages.is_converted(entry, self.converted_models_dir):
                folder = model_packages.converted_folder(entry, self.converted_models_dir)
                return row("ready", source, folder, folder_size(folder))
            if weight_files is not None:
                return row(
                    tr("needs conversion"),
                    source,
                    weight_files[0].parent,
                    sum(f.stat().st_size for f in weight_files),
                    tr("Converted once on first use."),
                )
        download_size = entry.size_bytes if entry else 0
        if looks_like_hub_id(hub_id) and downloads_allowed():
            return row(
                "downloadable",
                SOURCE_DOWNLOAD,
                size=download_size,
                hint=tr("Downloaded from the Hugging Face Hub on first use."),
            )
        return row("missing", size=download_size, hint=self._not_found(ref, entry).hint)

    @staticmethod
    def _describe_folder(
        folder: Path, source: str, what: str, row: Callable[..., ModelAvailability], **more: object
    ) -> ModelAvailability:
        files = RepoFiles.of_folder(folder)
        formats = tuple(files.formats())
        if not files.weight_format():
            return row(
                "unsupported",
                source,
                folder,
                folder_size(folder),
                files.unsupported_message(what),
                formats=formats,
                **more,
            )
        status = "ready" if files.weight_format() == SAFETENSORS else "needs conversion"
        hint = "" if status == "ready" else "Its PyTorch .bin weights are converted to safetensors once, on first use."
        return row(status, source, folder, folder_size(folder), hint, formats=formats, **more)

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
            if not (path / "config.json").is_file() and not is_adapter(path):
                raise ModelNotFoundError(
                    arg(tr("The folder %1 is not a Hugging Face model folder (it has no config.json)."), path),
                    hint=tr("Choose the folder that holds config.json and the weights."),
                )
            return path.resolve()
        if looks_like_path:
            raise ModelNotFoundError(arg(tr("The model folder %1 does not exist."), path))
        return None

    @staticmethod
    def _not_found(ref: str, entry: CatalogModel | None) -> ModelNotFoundError:
        offline = "" if downloads_allowed() else " and downloads are off (offline)"
        if entry is not None:
            return ModelNotFoundError(
                arg(tr("%1 is not installed%2."), entry.display_name, offline), hint=entry.install_hint
            )
        if looks_like_hub_id(ref):
            return ModelNotFoundError(
                arg(tr("The model '%1' is not in the Hugging Face cache%2."), ref, offline),
                hint=arg(
                    tr(
                        "Connect to the internet to download it, or put a copy of '%1' in a local folder and "
                        "choose that folder in Models > Model manager."
                    ),
                    ref,
                ),
            )
        return ModelNotFoundError(
            arg(tr("Unknown model '%1'."), ref),
            hint=tr(
                "Give a local model folder, a Hugging Face id such as 'HuggingFaceTB/SmolLM2-135M-Instruct', "
                "or a known name such as 'smollm2-135m-instruct'."
            ),
        )
