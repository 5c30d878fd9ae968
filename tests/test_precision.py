"""Precision: the quality gate on the real evaluation set, its kept result, the user's choice per task, and
Inspect reading back what the faster copy answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.precision_requests import (
    GateMeasure,
    PrecisionGateRequest,
    PrecisionGateResult,
    PrecisionRequest,
)
from desktop_app.core.requests import AttentionRequest, GenerationRequest
from desktop_app.core.results import ModelInfo
from desktop_app.services.dispatch import Workbench
from desktop_app.services.precision_gate import _fastest_passing
from desktop_app.store.model_store import ModelStore
from desktop_app.store.precision_choices import PrecisionChoices


def _measure(precision: str, seconds: float, passed: bool = True, wer: float | None = None) -> GateMeasure:
    return GateMeasure(precision, seconds, 1.0 if passed else 0.5, wer, passed)


def test_the_fastest_passing_precision_is_chosen_only_when_clearly_faster():
    assert _fastest_passing([_measure("float32", 10), _measure("int8", 5), _measure("bfloat16", 4, False)]) == "int8"
    assert _fastest_passing([_measure("float32", 10), _measure("int8", 9.5)]) == "float32", "within the noise"
    assert _fastest_passing([_measure("float32", 10), _measure("int8", 5, False)]) == "float32"
    runners = [_measure("float32", 10), _measure("int8", 6), _measure("ct2_int8", 3)]
    assert _fastest_passing(runners, "translate") == "ct2_int8"
    assert _fastest_passing(runners, "generate") == "int8", "chat keeps its cache: CTranslate2 only by hand"


def test_a_kept_result_is_dropped_when_the_model_files_change(tmp_path: Path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    choices = PrecisionChoices(tmp_path / "precision")
    result = PrecisionGateResult(
        "generate", ModelInfo("m", "local folder", str(model)), "cpu", 20, (_measure("float32", 1),), "int8", "today"
    )
    choices.put(str(model), result)
    assert choices.get("generate", str(model), "cpu") == result
    assert choices.get("generate", str(model), "cuda") is None, "measured per device"
    (model / "model.safetensors").write_bytes(b"new weights")
    assert choices.get("generate", str(model), "cpu") is None, "a changed model is measured again"
    choices.put(str(model), result)
    next(choices.folder.glob("*.json")).write_text("{ damaged")
    assert choices.get("generate", str(model), "cpu") is None


def test_a_precision_that_does_not_exist_or_an_ungated_task_is_refused(tmp_path: Path):
    service = Workbench(ModelStore(tmp_path / "models"), data_dir=tmp_path)
    with pytest.raises(InvalidRequestError, match="no precision called"):
        service.run(PrecisionRequest("generate", "int3"), JobContext())
    with pytest.raises(InvalidRequestError, match="Precision applies to"):
        service.run(PrecisionGateRequest("embed"), JobContext())


def test_a_precision_this_device_cannot_run_is_kept_and_said_to_fall_back_to_float32(tmp_path: Path):
    from desktop_app.engines.precision import supported

    service = Workbench(ModelStore(tmp_path / "models"), data_dir=tmp_path)
    assert "float16" not in supported("cpu", "generate")
    ctx = JobContext()
    assert service.run(PrecisionRequest("generate", "float16"), ctx) == "float16"
    assert ctx.notices == ["float16 (CUDA) does not run here; Text generation uses float32."]
    assert service.runtime.precisions["generate"] == "float16", "kept: it applies where it can run"
    for runs_here in ("float32", "int8", "ort_float32", "auto"):
        ctx = JobContext()
        service.run(PrecisionRequest("generate", runs_here), ctx)
        assert ctx.notices == [], runs_here


@pytest.mark.slow
def test_the_speech_gate_measures_each_precision_and_automatic_uses_its_choice(whisper_tiny_dir: Path, tmp_path):
    from desktop_app.core.requests import TranscriptionRequest

    service = Workbench(ModelStore(whisper_tiny_dir.parent), data_dir=tmp_path)
    result = service.run(PrecisionGateRequest("transcribe", str(whisper_tiny_dir)), JobContext())
    by_name = {m.precision: m for m in result.measures}
    assert list(by_name)[:2] == ["float32", "int8"] and result.items == 6
    assert by_name["float32"].wer is not None and by_name["float32"].wer < 0.2, "tiny.en hears the clips"
    for measure in result.measures:  # the rule: within 0.01 of float32's word error rate
        assert measure.passed == (measure.wer is not None and measure.wer <= by_name["float32"].wer + 0.01)
    assert result.chosen in [m.precision for m in result.measures if m.passed]
    assert "WER" in result.summary() and result.chosen in result.summary()
    again = PrecisionChoices(tmp_path / "precision").get("transcribe", str(whisper_tiny_dir), "cpu")
    assert again == result, "kept for the next start"
    clip = Path(__file__).parent.parent / "resources/eval/speech/00.flac"
    service.run(TranscriptionRequest(str(clip), model=str(whisper_tiny_dir)), JobContext())
    assert [m.dtype for m in service.loaded_models() if m.task == "transcribe"] == [result.chosen]


@pytest.mark.slow
def test_the_translation_gate_compares_each_sentence(tiny_marian_dir: Path, tmp_path):
    service = Workbench(ModelStore(tiny_marian_dir.parent), data_dir=tmp_path)
    result = service.run(PrecisionGateRequest("translate", str(tiny_marian_dir)), JobContext())
    float32 = result.measures[0]
    assert float32.precision == "float32" and float32.same == 1.0 and result.items == 15
    assert all(m.passed == (m.same >= 0.9) for m in result.measures if not m.failed)


@pytest.mark.slow
def test_a_chosen_precision_runs_the_task_and_inspect_reads_back_its_answer(smollm2_dir: Path, tmp_path):
    service = Workbench(ModelStore(smollm2_dir.parent), data_dir=tmp_path)
    assert service.run(PrecisionRequest("generate", "int8"), JobContext()) == "int8"
    question = "What is the capital of France?"
    answer = service.run(GenerationRequest(question, temperature=0.0, max_new_tokens=12), JobContext())
    assert [m.dtype for m in service.loaded_models()] == ["int8"], "the run used the int8 copy"
    maps = service.run(
        AttentionRequest(question, source_task="generate", max_new_tokens=12, answer=answer.text, attribution=False),
        JobContext(),
    )
    assert maps.generated.strip() == answer.text.strip(), "Inspect reads back the int8 copy's answer"
    assert sorted(m.dtype for m in service.loaded_models()) == ["float32", "int8"], "it looked inside float32"
    service.run(PrecisionRequest("generate", "float32"), JobContext())
    assert service.loaded_models() == (), "a new choice unloads the task's models; the next job loads it"


@pytest.mark.slow
def test_speech_runs_on_ctranslate2_and_inspect_reads_back_its_words(whisper_tiny_dir: Path, tmp_path):
    from desktop_app.core.requests import TranscriptionRequest

    service = Workbench(ModelStore(whisper_tiny_dir.parent), data_dir=tmp_path)
    clip = str(Path(__file__).parent.parent / "resources/eval/speech/02.flac")
    exact = service.run(TranscriptionRequest(clip, model=str(whisper_tiny_dir)), JobContext())
    service.run(PrecisionRequest("transcribe", "ct2_float32"), JobContext())
    fast = service.run(TranscriptionRequest(clip, model=str(whisper_tiny_dir)), JobContext())
    assert [m.dtype for m in service.loaded_models()] == ["ct2_float32"], "the run used CTranslate2 only"
    assert fast.text == exact.text, "CTranslate2 float32 writes what transformers float32 writes"
    unfiltered = service.run(TranscriptionRequest(clip, model=str(whisper_tiny_dir), use_vad=False), JobContext())
    assert unfiltered.text == exact.text, "without voice activity, Whisper's own no-speech test runs on it too"
    assert [round(s.start, 1) for s in fast.segments] == [round(s.start, 1) for s in exact.segments]
    maps = service.run(AttentionRequest(clip, source_task="transcribe", model=str(whisper_tiny_dir)), JobContext())
    heard = "".join(maps.tokens).replace("Ġ", " ").split()
    assert heard == maps.generated.split() == fast.text.split(), "Inspect looks inside at the words CTranslate2 wrote"
    assert sorted(m.dtype for m in service.loaded_models()) == ["ct2_float32", "float32"]


@pytest.mark.slow
def test_without_voice_activity_int8_keeps_every_window(whisper_tiny_dir: Path, tmp_path):
    """On the speech bench's clip, int8 weights put <|nospeech|> at 0.88 on its second window, plain speech;
    judged on that alone, the window's words were lost (78 words of 138). Whisper's test also weighs the words
    written there, as the app now does."""
    from desktop_app.core.requests import TranscriptionRequest
    from tests.speech_helpers import bench_clip, word_error_rate

    clip, words = bench_clip(tmp_path)
    service = Workbench(ModelStore(whisper_tiny_dir.parent), data_dir=tmp_path)
    service.run(PrecisionRequest("transcribe", "ct2_int8"), JobContext())
    request = TranscriptionRequest(str(clip), model=str(whisper_tiny_dir), use_vad=False)
    result = service.run(request, JobContext())
    assert word_error_rate(words, result.text) < 0.1, result.text


@pytest.mark.slow
def test_the_no_speech_figures_are_whispers_on_either_runner(whisper_tiny_dir: Path, speech_clips, tmp_path):
    """The transformers model's figures (one teacher-forced pass over what was written) are those CTranslate2
    reports from its own decoding, on the same float32 weights."""
    from desktop_app.audio.decoding import load_audio

    service = Workbench(ModelStore(whisper_tiny_dir.parent), data_dir=tmp_path)
    service.run(PrecisionRequest("transcribe", "ct2_float32"), JobContext())
    engine = service.engines.transcription
    fast = engine.load(str(whisper_tiny_dir), JobContext(), fast=True)
    exact = engine.load(str(whisper_tiny_dir), JobContext())
    assert not fast.model.inspectable and exact.model.training is False
    samples = load_audio(speech_clips.long_clip).samples[: 30 * 16_000]
    features = engine.features(fast, samples)
    ids = engine._decode(fast, features, "en", "transcribe", JobContext())
    fast_figures = engine.confidence(fast, features, ids)
    exact_figures = engine.confidence(exact, engine.features(exact, samples), ids)
    assert fast_figures == pytest.approx(exact_figures, abs=0.03)
    assert 0 < fast_figures[0] < 1 and fast_figures[1] < 0
    # tiny.en gives <|nospeech|> 0.62 on this window of speech: it is the words' log-probability that keeps it
    assert not engine.hears_no_speech(fast, features, ids) and not engine.hears_no_speech(exact, features, ids)
