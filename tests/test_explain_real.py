"""Explanations of a real model's answers (SmolLM2-135M-Instruct): LIME and Kernel SHAP find the word that names
what the answer is about, their top words matter more than random ones (AOPC), a stopped job keeps the
methods that finished, and bad input is refused before any model runs."""

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
from desktop_app.core.explain_requests import ExplainRequest, Explanation
from desktop_app.services.dispatch import Workbench
from desktop_app.store.model_store import ModelStore

QUESTION = "Who wrote Romeo and Juliet?"  # SmolLM2 answers with Shakespeare; "Romeo" names the play


@pytest.fixture(scope="module")
def service(smollm2_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Workbench:
    """A workbench whose explanation cache starts empty: these tests watch the methods run."""
    return Workbench(ModelStore(smollm2_dir.parent), tmp_path_factory.mktemp("cache") / "embeddings")


def _explain(service: Workbench, smollm2_dir: Path, text: str, methods: tuple[str, ...], **options) -> Explanation:
    request = ExplainRequest(text, model=str(smollm2_dir), methods=methods, max_new_tokens=12, **options)
    result = service.run(request, JobContext())
    assert isinstance(result, Explanation)
    return result


def test_lime_and_shap_put_the_word_that_names_the_subject_first(service, smollm2_dir):
    result = _explain(service, smollm2_dir, QUESTION, ("lime", "kernelshap", "shapley"), samples=200)
    assert "Shakespeare" in result.answer
    assert result.features == ("Who", "wrote", "Romeo", "and", "Juliet?")
    assert result.ranked("lime")[0][0] == "Romeo"
    assert result.ranked("kernelshap")[0][0] == "Romeo"
    assert result.ranked("shapley")[0][0] == "Romeo"  # Shapley value sampling: the same idea, sampled otherwise
    assert result.agreement["lime~kernelshap"] > 0.5  # two samplers of one idea agree


def test_removing_the_top_words_hurts_more_than_removing_random_ones(service, smollm2_dir):
    prompts = [QUESTION, "What is the capital of Japan?", "What is the largest planet in the solar system?"]
    drops = [
        _explain(service, smollm2_dir, p, ("kernelshap",), samples=120).faithfulness["kernelshap"] for p in prompts
    ]
    top, random = np.mean([d[0] for d in drops]), np.mean([d[1] for d in drops])
    assert top > random, drops


def test_a_stopped_explanation_keeps_the_methods_that_finished(service, smollm2_dir):
    stop = threading.Event()
    seen: list[str] = []

    def progress(message: str, _fraction: float | None) -> None:
        seen.append(message)
        if message.startswith("kernelshap"):  # the second method has begun: stop it
            stop.set()

    request = ExplainRequest(QUESTION, model=str(smollm2_dir), methods=("ablation", "kernelshap"), max_new_tokens=6)
    with pytest.raises(JobCancelledError) as stopped:
        service.run(request, JobContext(stop, progress))
    partial = stopped.value.partial_result
    assert isinstance(partial, Explanation) and not partial.complete
    assert list(partial.scores) == ["ablation"] and len(partial.scores["ablation"]) == len(partial.features)


@pytest.mark.parametrize(
    ("request_", "words"),
    [
        (ExplainRequest("   "), "nothing to explain"),
        (ExplainRequest("A photo", source_task="painting"), "not built"),
        (ExplainRequest("cat.png", source_task="match"), "needs the text"),
        (ExplainRequest("Hello", methods=("guesswork",)), "Unknown explanation method 'guesswork'"),
    ],
)
def test_bad_requests_are_refused_with_a_reason(request_, words):
    with pytest.raises(InvalidRequestError, match=words):
        request_.validate()


def test_the_command_line_prints_scores_faithfulness_and_timings(smollm2_dir, tmp_path):
    command = [sys.executable, "-m", "desktop_app", "explain", QUESTION, "--model", str(smollm2_dir)]
    done = subprocess.run(
        [*command, "--method", "ablation", "--method", "attention", "--max-new-tokens", "6", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["features"] == ["Who", "wrote", "Romeo", "and", "Juliet?"]
    assert set(payload["scores"]) == {"ablation", "attention"} and len(payload["scores"]["ablation"]) == 5
    assert set(payload["faithfulness"]["ablation"]) == {"aopc", "random_aopc"}
    assert "ablation~attention" in payload["agreement"] and payload["timings"]["total_s"] > 0
    refused = subprocess.run([*command, "--task", "painting"], capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0 and "invalid choice" in refused.stderr


def test_the_attention_panel_explains_the_answer_on_view(qtbot, smollm2_dir):
    from tests.gui_helpers import running_app

    with running_app(qtbot) as app:
        app.pickers["generate"].select_ref(str(smollm2_dir))
        panel = app.window.show_panel("Attention")
        panel.text.setPlainText(QUESTION)
        panel.source.setCurrentIndex(panel.source.findData("generate"))
        panel.run()
        qtbot.waitUntil(lambda: panel.explain.explain_button.isEnabled(), timeout=180_000)
        view = panel.explain
        view.samples.setValue(40)
        view.explain_button.click()
        qtbot.waitUntil(lambda: view.result is not None and not view.job.running, timeout=300_000)
        assert view.table.rowCount() == 5 and view.table.columnCount() == 5
        assert view.table.verticalHeaderItem(2).text() == "Romeo"
        assert "Faithfulness:" in view.summary.text() and "Rank agreement:" in view.summary.text()
        assert view.parts.isVisibleTo(view) and view.focus.itemData(0) == ""  # the whole answer, or one word
        shakespeare = view.focus.findData("Shakespeare")
        assert shakespeare > 0
        view.focus.setCurrentIndex(shakespeare)
        view.explain_button.click()
        qtbot.waitUntil(lambda: view.result.focus == "Shakespeare" and not view.job.running, timeout=300_000)
        assert view.table.rowCount() == 5


def test_global_importance_over_a_list_of_prompts(smollm2_dir, tmp_path):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("Who wrote Romeo and Juliet?\n\nWhat is the capital of Japan?\n", encoding="utf-8")
    command = [sys.executable, "-m", "desktop_app", "explain", "--global", str(prompts), "--model", str(smollm2_dir)]
    table = tmp_path / "words.csv"
    done = subprocess.run(
        [*command, "--method", "ablation", "--max-new-tokens", "6", "--json", "--out", str(table)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    ranked = json.loads(done.stdout)
    assert ranked["inputs"] == 2 and ranked["method"] == "ablation"
    assert {"romeo", "japan"} <= {row["feature"] for row in ranked["features"]}
    assert table.read_text(encoding="utf-8").startswith("feature,importance,inputs")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    refused = subprocess.run([*command[:5], str(empty)], capture_output=True, text=True, timeout=120)
    assert refused.returncode == 4 and "holds no inputs" in refused.stderr


def test_one_word_of_the_answer_is_explained_alone_and_asked_again_from_the_cache(service, smollm2_dir):
    padded = f"  {QUESTION}  "  # the chat template strips it: its words are still found
    first = _explain(service, smollm2_dir, padded, ("ablation",), focus="Shakespeare")
    assert first.focus == "Shakespeare" and first.features == ("Who", "wrote", "Romeo", "and", "Juliet?")
    assert first.cached == ()
    again = _explain(service, smollm2_dir, padded, ("ablation",), focus="Shakespeare")
    assert again.cached == ("ablation",) and again.scores == first.scores
    whole = _explain(service, smollm2_dir, padded, ("ablation",))
    assert whole.cached == () and whole.scores != first.scores  # another output explained: not the cached one
    with pytest.raises(InvalidRequestError, match="'Marlowe' is not a word of the output"):
        _explain(service, smollm2_dir, QUESTION, ("ablation",), focus="Marlowe")


def test_the_parts_of_a_few_shot_prompt_are_weighed_against_each_other(service, smollm2_dir):
    examples = "Q: What is the capital of France?\nA: Paris\n\nQ: What is the capital of Italy?\nA: Rome"
    prompt = f"{examples}\n\nQ: What is the capital of Japan?\nA:"
    result = _explain(
        service, smollm2_dir, prompt, ("kernelshap", "ablation"), samples=60, target=" Tokyo", parts=True,
        system_prompt="Answer with the city's name only.",
    )  # fmt: skip
    assert [name.split(":")[0] for name in result.features] == ["system prompt", "part 1", "part 2", "part 3"]
    for method in ("kernelshap", "ablation"):  # the question names Japan: it matters most for "Tokyo"
        assert result.ranked(method)[0][0].startswith("part 3: Q: What is the capital of Japan"), result.scores


def test_words_are_read_back_from_the_tokens_in_any_script(smollm2_dir):
    """Words by decoding: English by its spaces, Chinese (no spaces) by its characters, a byte-level token
    that holds part of a character kept with the token that completes it."""
    from transformers import AutoTokenizer

    from desktop_app.explain.text import words_of

    tokenizer = AutoTokenizer.from_pretrained(smollm2_dir)
    chinese = tokenizer("北京是中国的首都吗？").input_ids
    words = words_of(tokenizer, chinese)
    assert words.names == ("北", "京", "是", "中", "国", "的", "首", "都", "吗？")
    assert words.spans[0][0] == 0 and words.spans[-1][1] == len(chinese)  # every token in one word
    assert all(a[1] == b[0] for a, b in zip(words.spans, words.spans[1:], strict=False))
    english = tokenizer("naïve café, résumé!").input_ids
    assert words_of(tokenizer, english).names == ("naïve", "café,", "résumé!")
