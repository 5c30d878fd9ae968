"""A joint image-text embedding model (CLIP, SigLIP, or any model with get_image_features and
get_text_features) puts pictures and words in one space, where they are compared: candidate captions ranked for
an image, zero-shot labels. Searching a folder builds on it (services/image_search.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import MatchRequest
from desktop_app.core.results import MatchResult, ModelInfo
from desktop_app.core.tasks import Task
from desktop_app.engines.base import Engine, Family
from desktop_app.engines.runtime import torch_module, transformers_module
from desktop_app.engines.tokenizer_files import load_tokenizer
from desktop_app.images.loading import load_image
from desktop_app.store.model_store import ResolvedModel

BATCH = 16


@dataclass
class LoadedEmbedder:
    model: Any
    tokenizer: Any
    image_processor: Any
    info: ModelInfo
    sigmoid: bool  # SigLIP scores each pair on its own; CLIP's scores are a softmax over the texts


class JointEmbedder(Engine[LoadedEmbedder]):
    family = Family(
        Task.EMBED,
        "AutoModel",
        "an image-text model",
        "Choose a CLIP or SigLIP model folder (config.json, weights, tokenizer, preprocessor_config.json).",
    )

    def load_parts(self, resolved: ResolvedModel) -> Any:
        # PIL, as the models were trained: the same pixels whether torchvision is installed or not
        processor = transformers_module().AutoImageProcessor.from_pretrained(
            resolved.path, backend="pil", trust_remote_code=False
        )
        return load_tokenizer(resolved.path), processor

    def bundle(self, model: Any, parts: Any, resolved: ResolvedModel) -> LoadedEmbedder:
        if not (hasattr(model, "get_image_features") and hasattr(model, "get_text_features")):
            raise ModelLoadError(
                arg(tr("%1 is not a joint image-text model."), resolved.ref),
                hint=tr("Choose a CLIP or SigLIP model (e.g. google/siglip-base-patch16-224)."),
            )
        tokenizer, processor = parts
        return LoadedEmbedder(model, tokenizer, processor, resolved.model_info(), "siglip" in model.config.model_type)

    # -- embeddings --------------------------------------------------------------------------------------
    def embed_texts(self, embedder: LoadedEmbedder, texts: list[str]) -> np.ndarray:
        torch = torch_module()
        padding = "max_length" if embedder.sigmoid else True  # SigLIP was trained on fixed-length text
        inputs = embedder.tokenizer(texts, padding=padding, truncation=True, return_tensors="pt").to(self.device)
        with torch.inference_mode():
            features = _features(embedder.model.get_text_features(**inputs))
        return _normalised(features)

    def embed_images(self, embedder: LoadedEmbedder, images: list[Any]) -> np.ndarray:
        torch = torch_module()
        pixels = embedder.image_processor(images, return_tensors="pt").pixel_values.to(self.device)
        with torch.inference_mode():
            features = _features(embedder.model.get_image_features(pixel_values=pixels))
        return _normalised(features)

    def _scores(self, embedder: LoadedEmbedder, similarity: np.ndarray) -> np.ndarray:
        model = embedder.model
        scale = float(model.logit_scale.detach().exp()) if hasattr(model, "logit_scale") else 100.0
        logits = similarity * scale + (float(model.logit_bias.detach()) if hasattr(model, "logit_bias") else 0.0)
        if embedder.sigmoid:
            return (1 / (1 + np.exp(-logits))).astype(np.float32)
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True), dtype=np.float32)

    # -- jobs ----------------------------------------------------------------------------------------------
    def match(self, request: MatchRequest, ctx: JobContext) -> MatchResult:
        started = time.perf_counter()
        embedder = self.load(request.model, ctx)
        images = [load_image(path, requested=path).image for path in request.image_paths]
        ctx.progress(tr("Comparing"), None)
        image_vectors = np.concatenate(
            [self.embed_images(embedder, images[i : i + BATCH]) for i in range(0, len(images), BATCH)]
        )
        text_vectors = self.embed_texts(embedder, list(request.prompts()))
        similarity = image_vectors @ text_vectors.T
        return MatchResult(
            request.image_paths,
            request.texts,
            request.prompts(),
            similarity,
            self._scores(embedder, similarity),
            embedder.info,
            {"match_s": round(time.perf_counter() - started, 4)},
        )


def _features(output: Any) -> Any:
    """get_*_features returns the projected vectors, or (newer transformers) an output holding them."""
    return output if hasattr(output, "norm") else output.pooler_output


def _normalised(features: Any) -> np.ndarray:
    vectors = features.float().cpu().numpy()
    return np.asarray(vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-12), dtype=np.float32)
