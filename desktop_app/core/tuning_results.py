"""What the tuning lab's jobs make. Frozen: they cross from the worker thread to the window."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from desktop_app.core.results import ModelInfo


@dataclass(frozen=True)
class ComparedAnswer:
    """One held-out instruction answered before and after training, each scored against the reference."""

    instruction: str
    reference: str
    before: str
    after: str
    before_score: float
    after_score: float


@dataclass(frozen=True)
class TuneResult:
    adapter_dir: str
    base: ModelInfo
    steps: int
    resumed_from: int  # 0: a fresh start
    train_examples: int
    validation_examples: int
    answers: tuple[ComparedAnswer, ...]
    validation_loss_before: float | None
    validation_loss_after: float | None
    train_loss: tuple[tuple[int, float], ...]  # (step, loss): the whole curve, resumed runs included
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def model(self) -> ModelInfo:
        return self.base

    @property
    def score_before(self) -> float:
        return _mean([a.before_score for a in self.answers])

    @property
    def score_after(self) -> float:
        return _mean([a.after_score for a in self.answers])

    def outputs(self) -> dict[str, Any]:
        return {
            "adapter_dir": self.adapter_dir,
            "steps": self.steps,
            "resumed_from": self.resumed_from,
            "train_examples": self.train_examples,
            "validation_examples": self.validation_examples,
            "score_before": self.score_before,
            "score_after": self.score_after,
            "validation_loss_before": self.validation_loss_before,
            "validation_loss_after": self.validation_loss_after,
            "answers": [asdict(answer) for answer in self.answers],
        }


@dataclass(frozen=True)
class StudentMeasures:
    """One column of the distillation report: teacher, plain student or distilled student."""

    name: str  # "teacher", "student", "distilled"
    layers: int
    parameters: int
    weight_bytes: int
    tokens_per_s: float
    perplexity: float
    output: str


@dataclass(frozen=True)
class DistilReport:
    teacher: ModelInfo
    student_dir: str
    steps: int
    temperature: float
    measures: tuple[StudentMeasures, ...]  # teacher, student trained without the teacher, distilled student
    train_blocks: int
    held_out_blocks: int
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def model(self) -> ModelInfo:
        return self.teacher

    def measure(self, name: str) -> StudentMeasures:
        return next(m for m in self.measures if m.name == name)

    def outputs(self) -> dict[str, Any]:
        return {
            "student_dir": self.student_dir,
            "steps": self.steps,
            "temperature": self.temperature,
            "train_blocks": self.train_blocks,
            "held_out_blocks": self.held_out_blocks,
            "measures": [asdict(m) for m in self.measures],
        }


@dataclass(frozen=True)
class AugmentedItem:
    """One augmented copy: its text (text), or the file it was written to (image, audio; "" in a preview),
    and what the transform did to it, in words."""

    index: int
    text: str
    path: str
    detail: str
    data: Any = None  # the copy itself for a preview: an RGB array or (samples, rate)


@dataclass(frozen=True)
class AugmentResult:
    kind: str
    transform: str
    items: tuple[AugmentedItem, ...]
    out_dir: str


@dataclass(frozen=True)
class ProbeRow:
    index: int
    detail: str
    output: str
    change: float  # WER against the original's transcript, or 1 - agreement with its caption or answer


@dataclass(frozen=True)
class ProbeResult:
    for_task: str
    transform: str
    metric: str  # "WER" or "disagreement"
    original: str
    rows: tuple[ProbeRow, ...]
    model: ModelInfo

    @property
    def mean_change(self) -> float:
        return _mean([row.change for row in self.rows])

    @property
    def unchanged(self) -> int:
        return sum(1 for row in self.rows if row.change == 0)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0
