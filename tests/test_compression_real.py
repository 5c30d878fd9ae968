"""The compression lab on real models: int8 quantization (GPT-2 Conv1D layers included), magnitude pruning,
keeping the compressed model, the command line, and the dialog from the model manager."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from transformers.pytorch_utils import Conv1D

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.requests import CompressionRequest, GenerationRequest
from desktop_app.engines.precision import quantize_int8
from desktop_app.services.compression import magnitude_prune
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def workbench(smollm2_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Workbench:
    return Workbench(ModelStore(smollm2_dir.parent), tmp_path_factory.mktemp("embeddings"))


def test_int8_quantizes_every_linear_and_gpt2_conv1d_layer(workbench, tiny_captioner_dir, shape_images):
    image, caption = shape_images[5]
    loaded = workbench.engines.captioning.load(str(tiny_captioner_dir), JobContext())
    conv1d = sum(isinstance(m, Conv1D) for m in loaded.model.modules())
    linear = sum(isinstance(m, torch.nn.Linear) for m in loaded.model.modules())
    assert conv1d > 0  # the GPT-2 decoder: without the Conv1D -> Linear step these would stay float32
    report = workbench.run(CompressionRequest("caption", str(tiny_captioner_dir), sample=str(image)), JobContext())
    assert report.changed_modules == conv1d + linear  # fails if quantization swapped nothing
    assert report.before.output == report.after.output == caption and report.same_output
    assert report.after.disk_bytes < report.before.disk_bytes / 2
    assert report.after.memory_bytes < report.before.memory_bytes / 2
    assert loaded.model is workbench.engines.captioning.load(str(tiny_captioner_dir), JobContext()).model
    assert not any(type(m).__module__.startswith("torch.ao") for m in loaded.model.modules())  # not kept


def test_a_model_without_linear_layers_is_refused():
    _quantized, swapped = quantize_int8(torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3)))
    assert swapped == 0


def test_pruning_zeroes_the_asked_share_of_weights(workbench, tiny_marian_dir):
    report = workbench.run(
        CompressionRequest(
            "translate", str(tiny_marian_dir), method="prune", amount=0.5, sample="the red circle is big ."
        ),
        JobContext(),
    )
    assert report.changed_modules > 0 and report.sparsity == pytest.approx(0.5, abs=0.01)
    assert report.after.memory_bytes == report.before.memory_bytes  # zeros are stored dense
    assert report.before.output and report.after.output
    model = torch.nn.Sequential(torch.nn.Linear(8, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2))
    pruned, layers, sparsity = magnitude_prune(model, 0.25)
    assert layers == 2 and sparsity == pytest.approx(0.25, abs=0.02) and (pruned[0].weight == 0).any()
    assert (model[0].weight != 0).all()  # the original is untouched: the lab works on a copy


def test_keep_the_int8_model_for_later_jobs(workbench, smollm2_dir):
    report = workbench.run(CompressionRequest("generate", keep=True), JobContext())
    assert report.changed_modules > 200 and report.kept
    assert report.after.disk_bytes < report.before.disk_bytes * 0.6
    generate = next(m for m in workbench.loaded_models() if m.task == "generate")
    assert generate.dtype == "int8"
    generator = workbench.engines.generation.load("", JobContext())
    assert any(type(m).__module__.startswith("torch.ao.nn.quantized") for m in generator.model.modules())
    answer = workbench.run(
        GenerationRequest("What is the capital of France?", temperature=0.0, max_new_tokens=12), JobContext()
    )
    assert answer.text.strip() and answer.model.ref == "smollm2-135m-instruct"  # later jobs run on int8
    assert workbench.registry.unload("generate") == 1
    with pytest.raises(InvalidRequestError, match="file"):
        workbench.run(CompressionRequest("transcribe"), JobContext())


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "compress", *args], capture_output=True, text=True, timeout=300
    )


def test_cli_compress(tiny_captioner_dir, shape_images):
    done = _cli("caption", "--model", str(tiny_captioner_dir), "--input", str(shape_images[0][0]), "--json")
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["same_output"] and payload["changed_modules"] > 0
    assert payload["before"]["disk_bytes"] > 2 * payload["after"]["disk_bytes"]
    done = _cli("caption", "--model", str(tiny_captioner_dir), "--input", str(shape_images[0][0]))
    assert "size on disk" in done.stdout and "the same output" in done.stdout
    assert _cli("caption").returncode == 4  # no input file to compare on
    assert _cli("caption", "--method", "prune", "--amount", "2", "--input", "x.png").returncode == 4


def test_the_lab_dialog_from_the_model_manager(qtbot, tiny_captioner_dir, shape_images):
    from tests.gui_helpers import running_app

    with running_app(qtbot) as app:
        app.pickers["caption"].select_ref(str(tiny_captioner_dir))
        manager = app.open_model_manager()
        row = next(i for i, m in enumerate(manager.rows) if m.path == str(tiny_captioner_dir))
        manager.table.selectRow(row)
        assert manager.lab_button.isEnabled()
        lab = manager.open_compression_lab()
        lab.run()
        assert "Choose an image" in lab.banner.text()  # nothing sent without an input
        lab.sample.setText(str(shape_images[1][0]))
        lab.run()
        qtbot.waitUntil(lambda: lab.report is not None and not lab.job.running, timeout=60_000)
        assert lab.table.rowCount() == 4 and lab.table.item(0, 0).text() == "size on disk"
        assert lab.after_output.toPlainText() == shape_images[1][1] and lab.verdict.text() == "The same output."
        assert not any(e.task == "compress" for e in app.history.recent())  # a measurement, not content
        lab.close()
        manager.close()
