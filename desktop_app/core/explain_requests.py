"""What an explanation job asks for, and what it gives back (see desktop_app/explain/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.options import option
from desktop_app.core.requests import Request
from desktop_app.core.results import ModelInfo
from desktop_app.core.tasks import Task

METHODS = ("lime", "kernelshap", "shapley", "ig", "ablation", "attention")
DEFAULT_METHODS = ("lime", "kernelshap", "ig", "ablation", "attention")  # Shapley sampling: asked for by name
EXPLAINED_TASKS = ("generate", "translate", "caption", "transcribe", "match")
FILE_TASKS = ("caption", "transcribe", "match")  # their input is a picture's or a recording's path


@dataclass(frozen=True)
class ExplainRequest(Request):
    """Explain one output by several methods: which words of a prompt or a source sentence, which regions of a
    picture or which stretches of a recording made the model give it."""

    task: ClassVar[Task] = Task.EXPLAIN
    input_fields: ClassVar[tuple[str, ...]] = ("text",)

    text: str  # the prompt, the sentence to translate, or the picture's or recording's path
    source_task: str = Task.GENERATE.value
    model: str = ""
    methods: tuple[str, ...] = DEFAULT_METHODS
    target: str = ""  # the output to explain (matching: the text); empty: the model's own greedy output
    focus: str = ""  # one word of the output to explain alone; empty: the whole output
    samples: int = option(
        200,
        20,
        5000,
        label=QT_TR_NOOP("Samples"),
        help=QT_TR_NOOP(
            "perturbed inputs for LIME, Kernel SHAP and Shapley sampling: more give steadier scores, and take longer"
        ),
    )
    max_new_tokens: int = option(
        16, 1, 256, label=QT_TR_NOOP("Max new tokens"), help=QT_TR_NOOP("the answer's length when it is generated")
    )
    use_chat_template: bool = True
    system_prompt: str = ""  # generation: the chat's system prompt, part of the prompt explained
    parts: bool = False  # generation: the features are the system prompt and each paragraph, not each word
    seed: int = 0
    source_lang: str = ""  # translation, for a multilingual model
    target_lang: str = ""

    def validate(self) -> None:
        if not self.text.strip():
            raise InvalidRequestError(
                tr("There is nothing to explain."),
                hint=tr("Choose a file.") if self.source_task in FILE_TASKS else tr("Type a prompt."),
            )
        if self.source_task not in EXPLAINED_TASKS:
            raise InvalidRequestError(
                arg(tr("Explanations of '%1' outputs are not built."), self.source_task),
                hint=arg(tr("Explain one of: %1."), ", ".join(EXPLAINED_TASKS)),
            )
        if self.source_task == "match" and not self.target.strip():
            raise InvalidRequestError(
                tr("A match needs the text to compare the picture with."), hint=tr("Give the text as the target.")
            )
        unknown = [method for method in self.methods if method not in METHODS]
        if unknown or not self.methods:
            raise InvalidRequestError(
                arg(tr("Unknown explanation method '%1'."), ", ".join(unknown)),
                hint=arg(tr("Use %1."), ", ".join(METHODS)),
            )
        super().validate()


@dataclass(frozen=True)
class FeatureLayout:
    """Where the features lie in the input, to draw them: words (in order), regions of the picture the model
    saw (then the words of a matched text), or time segments of a recording."""

    kind: str = "words"  # "words", "regions", "segments"
    picture: np.ndarray | None = None  # (H, W, 3) uint8: the model's own view of the picture
    regions: np.ndarray | None = None  # (H, W) int: the region (feature index) of each pixel
    times: tuple[tuple[float, float], ...] = ()  # each segment's [start, end) in seconds
    waveform: np.ndarray | None = None  # (columns, 2) lowest and highest sample, over the segments' span
    path: str = ""


@dataclass(frozen=True)
class Explanation:
    """Scores for each feature of the input by each method (higher: the feature raises the output's
    log-probability, or the match's similarity, more), with each method's faithfulness and the methods'
    agreement."""

    model: ModelInfo
    source_task: str
    answer: str
    features: tuple[str, ...]
    scores: dict[str, tuple[float, ...]]  # by method, one per feature
    faithfulness: dict[str, tuple[float, float]] = field(default_factory=dict)  # method: (AOPC, random AOPC)
    agreement: dict[str, float] = field(default_factory=dict)  # "lime~kernelshap": Spearman's rho
    samples: int = 0
    complete: bool = True  # False when stopped: the methods done before stay
    timings: dict[str, float] = field(default_factory=dict)
    layout: FeatureLayout = field(default_factory=FeatureLayout)
    focus: str = ""  # the word of the output explained alone, if one was
    cached: tuple[str, ...] = ()  # the methods whose scores came from the cache

    def ranked(self, method: str) -> list[tuple[str, float]]:
        return sorted(zip(self.features, self.scores[method], strict=True), key=lambda pair: -pair[1])
