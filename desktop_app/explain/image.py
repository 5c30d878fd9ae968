"""Superpixels as features: the regions of a picture, as the model sees it, that a caption or a match rests on.

The picture is the model's own input (resized, cropped and normalised by its image processor, turned back
into colours), cut into superpixels by SLIC (scikit-image), so every region lines up with what the model
saw. A region is "removed" by painting it with the picture's mean colour: on the usual photo that is a
neutral grey-brown, and on a plain background it erases the object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from desktop_app.core.i18n import QT_TR_NOOP, arg, tr
from desktop_app.explain.methods import FeatureScore, answer_log_prob

REGIONS = 24  # SLIC's target: enough to separate an object from its background, few enough for SHAP
PLACES = (  # the picture's thirds, row by row
    (QT_TR_NOOP("top left"), QT_TR_NOOP("top centre"), QT_TR_NOOP("top right")),
    (QT_TR_NOOP("middle left"), QT_TR_NOOP("middle centre"), QT_TR_NOOP("middle right")),
    (QT_TR_NOOP("bottom left"), QT_TR_NOOP("bottom centre"), QT_TR_NOOP("bottom right")),
)


def model_view(pixels: Any, image_processor: Any) -> np.ndarray:
    """(H, W, 3) uint8: the processor's normalised (1, 3, H, W) input back in colours."""
    mean = np.asarray(getattr(image_processor, "image_mean", None) or [0.5, 0.5, 0.5], np.float32)
    std = np.asarray(getattr(image_processor, "image_std", None) or [0.5, 0.5, 0.5], np.float32)
    array = pixels[0].detach().float().cpu().numpy().transpose(1, 2, 0) * std + mean
    return np.asarray((array.clip(0, 1) * 255).round(), np.uint8)


def superpixels(view: np.ndarray, count: int = REGIONS) -> np.ndarray:
    """(H, W) int labels 0…R-1 of SLIC superpixels, every label used."""
    from skimage.segmentation import slic

    labels = slic(view, n_segments=count, compactness=10, start_label=0, channel_axis=-1)
    _, dense = np.unique(labels, return_inverse=True)
    return np.asarray(dense.reshape(labels.shape), np.int64)


def region_places(labels: np.ndarray) -> tuple[str, ...]:
    """ "top left": where each region's centre lies, in thirds of the picture."""
    height, width = labels.shape
    rows = np.arange(height)[:, None].repeat(width, axis=1)
    columns = np.arange(width)[None, :].repeat(height, axis=0)
    places = []
    for label in range(int(labels.max()) + 1):
        inside = labels == label
        row = min(int(rows[inside].mean() * 3 / height), 2)
        column = min(int(columns[inside].mean() * 3 / width), 2)
        places.append(tr(PLACES[row][column]))
    return tuple(places)


def region_names(labels: np.ndarray) -> tuple[str, ...]:
    """ "region 3 (top left)"."""
    return tuple(arg(tr("region %1 (%2)"), number, place) for number, place in enumerate(region_places(labels), 1))


class RegionMix:
    """Region masks to pictures: each pixel mixes the real picture and the mean colour by its region's mask."""

    def __init__(self, pixels: Any, labels: np.ndarray) -> None:
        import torch

        self.pixels = pixels
        self.labels = torch.as_tensor(labels, device=pixels.device)
        self.baseline = pixels.mean(dim=(2, 3), keepdim=True)

    def __call__(self, masks: Any) -> Any:
        weights = masks.to(self.pixels.device)[:, self.labels].unsqueeze(1)  # (batch, 1, H, W)
        return self.baseline + weights * (self.pixels - self.baseline)


class CaptionScore(FeatureScore):
    """A vision-encoder-decoder captioner: log p(caption | picture with some regions removed). `ids` (1, t) is
    the decoder's input: its start token, then the caption."""

    def __init__(
        self,
        model: Any,
        pixels: Any,
        labels: np.ndarray,
        ids: Any,
        on_batch: Callable[[int], None],
        focus: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(region_names(labels), on_batch)
        self.model, self.ids, self.focus = model, ids, focus
        self.regions = RegionMix(pixels, labels)

    def forward(self, masks: Any) -> Any:
        ids = self.ids.expand(masks.shape[0], -1)
        logits = self.model(pixel_values=self.regions(masks), decoder_input_ids=ids, use_cache=False).logits
        return answer_log_prob(logits[:, :-1], ids[:, 1:], self.focus)
