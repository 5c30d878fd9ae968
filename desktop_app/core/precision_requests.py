"""Precision: which number format each task's models run in (Models ▸ Precision), and the quality gate that
measures each format on the evaluation set shipped with the app, to choose the fastest that keeps the answers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.requests import Request, _require
from desktop_app.core.results import ModelInfo
from desktop_app.core.tasks import Task

AUTO = "auto"
FLOAT32 = "float32"
# name -> what the menu and the model manager call it
PRECISIONS = {
    AUTO: QT_TR_NOOP("Automatic (fastest that passes the quality gate)"),
    FLOAT32: QT_TR_NOOP("float32 (exact)"),
    "int8": QT_TR_NOOP("int8 dynamic"),
    "bfloat16": QT_TR_NOOP("bfloat16"),
    "float16": QT_TR_NOOP("float16 (CUDA)"),
    "ct2_int8": QT_TR_NOOP("CTranslate2 int8"),
    "ct2_float32": QT_TR_NOOP("CTranslate2 float32"),
    "ort_float32": QT_TR_NOOP("ONNX Runtime float32"),
    "ort_int8": QT_TR_NOOP("ONNX Runtime int8 weights"),
    "ort_int4": QT_TR_NOOP("ONNX Runtime int4 weights"),
}
# The precisions that run on a faster engine made for the job, by task, with the compute type they ask it for.
FAST_RUNNERS: dict[str, dict[str, str]] = {
    Task.TRANSCRIBE: {"ct2_int8": "int8", "ct2_float32": "float32"},
    Task.TRANSLATE: {"ct2_int8": "int8", "ct2_float32": "float32"},
    Task.GENERATE: {
        "ct2_int8": "int8",
        "ct2_float32": "float32",
        "ort_float32": "fp32",
        "ort_int8": "int8",
        "ort_int4": "int4",
    },
}
# What the gate measures but "automatic" leaves to the user's own choice, by task: CTranslate2 keeps no chat
# turns' keys and values (it caches only a fixed prompt), so a long conversation's first token would wait for all
# of it to be encoded again. (ONNX Runtime keeps the last conversation: engines/ort_generation.py.)
BY_HAND_ONLY: dict[str, frozenset[str]] = {
    Task.GENERATE: frozenset(name for name in FAST_RUNNERS[Task.GENERATE] if name.startswith("ct2_"))
}
# The tasks whose runs can use a faster format: their outputs can be compared with float32's.
GATED_TASKS: tuple[str, ...] = (Task.GENERATE, Task.TRANSCRIBE, Task.CAPTION, Task.TRANSLATE)
# What passing means, per task, in words shown beside the measurements.
GATE_RULES: dict[str, str] = {
    Task.GENERATE: QT_TR_NOOP(
        "the same greedy answer on at least 90% of the prompts (automatic leaves CTranslate2, which encodes the "
        "whole conversation again on every turn, to be chosen by hand)"
    ),
    Task.TRANSCRIBE: QT_TR_NOOP("a word error rate at most 0.01 above float32's"),
    Task.CAPTION: QT_TR_NOOP("the same caption for at least 90% of the pictures"),
    Task.TRANSLATE: QT_TR_NOOP("the same translation for at least 90% of the sentences"),
}
SAME_SHARE = 0.9  # generation, captions, translations: at least this share identical to float32's
WER_MARGIN = 0.01  # speech: at most this much above float32's word error rate


def _check_task(for_task: str) -> None:
    _require([(for_task in GATED_TASKS, arg(tr("Precision applies to %1."), ", ".join(GATED_TASKS)))])


@dataclass(frozen=True)
class PrecisionRequest(Request):
    """Models ▸ Precision ▸ a task: the format its runs use from the next job on ("auto": the gate's choice)."""

    task: ClassVar[Task] = Task.PRECISION

    for_task: str
    precision: str = AUTO

    def validate(self) -> None:
        _check_task(self.for_task)
        _require([(self.precision in PRECISIONS, arg(tr("There is no precision called %1."), self.precision))])


@dataclass(frozen=True)
class PrecisionGateRequest(Request):
    """Run a task's model in every precision this machine supports on the evaluation set, and keep the result."""

    task: ClassVar[Task] = Task.PRECISION_GATE

    for_task: str
    model: str = ""  # empty: the task's default model

    def validate(self) -> None:
        _check_task(self.for_task)


@dataclass(frozen=True)
class GateMeasure:
    """One precision on the evaluation set."""

    precision: str
    seconds: float  # the whole set, after a warm-up item
    same: float  # share of outputs identical to float32's
    wer: float | None  # speech: word error rate against the set's transcripts
    passed: bool
    failed: str = ""  # why it could not run here (then it did not pass)


@dataclass(frozen=True)
class PrecisionGateResult:
    for_task: str
    model: ModelInfo
    device: str
    items: int  # the evaluation set's size
    measures: tuple[GateMeasure, ...]
    chosen: str  # the fastest that passed (float32 always passes)
    measured_on: str  # ISO date

    def rule(self) -> str:
        return tr(GATE_RULES[self.for_task])

    def summary(self) -> str:
        """One line: what was chosen and how each precision did."""
        parts = []
        for m in self.measures:
            if m.failed:
                parts.append(arg(tr("%1 could not run"), m.precision))
                continue
            quality = f"WER {m.wer:.3f}" if m.wer is not None else f"{m.same:.0%} " + tr("same")
            parts.append(f"{m.precision} {m.seconds:.2f} s, {quality}" + ("" if m.passed else " ✗"))
        return arg(tr("%1 (measured %2: %3)"), self.chosen, self.measured_on, "; ".join(parts))
