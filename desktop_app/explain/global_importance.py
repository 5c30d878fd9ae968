"""Global importance: one method run over many inputs, aggregated into the features that move the model most:
the words across a list of prompts, the places in a folder of pictures, the moments across recordings.

Each input's scores are divided by their largest magnitude first, so an input with a confident output does
not drown the others; a feature's importance is then the mean of its scaled scores over the inputs it is in,
with how many inputs that was. Words are merged when spelled the same (case and punctuation aside); a
picture's regions are merged by where they lie (its thirds: "top left"…), summing the regions in each.
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
    word: str  # the feature: a word, a place in the picture, a time segment
    mean: float  # mean scaled score over the inputs it is in, -1…1
    prompts: int  # how many inputs it is in


def aggregate(results: Sequence[Explanation], method: str) -> list[Importance]:
    """The features of all `results`, most important first."""
    seen: dict[str, list[float]] = {}
    for result in results:
        scores = result.scores[method]
        scale = max((abs(score) for score in scores), default=0.0) or 1.0
        merged: dict[str, float] = {}
        for key, score in zip(_keys(result), scores, strict=True):
            if key:
                merged[key] = merged.get(key, 0.0) + score / scale
        for key, value in merged.items():
            seen.setdefault(key, []).append(value)
    ranked = [Importance(word, sum(values) / len(values), len(values)) for word, values in seen.items()]
    return sorted(ranked, key=lambda item: (-item.mean, item.word))


def _keys(result: Explanation) -> list[str]:
    """What each feature is merged by across inputs: a region's place, a word's bare spelling."""
    layout = result.layout
    places: tuple[str, ...] = ()
    if layout.kind == "regions" and layout.regions is not None:
        from desktop_app.explain.image import region_places

        places = region_places(layout.regions)
    return [places[i] if i < len(places) else name.strip(PUNCTUATION).lower() for i, name in enumerate(result.features)]


def payload(ranked: Sequence[Importance], method: str, inputs: int) -> dict[str, object]:
    return {
        "method": method,
        "inputs": inputs,
        "features": [{"feature": i.word, "importance": round(i.mean, 5), "inputs": i.prompts} for i in ranked],
    }


def write(ranked: Sequence[Importance], method: str, inputs: int, path: Path) -> Path:
    """The table as CSV or JSON, or the top words as a bar chart (PNG), by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["feature", "importance", "inputs"])
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
