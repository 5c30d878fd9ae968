"""Every augmentation transform by kind and name, with its words for the window; one table that the
request's validation, the command line, the tuning lab and the robustness probe all read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.augment import audio, image, text
from desktop_app.core.i18n import QT_TR_NOOP

BACK_TRANSLATE = "back_translate"


@dataclass(frozen=True)
class Transform:
    kind: str
    name: str
    label: str  # QT_TR_NOOP: translated where shown
    apply: Callable[..., tuple[Any, str]] | None  # (item, [rate,] strength, rng) -> (copy, what was done)


TRANSFORMS: dict[str, dict[str, Transform]] = {
    "text": {
        "synonym": Transform("text", "synonym", QT_TR_NOOP("Synonym replacement (WordNet)"), text.synonym_replace),
        "insert": Transform("text", "insert", QT_TR_NOOP("Random insertion"), text.random_insert),
        "delete": Transform("text", "delete", QT_TR_NOOP("Random deletion"), text.random_delete),
        "swap": Transform("text", "swap", QT_TR_NOOP("Random swap"), text.random_swap),
        BACK_TRANSLATE: Transform("text", BACK_TRANSLATE, QT_TR_NOOP("Back-translation"), None),
    },
    "image": {
        "rotate": Transform("image", "rotate", QT_TR_NOOP("Rotation"), image.rotate),
        "scale_crop": Transform("image", "scale_crop", QT_TR_NOOP("Scaling and cropping"), image.scale_crop),
        "flip": Transform("image", "flip", QT_TR_NOOP("Flips"), image.flip),
        "color_jitter": Transform("image", "color_jitter", QT_TR_NOOP("Colour jitter"), image.color_jitter),
    },
    "audio": {
        "noise": Transform("audio", "noise", QT_TR_NOOP("Noise at an SNR"), audio.noise),
        "speed": Transform("audio", "speed", QT_TR_NOOP("Speed change"), audio.speed),
        "pitch": Transform("audio", "pitch", QT_TR_NOOP("Pitch change"), audio.pitch),
        "reverb": Transform("audio", "reverb", QT_TR_NOOP("Reverberation"), audio.reverb),
    },
}


def transform_names(kind: str) -> tuple[str, ...]:
    return tuple(TRANSFORMS.get(kind, {}))


def copy_rng(seed: int, index: int) -> Any:
    """The generator for copy `index`: the same seed and index always give the same copy, whatever other
    copies were made before it."""
    import random

    return random.Random(seed * 1_000_003 + index)
