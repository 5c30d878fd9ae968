"""Every augmentation transform by kind and name, with its words for the window; one table that the
request's validation, the command line, the tuning lab and the robustness probe all read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_app.augment import audio, image, text
from desktop_app.core.tuning_requests import AUGMENT_TRANSFORMS

BACK_TRANSLATE = "back_translate"


@dataclass(frozen=True)
class Transform:
    kind: str
    name: str
    label: str  # QT_TR_NOOP: translated where shown
    apply: Callable[..., tuple[Any, str]] | None  # (item, [rate,] strength, rng) -> (copy, what was done)


FUNCTIONS: dict[str, dict[str, Callable[..., tuple[Any, str]] | None]] = {
    "text": {
        "synonym": text.synonym_replace,
        "insert": text.random_insert,
        "delete": text.random_delete,
        "swap": text.random_swap,
        BACK_TRANSLATE: None,  # through the translation engine: augment/jobs.py
    },
    "image": {
        "rotate": image.rotate,
        "scale_crop": image.scale_crop,
        "flip": image.flip,
        "color_jitter": image.color_jitter,
    },
    "audio": {"noise": audio.noise, "speed": audio.speed, "pitch": audio.pitch, "reverb": audio.reverb},
}
# Names and words are declared with the request (core/tuning_requests.py); the functions are here.
TRANSFORMS: dict[str, dict[str, Transform]] = {
    kind: {name: Transform(kind, name, label, FUNCTIONS[kind][name]) for name, label in names.items()}
    for kind, names in AUGMENT_TRANSFORMS.items()
}


def copy_rng(seed: int, index: int) -> Any:
    """The generator for copy `index`: the same seed and index always give the same copy, whatever other
    copies were made before it."""
    import random

    return random.Random(seed * 1_000_003 + index)
