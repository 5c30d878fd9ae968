"""Image-text matching (CLIP, SigLIP): the picture's superpixels and the text's words, together, against the
pair's similarity (the cosine of their embeddings times the model's logit scale, before any softmax)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from desktop_app.explain.image import RegionMix, region_names
from desktop_app.explain.methods import FeatureScore
from desktop_app.explain.text import WordMix, Words


class MatchScore(FeatureScore):
    """Features are the regions first, then the words."""

    def __init__(
        self,
        model: Any,
        pixels: Any,
        labels: np.ndarray,
        text: dict[str, Any],
        words: Words,
        baseline: int,
        on_batch: Callable[[int], None],
    ) -> None:
        names = region_names(labels)
        super().__init__((*names, *words.names), on_batch)
        self.model, self.text, self.regions_count = model, text, len(names)
        self.regions = RegionMix(pixels, labels)
        embedding = model.text_model.embeddings.token_embedding
        self.words = WordMix(embedding, baseline, int(text["input_ids"].shape[1]), words)
        scale = getattr(model, "logit_scale", None)
        self.scale = float(scale.detach().exp()) if scale is not None else 100.0

    def forward(self, masks: Any) -> Any:
        count = masks.shape[0]
        image = _vectors(self.model.get_image_features(pixel_values=self.regions(masks[:, : self.regions_count])))
        text = {key: value.expand(count, -1) for key, value in self.text.items()}
        with self.words.applied(masks[:, self.regions_count :]):
            words = _vectors(self.model.get_text_features(**text))
        return (image * words).sum(-1) * self.scale


def _vectors(output: Any) -> Any:
    """Unit vectors from get_*_features, which returns them, or (newer transformers) an output holding them."""
    features = output if hasattr(output, "norm") else output.pooler_output
    return features / features.norm(dim=-1, keepdim=True).clamp_min(1e-12)
