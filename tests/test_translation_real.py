"""Translation with a real trained Marian model: unseen sentences, layout, alignment, limits, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError
from desktop_app.core.requests import TranslationRequest
from desktop_app.core.results import TranslatedSentence, TranslationResult
from desktop_app.core.sentences import split_sentences
from desktop_app.interpret.alignment import word_alignment
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore
from tests.translation_helpers import split_pairs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def service(tiny_marian_dir: Path) -> Workbench:
    return Workbench(ModelStore(tiny_marian_dir.parent))


def _translate(service, model: Path, text: str, ctx: JobContext | None = None, **options) -> TranslationResult:
    return service.run(TranslationRequest(text, model=str(model), **options), ctx or JobContext())


def test_unseen_sentences_are_translated_in_their_lines(service, tiny_marian_dir):
    _, unseen = split_pairs()
    streamed: list[TranslatedSentence] = []
    text = " ".join(en for en, _ in unseen[:3]) + "\n\n" + "\n".join(en for en, _ in unseen[3:])
    result = _translate(service, tiny_marian_dir, text, JobContext(on_partial=streamed.append), batch_size=4)
    expected = " ".join(es for _, es in unseen[:3]) + "\n\n" + "\n".join(es for _, es in unseen[3:])
    got = [s.target for s in result.sentences]
    right = sum(a == b for a, (_, b) in zip(got, unseen, strict=True))
    assert right >= len(unseen) - 1, list(zip(got, unseen, strict=True))
    assert result.text.count("\n") == expected.count("\n") and result.text.split("\n")[1] == ""
    assert [s.target for s in streamed] == got and (result.source_lang, result.target_lang) == ("en", "es")
    assert result.timings["tokens_per_s"] > 0


def test_alignment_points_each_spanish_word_at_its_english_word(service, tiny_marian_dir):
    result = _translate(service, tiny_marian_dir, "the white horse sings .", num_beams=1)
    attention = result.sentences[0].attention
    assert attention is not None and attention.target_tokens == ("el", "caballo", "blanco", "canta", ".")
    assert np.allclose(attention.weights.astype(np.float32).sum(-1), 1.0, atol=1e-2)
    alignment = word_alignment(attention)
    best = {
        alignment.target_words[t]: alignment.source_words[alignment.strongest(t, 1)[0][0]]
        for t in range(len(alignment.target_words))
    }
    # the adjective moves after the noun in Spanish; attention follows it
    assert best["caballo"] == "horse" and best["blanco"] == "white" and best["canta"] == "sings"


def test_limits_and_bad_input(service, tiny_marian_dir):
    with pytest.raises(InvalidRequestError, match="nothing to translate"):
        _translate(service, tiny_marian_dir, "   \n ")
    with pytest.raises(InvalidRequestError, match="translates en to es only"):
        _translate(service, tiny_marian_dir, "the cat sleeps .", source_lang="fr", target_lang="de")
    odd = _translate(service, tiny_marian_dir, "the purple cat sleeps ☃ .")
    assert odd.text and "does not know 2 of the words" in odd.note and "☃" in odd.note
    # a sentence far longer than the model's 64 positions is cut at words into pieces that fit: none lost
    long_sentence = " ".join(["the red cat sleeps"] * 40) + " ."
    long = _translate(service, tiny_marian_dir, long_sentence, num_beams=1)
    assert len(long.sentences) > 2 and " ".join(s.source for s in long.sentences) == long_sentence
    # a long text: every sentence translated, in batches
    _, unseen = split_pairs()
    many = _translate(service, tiny_marian_dir, " ".join(en for en, _ in unseen * 10), num_beams=1, batch_size=16)
    assert len(many.sentences) == 200 and many.text.count(".") == 200


def test_cancel_keeps_the_sentences_done(service, tiny_marian_dir):
    _, unseen = split_pairs()
    cancel = threading.Event()
    ctx = JobContext(cancel_event=cancel, on_partial=lambda item: cancel.set())
    with pytest.raises(JobCancelledError) as stopped:
        _translate(service, tiny_marian_dir, " ".join(en for en, _ in unseen), ctx, batch_size=2)
    partial = stopped.value.partial_result
    assert isinstance(partial, TranslationResult) and len(partial.sentences) == 2


def test_sentence_layout_round_trip():
    layout = split_sentences("Hello there. How are you?\n\nFine!  Thanks (really.) OK")
    assert layout.sentences == ("Hello there.", "How are you?", "Fine!", "Thanks (really.)", "OK")
    assert layout.join(list(layout.sentences)) == "Hello there. How are you?\n\nFine! Thanks (really.) OK"


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "translate", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_translates_text_and_stdin(tiny_marian_dir):
    done = _cli("the black bird runs .", "--model", str(tiny_marian_dir), "--no-history")
    assert done.returncode == 0 and done.stdout == "el pájaro negro corre .\n", done.stderr
    piped = _cli("-", "--model", str(tiny_marian_dir), "--json", "--no-history", stdin="the small dog eats .\n")
    payload = json.loads(piped.stdout)
    assert payload["text"].strip() == "el perro pequeño come ." and payload["target_lang"] == "es"
    assert payload["sentences"][0]["source"] == "the small dog eats ."
    assert _cli("", "--model", str(tiny_marian_dir)).returncode == 4
    assert _cli("the cat", "--model", str(tiny_marian_dir), "--src", "fr", "--tgt", "de").returncode == 4
    assert _cli("the cat", "--model", "/no/such/model").returncode == 3


def test_multilingual_models_take_language_codes(shared_cache_dir, monkeypatch):
    from tests.translation_helpers import build_random_m2m

    model = build_random_m2m(shared_cache_dir / "trained")  # random weights: the words mean nothing
    service = Workbench(ModelStore(model.parent))
    with pytest.raises(InvalidRequestError, match="choose the target language"):
        _translate(service, model, "the cat sleeps .")
    with pytest.raises(InvalidRequestError, match="does not know the language 'xx'") as unknown:
        _translate(service, model, "the cat sleeps .", target_lang="xx")
    assert "en, es, fr" in unknown.value.hint
    forced: list[int] = []
    generate = service.engines.translation.load(str(model), JobContext()).model.generate
    monkeypatch.setattr(
        service.engines.translation.load(str(model), JobContext()).model,
        "generate",
        lambda *a, **kw: forced.append(kw["forced_bos_token_id"]) or generate(*a, **kw),
    )
    result = _translate(service, model, "the cat sleeps .", source_lang="en", target_lang="es", max_new_tokens=4)
    tokenizer = service.engines.translation.load(str(model), JobContext()).tokenizer
    assert forced == [tokenizer.convert_tokens_to_ids("__es__")] and "__es__" not in result.text
    assert (result.source_lang, result.target_lang) == ("en", "es")
