"""An explanation job: the input's features (words, regions, time segments) scored by each method for one
output, the methods' faithfulness and their agreement (see desktop_app/explain/). Finished methods are kept
in a cache per input, model and method."""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError
from desktop_app.core.explain_requests import FILE_TASKS, ExplainRequest, Explanation
from desktop_app.core.i18n import arg, tr
from desktop_app.engines.runtime import torch_module
from desktop_app.explain.cache import ExplanationCache, input_fingerprint
from desktop_app.explain.faithfulness import RANDOM_DRAWS, Faithfulness, agreement
from desktop_app.explain.methods import attribute, ig_steps, permutations
from desktop_app.services.explain_subjects import Subject, subject_of

if TYPE_CHECKING:
    from desktop_app.engines.all_engines import Engines

FAITHFUL_TOP = 3  # AOPC over removing the top 1, 2 and 3 features


class Explainer:
    def __init__(self, engines: Engines, cache_dir: Path) -> None:
        self.engines, self.cache = engines, ExplanationCache(cache_dir)

    def run(self, request: ExplainRequest, ctx: JobContext) -> Explanation:
        _require_captum()
        torch = torch_module()
        started = time.perf_counter()
        subject = subject_of(self.engines, request, ctx)
        features = len(subject.score.names)
        counted = Counter(ctx, request, features)
        subject.score.on_batch = counted
        scores: dict[str, tuple[float, ...]] = {}
        timings: dict[str, float] = {}
        cached: list[str] = []

        def result(complete: bool) -> Explanation:
            return self._result(request, subject, scores, timings, complete, tuple(cached))

        for method in _applicable(request.methods, subject):
            key = self._key(request, subject, method)
            known = self.cache.get(key, features)
            if known is not None:
                scores[method], timings[f"{method}_s"] = known, 0.0
                cached.append(method)
                continue
            counted.method = method
            began = time.perf_counter()
            try:
                values = self._method(subject, method, request)
            except JobCancelledError as stopped:
                raise JobCancelledError(result(False)) from stopped
            scores[method] = tuple(float(v) for v in values)
            timings[f"{method}_s"] = round(time.perf_counter() - began, 3)
            self.cache.put(key, scores[method])
        counted.method = tr("faithfulness")
        with torch.no_grad():
            explained = result(True)
        explained.timings["total_s"] = round(time.perf_counter() - started, 3)
        return explained

    @staticmethod
    def _method(subject: Subject, method: str, request: ExplainRequest) -> np.ndarray:
        if method != "attention":
            return attribute(subject.score, method, request.samples, request.seed)
        if subject.attention is None:
            raise InvalidRequestError(
                arg(tr("Explanations of '%1' outputs have no attention to show."), request.source_task),
                hint=tr("Choose LIME, Kernel SHAP, Shapley sampling, integrated gradients or ablation."),
            )
        return subject.attention()

    def _key(self, request: ExplainRequest, subject: Subject, method: str) -> dict[str, Any]:
        """Everything a method's scores depend on: the model, the input, the output explained and how."""
        return {
            "model": asdict(subject.model),
            "task": request.source_task,
            "input": input_fingerprint(request.text, request.source_task in FILE_TASKS),
            "output": subject.answer,
            "focus": request.focus.strip(),
            "prompting": [request.system_prompt, request.use_chat_template, request.source_lang, request.target_lang],
            "features": list(subject.score.names),
            "method": method,
            "samples": request.samples if method in ("lime", "kernelshap", "shapley", "ig") else 0,
            "seed": request.seed if method in ("lime", "kernelshap", "shapley") else 0,
            "version": 1,
        }

    @staticmethod
    def _result(
        request: ExplainRequest,
        subject: Subject,
        scores: dict[str, tuple[float, ...]],
        timings: dict[str, float],
        complete: bool,
        cached: tuple[str, ...],
    ) -> Explanation:
        methods = list(scores)
        faithful: dict[str, tuple[float, float]] = {}
        if complete and methods:
            check = Faithfulness(subject.score, len(subject.score.names), FAITHFUL_TOP)
            faithful = {method: check.of(np.asarray(scores[method])) for method in methods}
        agreeing = {
            f"{a}~{b}": agreement(np.asarray(scores[a]), np.asarray(scores[b]))
            for i, a in enumerate(methods)
            for b in methods[i + 1 :]
        }
        return Explanation(
            subject.model,
            request.source_task,
            subject.answer,
            subject.score.names,
            dict(scores),
            faithful,
            agreeing,
            request.samples,
            complete,
            dict(timings),
            subject.layout,
            request.focus.strip(),
            cached,
        )


def _applicable(methods: tuple[str, ...], subject: Subject) -> tuple[str, ...]:
    """The methods asked for, less attention where the model has none (CLIP, SigLIP) among others; asked for
    alone, it stays, to be refused with its reason."""
    kept = tuple(m for m in methods if m != "attention" or subject.attention is not None)
    return kept or methods


def _require_captum() -> None:
    import importlib.util

    missing = [name for name in ("captum", "sklearn", "scipy", "skimage") if importlib.util.find_spec(name) is None]
    if missing:
        raise InvalidRequestError(
            arg(tr("Explanations need %1, which this installation does not have."), ", ".join(missing)),
            hint=tr("Install the Python package with its explain extra: pip install 'desktop-app[explain]'."),
        )


class Counter:
    """Counts the model's forward passes for the progress bar, and stops between batches when cancelled."""

    def __init__(self, ctx: JobContext, request: ExplainRequest, features: int) -> None:
        self.ctx, self.method, self.done = ctx, "", 0
        per_method = {
            "lime": request.samples,
            "kernelshap": request.samples,
            "shapley": permutations(request.samples, features) * (features + 1),
            "ablation": features + 1,
            "ig": ig_steps(request.samples),
        }
        # and the faithfulness check: the whole input and 8 random removals of 1, 2, 3 features, then the top
        # 1, 2, 3 of each method
        faithfulness = 1 + FAITHFUL_TOP * (RANDOM_DRAWS + len(request.methods))
        self.total = sum(per_method.get(method, 0) for method in request.methods) + faithfulness
        self.started = time.perf_counter()

    def __call__(self, passes: int) -> None:
        self.ctx.check_cancelled()
        self.done += passes
        share = min(self.done / self.total, 1.0)
        left = (time.perf_counter() - self.started) * (1 - share) / share if share > 0 else 0.0
        self.ctx.progress(
            arg(
                tr("%1: %2 of about %3 perturbed inputs, about %4 s left"),
                self.method,
                self.done,
                self.total,
                round(left),
            ),
            share,
        )
