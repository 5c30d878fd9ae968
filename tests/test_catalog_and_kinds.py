"""The model catalog (pinned, sized, licensed), what a folder's config says it is for, and the weight formats a
repo holds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from desktop_app.core.tasks import MODEL_TASKS
from desktop_app.store.catalog import CATALOG, DEFAULT_MODELS, catalog_entry
from desktop_app.store.model_kind import kind_of_config, kind_of_folder
from desktop_app.store.repo_files import RepoFiles


def test_every_catalog_entry_is_pinned_sized_and_licensed():
    for model in CATALOG:
        assert re.fullmatch(r"[0-9a-f]{40}", model.revision), f"{model.key} is not pinned to a commit"
        assert model.licence and model.size_bytes > 10_000_000 and model.parameters > 1_000_000, model.key
        assert model.formats and model.task in MODEL_TASKS, model.key
    assert {model.key for model in CATALOG} >= {
        "blip-base",
        "blip-large",
        "florence-2-base",
        "smolvlm-256m-instruct",
        "smolvlm-500m-instruct",
        "opus-mt-en-zh",
        "opus-mt-zh-en",
        "nllb-200-600m",
        "m2m100-418m",
        "smollm2-360m-instruct",
        "smollm2-1.7b-instruct",
        "qwen2.5-0.5b-instruct",
        "qwen2.5-1.5b-instruct",
        "clip-vit-b32",
        "siglip-base",
    }
    for task, ref in DEFAULT_MODELS.items():
        entry = catalog_entry(ref)
        assert entry is not None and entry.task == task


def test_models_list_json_says_revision_size_licence_formats_and_fit(app_dirs: Path):
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "models", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    rows = {row["ref"]: row for row in json.loads(done.stdout)}
    florence = rows["florence-2-base"]
    assert florence["revision"] == catalog_entry("florence-2-base").revision
    assert florence["licence"] == "mit" and florence["size_bytes"] > 100_000_000
    assert florence["formats"] == ["safetensors"] and florence["status"] == "missing"
    assert florence["fits"] in ("fits", "tight", "too big") and florence["memory_needed_bytes"] > 0
    assert rows["blip-base"]["formats"] == ["pytorch .bin"]


def test_a_config_says_which_task_a_model_is_for():
    assert kind_of_config({"model_type": "blip", "architectures": ["BlipForConditionalGeneration"]}).task == "caption"
    assert kind_of_config({"model_type": "florence2"}).task == "caption"
    assert kind_of_config({"model_type": "idefics3"}).task == "caption"
    assert kind_of_config({"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"]}).task == "generate"
    assert kind_of_config({"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"]}).task == "generate"
    assert kind_of_config({"model_type": "whisper"}).task == "transcribe"
    assert kind_of_config({"model_type": "m2m_100"}).task == "translate"
    assert kind_of_config({"model_type": "siglip"}).task == "embed"
    assert kind_of_config({"model_type": "bert", "architectures": ["BertModel"]}).task == "encode"
    unknown = kind_of_config({"model_type": "something-new"})
    assert unknown.task == "" and set(unknown.tasks) == set(MODEL_TASKS), "the person is asked"
    marian = kind_of_config({"model_type": "marian"}, "Helsinki-NLP/opus-mt-en-zh")
    assert (marian.task, marian.language_pair) == ("translate", ("en", "zh"))
    named = kind_of_config({"model_type": "marian"}, "x", {"source_lang": "de", "target_lang": "fr"})
    assert named.language_pair == ("de", "fr")


def test_the_trained_test_models_are_recognised(tiny_marian_dir: Path, tiny_captioner_dir: Path, tiny_clip_dir: Path):
    assert kind_of_folder(tiny_marian_dir).task == "translate"
    assert kind_of_folder(tiny_captioner_dir).task == "caption"
    assert kind_of_folder(tiny_clip_dir).task == "embed"


def test_repo_files_plan_what_to_fetch():
    files = RepoFiles(
        {
            "config.json": 1,
            "model.safetensors": 500,
            "pytorch_model.bin": 500,
            "tf_model.h5": 500,
            "tokenizer.json": 2,
            "source.spm": 3,
            "vocab.json": 4,
            "training_args.bin": 5,
            "README.md": 6,
            "chat_template.jinja": 7,
            ".gitattributes": 8,
            "flax_model.msgpack": 9,
        }
    )
    assert files.needed() == [
        "chat_template.jinja",
        "config.json",
        "model.safetensors",
        "source.spm",
        "tokenizer.json",
        "vocab.json",
    ]
    assert files.formats() == ["safetensors", "pytorch .bin", "TensorFlow", "Flax"]
    sharded = RepoFiles(
        {
            "config.json": 1,
            "pytorch_model-00001-of-00002.bin": 5,
            "pytorch_model-00002-of-00002.bin": 5,
            "pytorch_model.bin.index.json": 1,
        }
    )
    assert sharded.weight_format() == "pytorch .bin"
    assert sharded.needed() == [
        "config.json",
        "pytorch_model-00001-of-00002.bin",
        "pytorch_model-00002-of-00002.bin",
        "pytorch_model.bin.index.json",
    ]
    onnx = RepoFiles({"config.json": 1, "model.onnx": 5})
    assert onnx.weight_format() == "" and "holds only ONNX weights" in onnx.unsupported_message("x/y")


def test_loading_never_asks_the_hub_to_open_a_conversion_pull_request(monkeypatch):
    from desktop_app.core.environment import configure_environment

    monkeypatch.delenv("DISABLE_SAFETENSORS_CONVERSION", raising=False)
    configure_environment()
    assert os.environ["DISABLE_SAFETENSORS_CONVERSION"] == "1"
