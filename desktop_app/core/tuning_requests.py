"""The tuning lab's jobs: import instruction data, augment data, probe a model's robustness, teach the
generation model with LoRA, and distil a smaller student from a teacher. Options declared once, here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.core.options import option
from desktop_app.core.requests import Request
from desktop_app.core.tasks import Task

AUGMENT_KINDS = ("text", "image", "audio")
# Every augmentation transform by kind, with its words (the functions: augment/registry.py).
AUGMENT_TRANSFORMS: dict[str, dict[str, str]] = {
    "text": {
        "synonym": QT_TR_NOOP("Synonym replacement (WordNet)"),
        "insert": QT_TR_NOOP("Random insertion"),
        "delete": QT_TR_NOOP("Random deletion"),
        "swap": QT_TR_NOOP("Random swap"),
        "back_translate": QT_TR_NOOP("Back-translation"),
    },
    "image": {
        "rotate": QT_TR_NOOP("Rotation"),
        "scale_crop": QT_TR_NOOP("Scaling and cropping"),
        "flip": QT_TR_NOOP("Flips"),
        "color_jitter": QT_TR_NOOP("Colour jitter"),
    },
    "audio": {
        "noise": QT_TR_NOOP("Noise at an SNR"),
        "speed": QT_TR_NOOP("Speed change"),
        "pitch": QT_TR_NOOP("Pitch change"),
        "reverb": QT_TR_NOOP("Reverberation"),
    },
}


def transform_names(kind: str) -> tuple[str, ...]:
    return tuple(AUGMENT_TRANSFORMS.get(kind, {}))


PROBE_TASKS = (Task.CAPTION, Task.TRANSCRIBE, Task.GENERATE)


def _seed() -> Any:
    return option(0, 0, 2**31 - 1, label=QT_TR_NOOP("Seed"), help=QT_TR_NOOP("the same seed gives the same result"))


def _validation_share() -> Any:
    return option(
        0.2, 0.0, 0.5, label=QT_TR_NOOP("Validation share"), step=0.05, help=QT_TR_NOOP("share of examples held out")
    )


# What training jobs share (LoRA and distillation), each declared once.
def _steps(default: int) -> Any:
    return option(default, 1, 100_000, label=QT_TR_NOOP("Steps"), help=QT_TR_NOOP("optimizer steps"))


def _learning_rate(default: float) -> Any:
    return option(
        default,
        1e-6,
        1e-1,
        label=QT_TR_NOOP("Learning rate"),
        flag="--lr",
        decimals=6,
        step=1e-4,
        help=QT_TR_NOOP("the optimizer's step size"),
    )


def _resume() -> Any:
    return option(True, label=QT_TR_NOOP("Resume"), flag="--fresh", help=QT_TR_NOOP("start over instead of resuming"))


@dataclass(frozen=True)
class ImportDataRequest(Request):
    """Read instruction data (JSONL or CSV, a file or a folder), check every line, split it and keep it in the
    data folder under `name`."""

    task: ClassVar[Task] = Task.DATASET
    input_fields: ClassVar[tuple[str, ...]] = ("source",)
    recorded: ClassVar[bool] = True

    source: str
    name: str = ""
    validation_share: float = _validation_share()
    seed: int = _seed()

    def validate(self) -> None:
        if not self.source.strip():
            raise InvalidRequestError(tr("Choose a data file or folder."))
        super().validate()


@dataclass(frozen=True)
class AugmentRequest(Request):
    """`n` augmented copies of a text, an image or a recording (or of every instruction in a dataset file)."""

    task: ClassVar[Task] = Task.AUGMENT
    input_fields: ClassVar[tuple[str, ...]] = ("source",)

    source: str  # a file; for text also the text itself
    kind: str
    transform: str
    n: int = option(4, 1, 1000, label=QT_TR_NOOP("Copies"), help=QT_TR_NOOP("augmented copies of each input"))
    strength: float = option(
        0.3, 0.0, 1.0, label=QT_TR_NOOP("Strength"), step=0.05, help=QT_TR_NOOP("how far each copy may change")
    )
    seed: int = _seed()
    out_dir: str = ""  # where copies are written ("" keeps them in memory: the preview)
    translate_model: str = ""  # back-translation: "FORWARD" (multilingual) or "FORWARD,BACKWARD" ("": default)
    pivot_lang: str = ""  # back-translation with a multilingual model: the language it goes through
    source_lang: str = ""  # and the one it comes back to

    def validate(self) -> None:
        if self.kind not in AUGMENT_KINDS:
            raise InvalidRequestError(arg(tr("Unknown kind '%1'; use text, image or audio."), self.kind))
        if self.transform not in transform_names(self.kind):
            raise InvalidRequestError(
                arg(tr("Unknown %1 transform '%2'."), self.kind, self.transform),
                hint=arg(tr("Choose one of: %1."), ", ".join(transform_names(self.kind))),
            )
        if not self.source.strip():
            raise InvalidRequestError(tr("Choose something to augment."))
        super().validate()


@dataclass(frozen=True)
class ProbeRequest(Request):
    """Run a caption, transcript or answer over `n` augmented copies of one input and measure how much the
    output moves (WER for speech, agreement for captions and answers)."""

    task: ClassVar[Task] = Task.PROBE
    input_fields: ClassVar[tuple[str, ...]] = ("source",)

    for_task: str
    source: str  # an image, a recording, or a prompt
    transform: str
    model: str = ""
    n: int = option(4, 1, 100, label=QT_TR_NOOP("Copies"), help=QT_TR_NOOP("augmented copies of each input"))
    strength: float = option(
        0.3, 0.0, 1.0, label=QT_TR_NOOP("Strength"), step=0.05, help=QT_TR_NOOP("how far each copy may change")
    )
    seed: int = _seed()

    def validate(self) -> None:
        if self.for_task not in PROBE_TASKS:
            raise InvalidRequestError(tr("The probe runs on caption, transcribe or generate."))
        AugmentRequest(self.source, _KIND[self.for_task], self.transform).validate()
        super().validate()


_KIND: dict[str, str] = {Task.CAPTION: "image", Task.TRANSCRIBE: "audio", Task.GENERATE: "text"}


def probe_kind(for_task: str) -> str:
    return _KIND[for_task]


@dataclass(frozen=True)
class TuneRequest(Request):
    """Teach the generation model with LoRA on instruction data; the adapter is kept in the model store."""

    task: ClassVar[Task] = Task.TUNE
    input_fields: ClassVar[tuple[str, ...]] = ("data",)
    recorded: ClassVar[bool] = True

    data: str  # a data file or folder, or a kept dataset's folder
    model: str = ""
    validation: str = ""  # a file of held-out examples instead of a split
    out_dir: str = ""  # "" keeps the adapter in the model store
    steps: int = _steps(60)
    learning_rate: float = _learning_rate(1e-3)
    batch_size: int = option(4, 1, 256, label=QT_TR_NOOP("Batch size"), help=QT_TR_NOOP("examples per step"))
    rank: int = option(8, 1, 256, label=QT_TR_NOOP("LoRA rank"), help=QT_TR_NOOP("the adapter's rank"))
    max_length: int = option(
        256, 16, 8192, label=QT_TR_NOOP("Longest example"), help=QT_TR_NOOP("tokens; longer examples are refused")
    )
    validation_share: float = _validation_share()
    held_out: int = option(
        4,
        0,
        100,
        label=QT_TR_NOOP("Compared answers"),
        help=QT_TR_NOOP("held-out instructions answered before and after"),
    )
    seed: int = _seed()
    resume: bool = _resume()

    def validate(self) -> None:
        if not self.data.strip():
            raise InvalidRequestError(tr("Choose the instruction data to train on."))
        super().validate()


@dataclass(frozen=True)
class DistilRequest(Request):
    """A smaller student from a teacher: its layers dropped to `layers`, trained on the teacher's softened
    outputs over the user's text, and compared with the same student trained without the teacher."""

    task: ClassVar[Task] = Task.DISTIL
    input_fields: ClassVar[tuple[str, ...]] = ("text_file",)
    recorded: ClassVar[bool] = True

    text_file: str
    teacher: str = ""
    layers: int = option(0, 0, 512, label=QT_TR_NOOP("Student layers"), help=QT_TR_NOOP("0: half the teacher's"))
    steps: int = _steps(40)
    learning_rate: float = _learning_rate(3e-4)
    temperature: float = option(
        2.0,
        0.5,
        20.0,
        label=QT_TR_NOOP("Temperature"),
        step=0.5,
        help=QT_TR_NOOP("how much the teacher's logits are softened"),
    )
    block: int = option(128, 16, 4096, label=QT_TR_NOOP("Block"), help=QT_TR_NOOP("tokens per training example"))
    batch_size: int = option(4, 1, 256, label=QT_TR_NOOP("Batch size"), help=QT_TR_NOOP("blocks per step"))
    prompt: str = "The most useful thing about a local AI app is"
    out_dir: str = ""  # "" keeps the student in the model store
    seed: int = _seed()
    resume: bool = _resume()

    def validate(self) -> None:
        if not self.text_file.strip():
            raise InvalidRequestError(tr("Choose a text file to distil on."))
        super().validate()


@dataclass(frozen=True)
class MergeAdapterRequest(Request):
    """A LoRA adapter merged into its base and saved as a model folder of its own."""

    task: ClassVar[Task] = Task.TUNE
    input_fields: ClassVar[tuple[str, ...]] = ("adapter",)

    adapter: str
    out_dir: str = ""  # "" puts it beside the adapters, as NAME-merged

    def validate(self) -> None:
        if not self.adapter.strip():
            raise InvalidRequestError(tr("Choose an adapter to merge."))
        super().validate()
