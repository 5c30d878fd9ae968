"""Global importance from explanations already made: each prompt scaled to its own largest score, words merged
across prompts (case and punctuation aside), and the ranking written as CSV, JSON or a bar chart."""

from __future__ import annotations

import csv
import json

from desktop_app.core.explain_requests import Explanation
from desktop_app.core.results import ModelInfo
from desktop_app.explain.global_importance import aggregate, write

MODEL = ModelInfo("m", "local folder", "/models/m")


def _explained(words: tuple[str, ...], scores: tuple[float, ...]) -> Explanation:
    return Explanation(MODEL, "generate", "answer", words, {"kernelshap": scores})


def test_words_that_matter_everywhere_come_first_and_every_format_is_written(tmp_path):
    results = [
        _explained(("Who", "wrote", "Hamlet?"), (1.0, 2.0, 10.0)),  # a confident answer: big raw scores
        _explained(("Who", "painted", "Guernica?"), (0.1, 0.05, 0.2)),  # a shy one: small raw scores
    ]
    ranked = aggregate(results, "kernelshap")
    assert [(i.word, round(i.mean, 2), i.prompts) for i in ranked[:2]] == [("guernica", 1.0, 1), ("hamlet", 1.0, 1)]
    assert next(i for i in ranked if i.word == "who").prompts == 2  # "Who" in both prompts, one row
    table = write(ranked, "kernelshap", 2, tmp_path / "words.csv")
    rows = list(csv.reader(table.open(encoding="utf-8")))
    assert rows[0] == ["feature", "importance", "inputs"] and len(rows) == 1 + 5
    data = json.loads(write(ranked, "kernelshap", 2, tmp_path / "words.json").read_text(encoding="utf-8"))
    assert data["inputs"] == 2 and data["features"][0]["feature"] == "guernica"
    chart = write(ranked, "kernelshap", 2, tmp_path / "words.png")
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
