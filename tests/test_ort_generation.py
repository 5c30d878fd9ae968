"""Chat on ONNX Runtime GenAI with 8- and 4-bit weights beside the transformers model, on the real
SmolLM2-135M-Instruct weights: the copy its own model builder makes (n-bit weight-only MatMulNBits layers, made
once), the answer streamed, Inspect reading back what it wrote, a follow-up turn and the token limit, sampling,
Cancel within a token step, and the quality gate measuring both without "automatic" choosing them for chat."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.chat import ChatTurn
from desktop_app.core.context import JobContext
from desktop_app.core.precision_requests import PrecisionGateRequest, PrecisionRequest
from desktop_app.core.requests import AttentionRequest, GenerationRequest
from desktop_app.core.results import TokenDelta
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.generation_helpers import cancel_a_long_story, loaded_dtypes

pytestmark = pytest.mark.slow
QUESTION = "What is the capital of France?"


@pytest.fixture(scope="module")
def service(smollm2_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Workbench:
    return Workbench(ModelStore(smollm2_dir.parent), data_dir=tmp_path_factory.mktemp("ort-chat"))


@pytest.mark.parametrize("bits", [8, 4])
def test_the_copy_has_n_bit_weights_in_every_linear_layer_and_is_made_once(
    service: Workbench, smollm2_dir: Path, bits: int
):
    import onnx

    from desktop_app.engines.ort_generation import OrtGenerator

    converted = service.store.converted_models_dir
    copy = OrtGenerator.copy_of(smollm2_dir, converted, f"int{bits}", JobContext())
    graph = onnx.load(str(copy / "model.onnx"), load_external_data=False).graph
    quantized = [node for node in graph.node if node.op_type == "MatMulNBits"]
    widths = {attribute.i for node in quantized for attribute in node.attribute if attribute.name == "bits"}
    # SmolLM2: 30 layers of fused q/k/v, output, gate, up and down projections, and the output head
    assert len(quantized) == 30 * 5 + 1 and widths == {bits}, (len(quantized), widths)
    assert not [node for node in graph.node if node.op_type == "MatMul"], "no linear layer is left in float"
    stamp = (copy / "model.onnx").stat().st_mtime_ns
    assert OrtGenerator.copy_of(smollm2_dir, converted, f"int{bits}", JobContext()) == copy
    assert (copy / "model.onnx").stat().st_mtime_ns == stamp, "made once, then found"


def test_the_answer_streams_and_inspect_reads_it_back(service: Workbench):
    service.run(PrecisionRequest("generate", "ort_int8"), JobContext())
    deltas: list[TokenDelta] = []
    fast = service.run(
        GenerationRequest(QUESTION, temperature=0.0, max_new_tokens=24), JobContext(on_partial=deltas.append)
    )
    assert loaded_dtypes(service) == ["ort_int8"], "the run used ONNX Runtime only"
    assert "Paris" in fast.text, fast.text
    assert "".join(d.text for d in deltas).strip() == fast.text.strip(), "the stream adds up to the answer"
    assert fast.timings["tokens_per_s"] > 0 and fast.timings["reused_prompt_tokens"] == 0
    maps = service.run(
        AttentionRequest(QUESTION, source_task="generate", max_new_tokens=24, answer=fast.text, attribution=False),
        JobContext(),
    )
    assert maps.generated.strip() == fast.text.strip(), "Inspect reads back what ONNX Runtime wrote"
    assert loaded_dtypes(service) == ["float32", "ort_int8"], "it looked inside the float32 model"


def test_a_follow_up_turn_and_the_token_limit(service: Workbench):
    service.run(PrecisionRequest("generate", "ort_int4"), JobContext())
    history = (ChatTurn("user", "My name is Ada and I live in Lisbon."), ChatTurn("assistant", "Hello, Ada!"))
    follow = service.run(
        GenerationRequest("What is my name?", history=history, temperature=0.0, max_new_tokens=16), JobContext()
    )
    assert "Ada" in follow.text, "the whole conversation reached it"
    assert follow.timings["reused_prompt_tokens"] == 0, "it encodes the whole conversation: no cache is claimed"
    short = service.run(
        GenerationRequest("Count from one to one hundred.", temperature=0.0, max_new_tokens=4), JobContext()
    )
    assert (short.new_tokens, short.finish_reason) == (4, "length")
    assert loaded_dtypes(service) == ["ort_int4"]


def test_sampling_draws_afresh_and_cancel_stops_within_one_token_step(service: Workbench):
    service.run(PrecisionRequest("generate", "ort_int4"), JobContext())

    def sample() -> str:
        request = GenerationRequest("Name a fruit.", temperature=1.0, top_p=0.95, max_new_tokens=24)
        return service.run(request, JobContext()).text

    assert len({sample() for _ in range(4)}) > 1, "each unseeded answer is drawn afresh"
    assert loaded_dtypes(service) == ["ort_int4"]
    partial, cancelled_at = cancel_a_long_story(service)
    assert partial.finish_reason == "cancelled" and partial.text
    assert partial.new_tokens <= cancelled_at + 1, "generation stops at the next token step"


def test_the_gate_measures_onnx_runtime_but_automatic_leaves_it_to_the_user(service: Workbench, smollm2_dir: Path):
    result = service.run(PrecisionGateRequest("generate", str(smollm2_dir)), JobContext())
    measured = {m.precision: m for m in result.measures}
    assert {"ort_int8", "ort_int4"} <= set(measured)
    for name in ("ort_int8", "ort_int4"):
        assert not measured[name].failed and measured[name].seconds > 0, measured[name]
    assert result.chosen not in ("ort_int8", "ort_int4"), "a chat runner without a kept cache is not automatic"
