"""Chat on ONNX Runtime GenAI with 8- and 4-bit weights beside the transformers model, on the real
SmolLM2-135M-Instruct weights: the copy its own model builder makes (n-bit weight-only MatMulNBits layers, made
once), the answer streamed, Inspect reading back what it wrote, the conversation kept between turns (as the
transformers path keeps its cache) and the token limit, sampling, Cancel within a token step, and the quality gate
measuring both, automatic free to choose them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.chat import ChatTurn
from desktop_app.core.context import JobContext
from desktop_app.core.precision_requests import PrecisionGateRequest, PrecisionRequest
from desktop_app.core.requests import AttentionRequest, GenerationRequest
from desktop_app.core.results import TokenDelta
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.generation_helpers import ask, cancel_a_long_story, converse, loaded_dtypes

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

    from desktop_app.engines.ort_generation import OrtGenerator, bytes_per_token, tensor_bytes

    converted = service.store.converted_models_dir
    copy = OrtGenerator.copy_of(smollm2_dir, converted, f"int{bits}", JobContext())
    graph = onnx.load(str(copy / "model.onnx"), load_external_data=False).graph
    quantized = [node for node in graph.node if node.op_type == "MatMulNBits"]
    widths = {attribute.i for node in quantized for attribute in node.attribute if attribute.name == "bits"}
    # SmolLM2: 30 layers of fused q/k/v, output, gate, up and down projections, and the output head
    assert len(quantized) == 30 * 5 + 1 and widths == {bits}, (len(quantized), widths)
    assert not [node for node in graph.node if node.op_type == "MatMul"], "no linear layer is left in float"
    # decoding a token reads the linear layers (the output head, tied to the embedding, among them) and the norms,
    # not the whole embedding or the rotary tables, which it looks up a row at a time
    read = {name for node in graph.node if node.op_type in _MULTIPLYING for name in node.input}
    sizes = {weight.name: tensor_bytes(weight) for weight in graph.initializer}
    assert bytes_per_token(copy) == sum(size for name, size in sizes.items() if name in read)
    stamp = (copy / "model.onnx").stat().st_mtime_ns
    assert OrtGenerator.copy_of(smollm2_dir, converted, f"int{bits}", JobContext()) == copy
    assert (copy / "model.onnx").stat().st_mtime_ns == stamp, "made once, then found"


def test_the_bench_times_every_product_of_the_copy_alone(service: Workbench, smollm2_dir: Path):
    """bench/ort_products.py's ceiling on decode efficiency is only one if it runs all of a token's products."""
    import onnx

    from bench.ort_products import products_alone
    from desktop_app.engines.ort_generation import OrtGenerator, tensor_bytes

    copy = OrtGenerator.copy_of(smollm2_dir, service.store.converted_models_dir, "int4", JobContext())
    graph = onnx.load(str(copy / "model.onnx"), load_external_data=False).graph
    products = [node for node in graph.node if node.op_type == "MatMulNBits"]
    sizes = {weight.name: tensor_bytes(weight) for weight in graph.initializer}
    measured = products_alone(copy, threads=1)
    assert measured["products"] == len(products) == 151
    assert measured["products_bytes"] == sum(sizes[name] for node in products for name in node.input[1:] if name)
    assert measured["products_gbs"] > 0 and measured["products_ms"] > 0


_MULTIPLYING = ("MatMulNBits", "SimplifiedLayerNormalization", "SkipSimplifiedLayerNormalization")


@pytest.mark.parametrize("precision", ["ort_float32", "ort_int8"])
def test_the_answer_streams_and_inspect_reads_it_back(service: Workbench, precision: str):
    service.run(PrecisionRequest("generate", precision), JobContext())
    deltas: list[TokenDelta] = []
    fast = service.run(
        GenerationRequest(QUESTION, temperature=0.0, max_new_tokens=24), JobContext(on_partial=deltas.append)
    )
    assert loaded_dtypes(service) == [precision], "the run used ONNX Runtime only"
    assert "Paris" in fast.text, fast.text
    assert "".join(d.text for d in deltas).strip() == fast.text.strip(), "the stream adds up to the answer"
    assert fast.timings["tokens_per_s"] > 0
    maps = service.run(
        AttentionRequest(QUESTION, source_task="generate", max_new_tokens=24, answer=fast.text, attribution=False),
        JobContext(),
    )
    assert maps.generated.strip() == fast.text.strip(), "Inspect reads back what ONNX Runtime wrote"
    assert loaded_dtypes(service) == ["float32", precision], "it looked inside the float32 model"


def test_a_follow_up_turn_encodes_only_what_is_new_and_answers_the_same(service: Workbench):
    """The kept conversation: later turns encode only the new message, every answer is the one a whole encode
    gives, an edited earlier turn is cut back to where it differs, and the token limit still holds."""
    service.run(PrecisionRequest("generate", "ort_int8"), JobContext())

    history: tuple[ChatTurn, ...] = (ChatTurn("user", "My name is Ada and I live in Lisbon."),)
    history += (ChatTurn("assistant", "Hello, Ada!"),)
    follow = ask(service, "What is my name?", history, fresh=True)
    assert "Ada" in follow.text and follow.timings["reused_prompt_tokens"] == 0, "the whole conversation, once"
    history += (ChatTurn("user", "What is my name?"), ChatTurn("assistant", follow.text))
    history, encoded, answer = converse(service, history, 6)
    assert max(encoded) <= min(encoded) + 8, f"each turn encodes only the new message: {encoded}"
    assert answer.prompt_tokens > 5 * encoded[-1], "the last turn's prompt is mostly reused"
    edited = (ChatTurn("user", "My name is Grace and I live in Oslo."), *history[1:])
    kept = ask(service, "Where do I live?", edited, fresh=False)
    # cut back to the edited name: the system prompt and "My name is" stay, the rest of the first turn goes
    assert 0 < kept.timings["reused_prompt_tokens"] < follow.prompt_tokens - 10, kept.timings
    assert kept.text == ask(service, "Where do I live?", edited, fresh=True).text
    short = ask(service, "Count from one to one hundred.", (), fresh=False, limit=4)
    assert (short.new_tokens, short.finish_reason) == (4, "length")
    assert "ort_int8" in loaded_dtypes(service)


def test_a_greedy_answer_is_the_same_whether_onnx_runtime_or_the_app_chooses_its_tokens(service: Workbench):
    """A generator made for a greedy answer with its penalty lets ONNX Runtime's own search choose; one kept from
    an answer with another penalty has the app choose from its logits. Both choose as transformers does."""
    service.run(PrecisionRequest("generate", "ort_float32"), JobContext())
    runner = service.engines.generation.load("", JobContext(), fast=True)

    def answer(penalty: float, fresh: bool) -> Any:
        if fresh:
            runner.forget_conversation()
        request = GenerationRequest(QUESTION, temperature=0.0, max_new_tokens=40, repetition_penalty=penalty)
        return service.run(request, JobContext())

    own = answer(1.3, fresh=True)  # a new generator, made with this penalty: ONNX Runtime's search
    again = answer(1.3, fresh=False)  # the same generator, kept after its own search answered
    assert again.timings["reused_prompt_tokens"] > 0 and again.text == own.text, (own.text, again.text)
    answer(1.0, fresh=True)
    here = answer(1.3, fresh=False)  # the kept generator was made with 1.0: the app chooses
    assert here.timings["reused_prompt_tokens"] > 0, "the kept generator answered"
    assert own.text == here.text and own.new_tokens == here.new_tokens, (own.text, here.text)
    assert own.text != answer(1.0, fresh=True).text, "the penalty changed the answer"


def test_sampling_draws_afresh_a_seed_repeats_and_cancel_stops_within_one_token_step(service: Workbench):
    service.run(PrecisionRequest("generate", "ort_int4"), JobContext())

    def sample(seed: int | None) -> str:
        request = GenerationRequest("Name a fruit.", temperature=1.0, top_p=0.95, max_new_tokens=24, seed=seed)
        return service.run(request, JobContext()).text

    assert len({sample(None) for _ in range(4)}) > 1, "each unseeded answer is drawn afresh"
    assert sample(1234) == sample(1234) != sample(99), "a seed repeats its answer, on ONNX Runtime itself"
    assert loaded_dtypes(service) == ["ort_int4"]
    # The chat window seeds every answer: seeded, sampled turns and greedy ones continue one kept conversation.
    # (float32: 4-bit weights quantize the activations too, so their logits differ in the last digits with how
    # the prompt was split, and a draw near a boundary can differ.)
    service.run(PrecisionRequest("generate", "ort_float32"), JobContext())
    first = ask(service, "Name a fruit.", (), fresh=True)
    history = (ChatTurn("user", "Name a fruit."), ChatTurn("assistant", first.text))
    request = GenerationRequest("And a vegetable?", history=history, temperature=0.7, max_new_tokens=16, seed=5)
    follow = service.run(request, JobContext())
    assert follow.timings["reused_prompt_tokens"] > follow.prompt_tokens - 16, follow.timings
    assert ask(service, "And a vegetable?", history, fresh=False).timings["reused_prompt_tokens"] > 0, "greedy"
    service.engines.generation.load("", JobContext(), fast=True).forget_conversation()
    assert service.run(request, JobContext()).text == follow.text, "its seed repeats it, the state kept or not"
    service.run(PrecisionRequest("generate", "ort_int4"), JobContext())
    partial, cancelled_at = cancel_a_long_story(service)
    assert partial.finish_reason == "cancelled" and partial.text
    assert partial.new_tokens <= cancelled_at + 1, "generation stops at the next token step"


def test_the_gate_measures_onnx_runtime_and_automatic_may_choose_it(service: Workbench, smollm2_dir: Path):
    result = service.run(PrecisionGateRequest("generate", str(smollm2_dir)), JobContext())
    measured = {m.precision: m for m in result.measures}
    assert {"ort_int8", "ort_int4"} <= set(measured)
    for name in ("ort_int8", "ort_int4"):
        assert not measured[name].failed and measured[name].seconds > 0, measured[name]
    float32 = measured["float32"].seconds
    choosable = [m for m in result.measures if m.passed and not m.precision.startswith("ct2_")]
    choosable = [m for m in choosable if m.precision == "float32" or m.seconds <= 0.9 * float32]
    assert result.chosen == min(choosable, key=lambda m: m.seconds).precision, "the fastest that passed"
