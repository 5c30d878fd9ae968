"""An explanation drawn over its input, with PIL only (the command line has no Qt; the app shows the same
pictures): a heat overlay of the regions on the picture the model saw, the segments coloured under the
waveform, or each word's bar. Warm: the feature raises the output; regions and segments that lower it
stay dim."""

from __future__ import annotations

from typing import Any

import numpy as np

from desktop_app.core.explain_requests import Explanation
from desktop_app.core.i18n import arg, tr
from desktop_app.interpret.overlay import blend
from desktop_app.interpret.render import colours

SIDE = 384  # the overlay's longer side: a 32-px model view is scaled up, a 224-px one a little


def support(scores: Any) -> np.ndarray:
    """Scores to [0, 1]: the largest positive score is 1, every score at or below zero is 0."""
    values = np.asarray(scores, np.float32)
    peak = float(values.max()) if len(values) else 0.0
    return (values.clip(0, None) / peak) if peak > 0 else np.zeros_like(values)


def picture(result: Explanation, method: str) -> Any:
    """A PIL image of `method`'s scores over the input, or None for words (the table says it all)."""
    layout = result.layout
    values = support(result.scores[method])
    if layout.kind == "regions" and layout.picture is not None and layout.regions is not None:
        return region_heat(layout.picture, layout.regions, values)
    if layout.kind == "segments" and layout.waveform is not None:
        return segment_strip(layout.waveform, layout.times, values)
    return None


def region_heat(view: np.ndarray, labels: np.ndarray, values: np.ndarray) -> Any:
    """The model's view, and beside it the same picture tinted by each region's value, with the regions'
    edges drawn on both, scaled up to SIDE: the plain one shows what the tint covers."""
    from PIL import Image
    from skimage.segmentation import find_boundaries

    height, width = labels.shape
    scale = max(1, SIDE // max(height, width))
    view = view.repeat(scale, axis=0).repeat(scale, axis=1)
    labels = labels.repeat(scale, axis=0).repeat(scale, axis=1)
    edges = find_boundaries(labels, mode="inner")  # type: ignore[no-untyped-call]
    plain = view.copy()
    plain[edges] = (255, 255, 255)
    tinted = blend(view, values[: int(labels.max()) + 1][labels], strength=0.85)
    tinted[edges] = (255, 255, 255)
    gap = np.full((view.shape[0], 8, 3), 255, np.uint8)
    return Image.fromarray(np.concatenate([plain, gap, tinted], axis=1))


def segment_strip(waveform: np.ndarray, times: tuple[tuple[float, float], ...], values: np.ndarray) -> Any:
    """The waveform over the segments, each segment's band coloured by its value, with the seconds below."""
    from PIL import Image, ImageDraw, ImageFont

    width, height, axis = 800, 140, 18
    image = Image.new("RGB", (width, height + axis), "white")
    draw = ImageDraw.Draw(image)
    end_s = times[-1][1] if times else 1.0
    shades = colours(values)
    for (start, end), value, shade in zip(times, values, shades, strict=False):
        left, right = int(start / end_s * width), max(int(end / end_s * width), int(start / end_s * width) + 1)
        fill = tuple(int(255 - (255 - c) * (0.25 + 0.75 * value)) for c in shade)
        draw.rectangle((left, 0, right, height), fill=fill)
    columns = len(waveform)
    peak = float(np.abs(waveform).max()) or 1.0
    middle = height / 2
    for column, (low, high) in enumerate(waveform):
        x = column * width / columns
        draw.line((x, middle - high / peak * middle * 0.9, x, middle - low / peak * middle * 0.9), fill=(30, 30, 30))
    font = ImageFont.load_default()
    for second in range(int(end_s) + 1):
        x = int(second / end_s * (width - 1))
        draw.line((x, height, x, height + 4), fill="black")
        draw.text((min(x + 2, width - 30), height + 4), arg(tr("%1 s"), second), fill="black", font=font)
    return image


def word_bars(result: Explanation, path: Any) -> None:
    """Each method's scores of the words, side by side, as a PNG chart."""
    import matplotlib

    matplotlib.use("Agg")  # no window: a file
    from matplotlib import pyplot

    methods = list(result.scores)
    figure, axes = pyplot.subplots(1, len(methods), figsize=(3 * len(methods), 0.3 * len(result.features) + 1.4))
    for plot, method in zip(np.atleast_1d(axes), methods, strict=True):
        plot.barh(list(reversed(result.features)), list(reversed(result.scores[method])), color="#3b528b")
        plot.set_title(method)
    figure.suptitle(result.answer[:80])
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)
