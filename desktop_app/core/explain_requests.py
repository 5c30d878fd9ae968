"""What an explanation job asks for, and what it gives back (see desktop_app/explain/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.options import option
from desktop_app.core.requests import Request
from desktop_app.core.results import ModelInfo
from desktop_app.core.tasks import Task

METHODS = ("lime", "kernelshap", "ig", "ablation", "attention")
EXPLAINED_TASKS = ("generate",)  # the tasks whose outputs can be explained (translation, captions… to come)


@dataclass(frozen=True)
class ExplainRequest(Request):
    """Explain one output: which words of the prompt made the model give its answer, by several methods."""

    task: ClassVar[Task] = Task.EXPLAIN
    input_fields: ClassVar[tuple[str, ...]] = ("text",)

    text: str  # the prompt
    source_task: str = Task.GENERATE.value
    model: str = ""
    methods: tuple[str, ...] = METHODS
    target: str = ""  # the answer to explain; empty: the model's own greedy answer
    samples: int = option(
        200,
        20,
        5000,
        label=QT_TR_NOOP("Samples"),
        help=QT_TR_NOOP("perturbed prompts for LIME and Kernel SHAP: more give steadier scores, and take longer"),
    )
    max_new_tokens: int = option(
        16, 1, 256, label=QT_TR_NOOP("Max new tokens"), help=QT_TR_NOOP("the answer's length when it is generated")
    )
    use_chat_template: bool = True
    seed: int = 0

    def validate(self) -> None:
        if not self.text.strip():
            raise InvalidRequestError(tr("There is nothing to explain."), hint=tr("Type a prompt."))
        if self.source_task not in EXPLAINED_TASKS:
            raise InvalidRequestError(
                arg(tr("Explanations of '%1' outputs are not built yet."), self.source_task),
                hint=arg(tr("Explain a generated answer (%1)."), "--task generate"),
            )
        unknown = [method for method in self.methods if method not in METHODS]
        if unknown or not self.methods:
            raise InvalidRequestError(
                arg(tr("Unknown explanation method '%1'."), ", ".join(unknown)),
                hint=arg(tr("Use %1."), ", ".join(METHODS)),
            )
        super().validate()


@dataclass(frozen=True)
class Explanation:
    """Scores for each word of the prompt by each method (higher: the word raises the answer's
    log-probability more), with each method's faithfulness and the methods' agreement."""

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

    def ranked(self, method: str) -> list[tuple[str, float]]:
        return sorted(zip(self.features, self.scores[method], strict=True), key=lambda pair: -pair[1])
