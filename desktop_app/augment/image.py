"""Image augmentation: rotation, scaling with cropping, flips and colour jitter, through torchvision's
functional transforms with parameters drawn from a seeded generator, so a copy can be made again exactly and
its parameters said in words. Every copy keeps the original's size and stays 8-bit RGB."""

from __future__ import annotations

import random
from typing import Any


def _functional() -> Any:
    from torchvision.transforms.v2 import functional

    return functional


def rotate(image: Any, strength: float, rng: random.Random) -> tuple[Any, str]:
    """Up to ±45° at full strength, the corners filled with the picture's mean colour."""
    angle = rng.uniform(-45, 45) * strength
    fill = [int(v) for v in image.resize((1, 1)).getpixel((0, 0))]
    return _functional().rotate(image, angle, fill=fill), f"{angle:+.1f}°"


def scale_crop(image: Any, strength: float, rng: random.Random) -> tuple[Any, str]:
    """A crop of 100% down to 50% (at full strength) of each side, at a random place, scaled back up."""
    width, height = image.size
    share = 1 - 0.5 * strength * rng.random()
    w, h = max(1, round(width * share)), max(1, round(height * share))
    left, top = rng.randint(0, width - w), rng.randint(0, height - h)
    cropped = _functional().resized_crop(image, top, left, h, w, [height, width], antialias=True)
    return cropped, f"{share:.0%} at ({left}, {top})"


def flip(image: Any, strength: float, rng: random.Random) -> tuple[Any, str]:
    """Left-right always; upside down as well with a chance of half the strength."""
    functional = _functional()
    flipped, detail = functional.horizontal_flip(image), "↔"
    if rng.random() < strength / 2:
        flipped, detail = functional.vertical_flip(flipped), "↔ ↕"
    return flipped, detail


def color_jitter(image: Any, strength: float, rng: random.Random) -> tuple[Any, str]:
    """Brightness, contrast and saturation within ±50%, hue within ±0.1 turn, at full strength."""
    functional = _functional()
    brightness, contrast, saturation = (1 + rng.uniform(-0.5, 0.5) * strength for _ in range(3))
    hue = rng.uniform(-0.1, 0.1) * strength
    out = functional.adjust_brightness(image, brightness)
    out = functional.adjust_contrast(out, contrast)
    out = functional.adjust_saturation(out, saturation)
    out = functional.adjust_hue(out, hue)
    return out, f"b {brightness:.2f} c {contrast:.2f} s {saturation:.2f} h {hue:+.2f}"
