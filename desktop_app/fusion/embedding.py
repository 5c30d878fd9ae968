"""Feature-level fusion: a joint image-text embedding model (CLIP, SigLIP, or any model with
get_image_features and get_text_features) puts pictures and words in one space, where they are compared:
candidate captions ranked for an image, zero-shot labels, and text search over a folder of images."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import AppError, InvalidRequestError, ModelLoadError
from desktop_app.core.requests import ImageSearchRequest, MatchRequest
from desktop_app.core.results import MatchResult, ModelInfo, SearchHit, SearchResult
from desktop_app.engines.registry import ModelRegistry, resolve_and_load
from desktop_app.engines.runtime import load_pretrained, load_tokenizer, torch_module, transformers_module
from desktop_app.fusion.embedding_cache import EmbeddingCache
from desktop_app.images.loading import image_files, load_image
from desktop_app.store.model_store import ModelStore, ResolvedModel

BATCH = 16


@dataclass
class LoadedEmbedder:
    model: Any
    tokenizer: Any
    image_processor: Any
    info: ModelInfo
    sigmoid: bool  # SigLIP scores each pair on its own; CLIP's scores are a softmax over the texts


class JointEmbedder:
    task = "embed"

    def __init__(self, store: ModelStore, registry: ModelRegistry, cache_root: Path, device: str = "cpu") -> None:
        self.store, self.registry, self.cache_root, self.device = store, registry, cache_root, device

    def load(self, ref: str, ctx: JobContext) -> LoadedEmbedder:
        return resolve_and_load(self.store, self.registry, self.task, ref, self.device, ctx, self._load_from,
                                lambda e: int(e.model.num_parameters()))

    def _load_from(self, resolved: ResolvedModel) -> LoadedEmbedder:
        torch = torch_module()
        try:
            model = load_pretrained(resolved.path, torch.float32, "AutoModel")
            tokenizer = load_tokenizer(resolved.path)
            # PIL, as the models were trained: the same pixels whether torchvision is installed or not
            processor = transformers_module().AutoImageProcessor.from_pretrained(resolved.path, backend="pil",
                                                                                   trust_remote_code=False)
        except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:
            raise ModelLoadError(f"Could not load an image-text model from {resolved.path}.", detail=str(exc)) from exc
        if not (hasattr(model, "get_image_features") and hasattr(model, "get_text_features")):
            raise ModelLoadError(f"{resolved.ref} is not a joint image-text model.",
                                 hint="Choose a CLIP or SigLIP model (e.g. openai/clip-vit-base-patch32).")
        model.to(self.device).eval()
        info = resolved.model_info()
        return LoadedEmbedder(model, tokenizer, processor, info, "siglip" in model.config.model_type)

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
        return (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)

    # -- jobs ----------------------------------------------------------------------------------------------
    def match(self, request: MatchRequest, ctx: JobContext) -> MatchResult:
        started = time.perf_counter()
        embedder = self.load(request.model, ctx)
        images = [load_image(path, requested=path).image for path in request.image_paths]
        ctx.progress("Comparing", None)
        image_vectors = np.concatenate([self.embed_images(embedder, images[i:i + BATCH])
                                        for i in range(0, len(images), BATCH)])
        text_vectors = self.embed_texts(embedder, list(request.prompts()))
        similarity = image_vectors @ text_vectors.T
        return MatchResult(request.image_paths, request.texts, request.prompts(), similarity,
                           self._scores(embedder, similarity), embedder.info,
                           {"match_s": round(time.perf_counter() - started, 4)})

    def search(self, request: ImageSearchRequest, ctx: JobContext) -> SearchResult:
        started = time.perf_counter()
        folder = Path(request.folder).expanduser()
        if not folder.is_dir():
            raise InvalidRequestError(f"{folder} is not a folder.", hint="Choose a folder of images.")
        paths = [str(p) for p in image_files([folder])]
        if not paths:
            raise InvalidRequestError(f"There are no images in {folder}.")
        embedder = self.load(request.model, ctx)
        cache = EmbeddingCache(self.cache_root, f"{embedder.info.path}@{embedder.info.revision}")
        vectors: dict[str, np.ndarray] = {}
        missing = []
        for path in paths:
            cached = cache.get(path)
            if cached is None:
                missing.append(path)
            else:
                vectors[path] = cached
        skipped: list[str] = []
        try:
            for first in range(0, len(missing), BATCH):
                ctx.check_cancelled()
                ctx.progress(f"Reading images: {first} of {len(missing)} new", first / len(missing))
                batch, images = [], []
                for path in missing[first:first + BATCH]:
                    try:
                        images.append(load_image(path, requested=path).image)
                        batch.append(path)
                    except AppError:
                        skipped.append(path)
                if images:
                    for path, vector in zip(batch, self.embed_images(embedder, images), strict=True):
                        vectors[path] = vector
                        cache.put(path, vector)
        finally:
            try:
                cache.save()  # what was embedded before a cancel is kept for next time
            except OSError as exc:  # a full disk costs the cache, never the search
                ctx.notice(f"The search cache could not be saved ({exc.strerror or exc}); the next search reads "
                           "these images again.")
        found = [p for p in paths if p in vectors]
        query = self.embed_texts(embedder, [request.query])[0]
        scores = np.stack([vectors[p] for p in found]) @ query if found else np.zeros(0)
        order = np.argsort(-scores)[: request.top_k]
        return SearchResult(request.query, str(folder), tuple(SearchHit(found[i], float(scores[i])) for i in order),
                            len(paths), len(missing) - len(skipped), tuple(skipped), embedder.info,
                            {"search_s": round(time.perf_counter() - started, 4)})


def _features(output: Any) -> Any:
    """get_*_features returns the projected vectors, or (newer transformers) an output holding them."""
    return output if hasattr(output, "norm") else output.pooler_output


def _normalised(features: Any) -> np.ndarray:
    vectors = features.float().cpu().numpy()
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-12)).astype(np.float32)
