"""Text search over a folder of images: each image's embedding is kept on disk per model (store/embedding_cache),
so a second search over the same folder embeds only new or changed files; a cancelled search keeps what it
embedded."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import AppError, InvalidRequestError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import ImageSearchRequest
from desktop_app.core.results import SearchHit, SearchResult
from desktop_app.engines.embedding import BATCH, JointEmbedder
from desktop_app.images.loading import image_files, load_image
from desktop_app.store.embedding_cache import EmbeddingCache


class ImageSearch:
    def __init__(self, embedder: JointEmbedder, cache_root: Path) -> None:
        self.embedder, self.cache_root = embedder, cache_root

    def run(self, request: ImageSearchRequest, ctx: JobContext) -> SearchResult:
        started = time.perf_counter()
        folder = Path(request.folder).expanduser()
        if not folder.is_dir():
            raise InvalidRequestError(arg(tr("%1 is not a folder."), folder), hint=tr("Choose a folder of images."))
        paths = [str(p) for p in image_files([folder])]
        if not paths:
            raise InvalidRequestError(arg(tr("There are no images in %1."), folder))
        embedder = self.embedder.load(request.model, ctx)
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
                ctx.progress(arg(tr("Reading images: %1 of %2 new"), first, len(missing)), first / len(missing))
                batch, images = [], []
                for path in missing[first : first + BATCH]:
                    try:
                        images.append(load_image(path, requested=path).image)
                        batch.append(path)
                    except AppError:
                        skipped.append(path)
                if images:
                    for path, vector in zip(batch, self.embedder.embed_images(embedder, images), strict=True):
                        vectors[path] = vector
                        cache.put(path, vector)
        finally:
            try:
                cache.save()  # what was embedded before a cancel is kept for next time
            except OSError as exc:  # a full disk costs the cache, never the search
                ctx.notice(
                    arg(
                        tr("The search cache could not be saved (%1); the next search reads these images again."),
                        exc.strerror or exc,
                    )
                )
        found = [p for p in paths if p in vectors]
        query = self.embedder.embed_texts(embedder, [request.query])[0]
        scores = np.stack([vectors[p] for p in found]) @ query if found else np.zeros(0)
        order = np.argsort(-scores)[: request.top_k]
        return SearchResult(
            request.query,
            str(folder),
            tuple(SearchHit(found[i], float(scores[i])) for i in order),
            len(paths),
            len(missing) - len(skipped),
            tuple(skipped),
            embedder.info,
            {"search_s": round(time.perf_counter() - started, 4)},
        )
