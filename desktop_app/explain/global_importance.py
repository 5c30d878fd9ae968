"""Global importance: one method run over many inputs, aggregated into the words that move the model most.

Each input's scores are divided by their largest magnitude first, so a prompt with a confident answer does
not drown the others; a word's importance is then the mean of its scaled scores over the prompts it is in
(spelled the same, case and punctuation aside), with how many prompts that was.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.explain_requests import Explanation
from desktop_app.core.i18n import arg, tr

PUNCTUATION = ".,;:!?\"'()[]{}«»“”‘’"


@dataclass(frozen=True)
class Importance:
    word: str
    mean: float  # mean scaled score over the prompts it is in, -1…1
    prompts: int


def aggregate(results: Sequence[Explanation], method: str) -> list[Importance]:
    """The words of all `results`, most important first."""
    seen: dict[str, list[float]] = {}
    for result in results:
        scores = result.scores[method]
        scale = max((abs(score) for score in scores), default=0.0) or 1.0
        for word, score in zip(result.features, scores, strict=True):
            key = word.strip(PUNCTUATION).lower()
            if key:
                seen.setdefault(key, []).append(score / scale)
    ranked = [Importance(word, sum(values) / len(values), len(values)) for word, values in seen.items()]
    return sorted(ranked, key=lambda item: (-item.mean, item.word))


def payload(ranked: Sequence[Importance], method: str, inputs: int) -> dict[str, object]:
    return {
        "method": method,
        "inputs": inputs,
        "words": [{"word": i.word, "importance": round(i.mean, 5), "prompts": i.prompts} for i in ranked],
    }


def write(ranked: Sequence[Importance], method: str, inputs: int, path: Path) -> Path:
    """The table as CSV or JSON, or the top words as a bar chart (PNG), by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["word", "importance", "prompts"])
            writer.writerows([i.word, f"{i.mean:.5f}", i.prompts] for i in ranked)
    elif suffix == ".json":
        path.write_text(json.dumps(payload(ranked, method, inputs), ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        _bar_chart(ranked[:20], method, inputs, path)
    return path


def _bar_chart(ranked: Sequence[Importance], method: str, inputs: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")  # no window: a file
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(7, 0.3 * len(ranked) + 1.2))
    words = [i.word for i in reversed(ranked)]
    axes.barh(words, [i.mean for i in reversed(ranked)], color="#3b528b")
    axes.set_xlabel(arg(tr("mean scaled %1 score over %2 inputs"), method, inputs))
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)
