"""PyTorch `.bin` weights turned once into safetensors, read with `weights_only=True` and nothing else.

Many Hub repos (BLIP base, opus-mt, NLLB, M2M100, CLIP) keep only pickled `.bin` weights on their main branch.
A pickle can run code when it is loaded; `torch.load(weights_only=True)` refuses any that would, and the app
never loads one another way. Each shard is converted on its own (memory stays at one shard), tensors that
share memory (tied embeddings) are written once, the way the Hub's own conversion does it, and everything is
written beside the final name and renamed when complete, so a killed conversion never looks finished.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.store.disk_space import link_or_copy, require_free_space
from desktop_app.store.repo_files import COMPLETE_MARKER, SAFETENSORS, RepoFiles, missing_shards

log = logging.getLogger(__name__)
_BIN_INDEX = "pytorch_model.bin.index.json"


def loadable_folder(
    folder: Path, converted_root: Path, ctx: JobContext, what: str = "", in_place: bool = False
) -> Path:
    """A folder the engines can load: `folder` itself when it holds safetensors, else its `.bin` weights
    converted once (into `converted_root`, or into `folder` itself when the app owns it: `in_place`)."""
    what = what or str(folder)
    files = RepoFiles.of_folder(folder)
    absent = missing_shards(folder)
    if absent:
        raise ModelLoadError(
            arg(
                tr("%1 is incomplete: %2 weight file(s) named in its index are missing (%3)."),
                what,
                len(absent),
                ", ".join(absent[:3]),
            ),
            hint=tr("Copy or download the model again; every shard must be there."),
        )
    if files.weight_format() == SAFETENSORS:
        return folder
    if not files.pytorch_bin:
        raise ModelLoadError(
            files.unsupported_message(what),
            hint=tr("Choose a version of the model saved for PyTorch (many Hub repos have one)."),
        )
    target = folder if in_place else converted_root / f"{folder.name}-{_source_key(folder, files)}"
    if not in_place and (target / COMPLETE_MARKER).is_file():
        return target
    return _convert(folder, files, target, ctx, what)


def _source_key(folder: Path, files: RepoFiles) -> str:
    """Identifies the exact source: its path and its weight files' names, sizes and modification times."""
    digest = hashlib.sha256(str(folder.resolve()).encode())
    for name in files.pytorch_bin:
        stat = (folder / name).stat()
        digest.update(f"{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def _convert(folder: Path, files: RepoFiles, target: Path, ctx: JobContext, what: str) -> Path:
    shards = [name for name in files.pytorch_bin if name != _BIN_INDEX]
    in_place = target == folder
    require_free_space(
        target.parent if not in_place else folder, files.size_of(shards), arg(tr("converting %1 to safetensors"), what)
    )
    staging = (folder if in_place else target.parent) / f".{target.name}.converting-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        if not in_place:
            for name in files.names:  # configs, tokenizer and processor files travel with the weights
                if name not in files.pytorch_bin and not name.startswith("."):
                    link_or_copy(folder / name, staging / name)
        written = _convert_shards(folder, shards, staging, ctx, what)
        if in_place:
            for name in written:  # shards first, the index last: a folder is "safetensors" once its index is there
                os.replace(staging / name, folder / name)
            for name in files.pytorch_bin:
                (folder / name).unlink(missing_ok=True)
            _record_in_manifest(folder, files.pytorch_bin, written)
            return folder
        (staging / COMPLETE_MARKER).write_text(json.dumps({"source": str(folder), "files": written}))
        try:
            staging.rename(target)
        except OSError:
            if not (target / COMPLETE_MARKER).is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("converted the .bin weights of %s into %s", folder, target)
    return target


def _record_in_manifest(folder: Path, removed: list[str], written: list[str]) -> None:
    """A downloaded folder's manifest lists what it holds: the safetensors now, not the .bin it came as."""
    manifest_file = folder / COMPLETE_MARKER
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    files = {k: v for k, v in manifest.get("files", {}).items() if k not in removed}
    files.update({name: (folder / name).stat().st_size for name in written})
    manifest["files"], manifest["converted_from"] = files, removed
    manifest_file.write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def _convert_shards(folder: Path, shards: list[str], out: Path, ctx: JobContext, what: str) -> list[str]:
    """Each .bin shard becomes a .safetensors shard; a sharded model gets a safetensors index. Returns the
    written names, the index last."""
    if len(shards) == 1:
        ctx.progress(arg(tr("Converting %1 to safetensors (once)"), what), None)
        _convert_file(folder / shards[0], out / "model.safetensors", what)
        return ["model.safetensors"]
    weight_map: dict[str, str] = {}
    written = []
    for number, shard in enumerate(shards, start=1):
        ctx.check_cancelled()
        ctx.progress(
            arg(tr("Converting %1 to safetensors (once): part %2 of %3"), what, number, len(shards)),
            (number - 1) / len(shards),
        )
        name = f"model-{number:05d}-of-{len(shards):05d}.safetensors"
        for key in _convert_file(folder / shard, out / name, what):
            weight_map[key] = name
        written.append(name)
    (out / "model.safetensors.index.json").write_text(json.dumps({"metadata": {}, "weight_map": weight_map}))
    return [*written, "model.safetensors.index.json"]


def _convert_file(source: Path, destination: Path, what: str) -> list[str]:
    import pickle

    import torch
    from safetensors.torch import save_file

    try:
        try:
            state = torch.load(source, map_location="cpu", weights_only=True, mmap=True)
        except RuntimeError as exc:  # files from before torch 1.6's zip format cannot be memory-mapped
            if "mmap" not in str(exc):
                raise
            state = torch.load(source, map_location="cpu", weights_only=True)
    except pickle.UnpicklingError as exc:
        raise ModelLoadError(
            arg(
                tr("%1 in %2 was refused: loading it would run code that it carries, not just read weights."),
                source.name,
                what,
            ),
            hint=tr(
                "Nothing from it was run. Use a safetensors version of this model, or a copy from a source you trust."
            ),
            detail=str(exc).splitlines()[0] if str(exc) else "",
        ) from exc
    except (RuntimeError, OSError, EOFError, ValueError) as exc:
        raise ModelLoadError(
            arg(tr("%1 in %2 is not a readable PyTorch weight file."), source.name, what),
            hint=tr("It may be damaged or cut short: copy or download it again."),
            detail=str(exc),
        ) from exc
    if isinstance(state, dict) and isinstance(state.get("state_dict"), dict):
        state = state["state_dict"]
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise ModelLoadError(
            arg(tr("%1 in %2 holds no plain tensor dictionary."), source.name, what),
            hint=tr("Use a model saved with save_pretrained."),
        )
    tensors, aliases = _without_shared_copies(state)
    save_file(
        {key: value.contiguous() for key, value in tensors.items()}, destination, metadata={"format": "pt", **aliases}
    )
    return sorted(tensors)


def _without_shared_copies(state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """safetensors stores no aliases: keep one name per tensor that several names share (the embedding a
    tied output layer points at), and record the others in the metadata. transformers ties them again on
    load. Views that only overlap in memory are different tensors and are each copied."""
    groups: dict[tuple[int, int, tuple[int, ...], tuple[int, ...]], list[str]] = {}
    for key, tensor in state.items():
        groups.setdefault(
            (tensor.untyped_storage().data_ptr(), tensor.storage_offset(), tuple(tensor.shape), tuple(tensor.stride())),
            [],
        ).append(key)
    kept: dict[str, Any] = {}
    aliases: dict[str, str] = {}
    storages: dict[int, int] = {}
    for storage, *_ in groups:
        storages[storage] = storages.get(storage, 0) + 1
    for (storage, *_), names in groups.items():
        keep = min(names, key=_source_preference)
        tensor = state[keep]
        kept[keep] = tensor.clone() if storages[storage] > 1 else tensor
        aliases.update({name: keep for name in names if name != keep})
    return kept, aliases


def _source_preference(name: str) -> tuple[int, str]:
    """Of several names for one tensor, keep the embedding (what a tied output layer is tied to)."""
    return (0 if ("embed" in name or "shared" in name) else 1, name)
