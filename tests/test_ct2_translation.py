"""Translation on CTranslate2 beside the transformers model: the same words from the real converted model, the
alignment, Inspect and Explain reading back what it wrote, the multilingual path's forced target language,
and the quality gate measuring it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.explain_requests import ExplainRequest
from desktop_app.core.precision_requests import PrecisionGateRequest, PrecisionRequest
from desktop_app.core.requests import AttentionRequest, TranslationRequest
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.generation_helpers import loaded_dtypes
from tests.translation_helpers import split_pairs


def test_translation_runs_on_ctranslate2_and_the_alignment_reads_back_its_words(tiny_marian_dir: Path, tmp_path):
    service = Workbench(ModelStore(tmp_path / "models"), data_dir=tmp_path)
    _, unseen = split_pairs()
    text = " ".join(english for english, _ in unseen)

    def translate(**options) -> object:
        request = TranslationRequest(text, model=str(tiny_marian_dir), num_beams=1, **options)
        return service.run(request, JobContext())

    exact = translate(keep_attention=False)
    service.run(PrecisionRequest("translate", "ct2_int8"), JobContext())
    fast = translate(keep_attention=False)
    assert loaded_dtypes(service) == ["ct2_int8"], "the run used CTranslate2 only"
    assert fast.text == exact.text == " ".join(spanish for _, spanish in unseen)
    assert fast.timings["tokens_per_s"] > 0

    aligned = translate()  # the panel keeps each sentence's alignment for the hover
    assert loaded_dtypes(service) == ["ct2_int8", "float32"], "the alignment looked inside the float32 model"
    for sentence in aligned.sentences:
        assert sentence.attention is not None
        assert " ".join(sentence.attention.target_tokens) == sentence.target, "aligned on the words it wrote"
        assert sentence.attention.weights.shape[-2:] == (len(sentence.target.split()), len(sentence.source.split()))


def test_inspect_and_explain_read_back_what_ctranslate2_wrote(tiny_marian_dir: Path, tmp_path):
    service = Workbench(ModelStore(tmp_path / "models"), data_dir=tmp_path)
    service.run(PrecisionRequest("translate", "ct2_float32"), JobContext())
    sentence = "the black horse runs ."  # a combination the translator never saw
    said = service.run(TranslationRequest(sentence, model=str(tiny_marian_dir), keep_attention=False), JobContext())
    maps = service.run(AttentionRequest(sentence, source_task="translate", model=str(tiny_marian_dir)), JobContext())
    assert maps.generated == said.text == "el caballo negro corre ."
    assert list(maps.tokens) == said.text.split()
    explained = service.run(
        ExplainRequest(sentence, source_task="translate", model=str(tiny_marian_dir), methods=("ablation",)),
        JobContext(),
    )
    assert explained.answer == said.text
    assert loaded_dtypes(service) == ["ct2_float32", "float32"]


@pytest.mark.slow
@pytest.mark.parametrize("precision", ["ct2_float32", "ct2_int8"])
def test_a_multilingual_model_gets_its_target_language_on_ctranslate2(shared_cache_dir: Path, tmp_path, precision):
    from tests.translation_helpers import build_random_m2m

    model = str(build_random_m2m(shared_cache_dir / "trained"))  # random weights: the words mean nothing
    service = Workbench(ModelStore(tmp_path / "models"), data_dir=tmp_path)
    request = TranslationRequest(
        "the red cat sleeps . the dog runs .", model=model, source_lang="en", target_lang="fr",
        num_beams=1, max_new_tokens=6, keep_attention=False,
    )  # fmt: skip
    exact = service.run(request, JobContext())
    service.run(PrecisionRequest("translate", precision), JobContext())
    fast = service.run(request, JobContext())
    assert loaded_dtypes(service) == [precision]
    if precision == "ct2_float32":
        assert fast.text == exact.text, "the same float32 weights choose the same tokens"
    assert len(fast.sentences) == 2 and all(s.target for s in fast.sentences)


def test_the_translation_gate_measures_ctranslate2(tiny_marian_dir: Path, tmp_path):
    service = Workbench(ModelStore(tmp_path / "models"), data_dir=tmp_path)
    result = service.run(PrecisionGateRequest("translate", str(tiny_marian_dir)), JobContext())
    measured = {m.precision: m for m in result.measures}
    assert {"float32", "int8", "ct2_int8", "ct2_float32"} <= set(measured)
    for name in ("ct2_int8", "ct2_float32"):
        assert not measured[name].failed and measured[name].seconds > 0, measured[name]
    assert measured["ct2_float32"].same >= 0.9, "the same weights on another engine keep float32's translations"
