"""An explanation job: the prompt's words scored by each method for one answer, the methods' faithfulness and
their agreement (see desktop_app/explain/)."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError
from desktop_app.core.explain_requests import ExplainRequest, Explanation
from desktop_app.core.i18n import arg, tr
from desktop_app.engines.generation import GenerationEngine, LoadedGenerator
from desktop_app.engines.runtime import torch_module
from desktop_app.explain.faithfulness import agreement, aopc
from desktop_app.explain.generation import AnswerScore, Words, attribute, prompt_words
from desktop_app.interpret.capture import capture_self_attention

FAITHFUL_TOP = 3  # AOPC over removing the top 1, 2 and 3 words


class Explainer:
    def __init__(self, generation: GenerationEngine) -> None:
        self.generation = generation

    def run(self, request: ExplainRequest, ctx: JobContext) -> Explanation:
        _require_captum()
        torch = torch_module()
        started = time.perf_counter()
        generator = self.generation.load(request.model, ctx)
        ids, prompt, first, last = self._prompt(generator, request)
        full = self._with_answer(generator, ids, request, ctx)
        if full.shape[1] == prompt:
            raise InvalidRequestError(
                tr("The model gave no answer to explain."), hint=tr("Give the answer to explain.")
            )
        tokenizer = generator.tokenizer
        words = prompt_words(tokenizer.convert_ids_to_tokens(full[0, :last].tolist()), skip=first)
        if not words.names:
            raise InvalidRequestError(tr("The prompt has no words to explain."), hint=tr("Type a prompt."))
        baseline = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
        counted = Counter(ctx, request, len(words.names))
        score = AnswerScore(generator.model, full, prompt, words, int(baseline), counted)
        scores: dict[str, tuple[float, ...]] = {}
        timings: dict[str, float] = {}

        def result(complete: bool) -> Explanation:
            return self._result(generator, request, full, prompt, words, scores, score, timings, complete)

        for method in request.methods:
            counted.method = method
            began = time.perf_counter()
            try:
                if method == "attention":
                    values = _attention(generator.model, full, prompt, words)
                else:
                    values = attribute(score, method, request.samples, request.seed)
            except JobCancelledError as stopped:
                raise JobCancelledError(result(False)) from stopped
            scores[method] = tuple(float(v) for v in values)
            timings[f"{method}_s"] = round(time.perf_counter() - began, 3)
        with torch.no_grad():
            explained = result(True)
        explained.timings["total_s"] = round(time.perf_counter() - started, 3)
        return explained

    def _prompt(self, generator: LoadedGenerator, request: ExplainRequest) -> tuple[Any, int, int, int]:
        """(ids, prompt length, first and last token of the words explained): the prompt as the chat sends it,
        whose features are the user's words, not the chat template around them."""
        tokenizer = generator.tokenizer
        if request.use_chat_template and generator.has_chat_template:
            messages = [{"role": "user", "content": request.text}]
            text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
            start = text.index(request.text)
        else:
            text, start = request.text, 0
        ids = tokenizer(text, add_special_tokens=False, return_tensors="pt").input_ids
        first = len(tokenizer(text[:start], add_special_tokens=False).input_ids)
        last = len(tokenizer(text[: start + len(request.text)], add_special_tokens=False).input_ids)
        return ids.to(self.generation.device), int(ids.shape[1]), first, min(last, int(ids.shape[1]))

    def _with_answer(self, generator: LoadedGenerator, ids: Any, request: ExplainRequest, ctx: JobContext) -> Any:
        torch = torch_module()
        tokenizer = generator.tokenizer
        if request.target.strip():
            answer = tokenizer(request.target, add_special_tokens=False, return_tensors="pt").input_ids
            return torch.cat([ids, answer.to(ids.device)], dim=1)
        full = self.generation.greedy(generator, ids, request.max_new_tokens, ctx)
        answer = full[0, ids.shape[1] :]
        ends = (answer == tokenizer.eos_token_id).nonzero()
        cut = int(ends[0]) if len(ends) else len(answer)  # the answer, not the end-of-turn token after it
        return full[:, : ids.shape[1] + cut].clone()

    def _result(
        self,
        generator: LoadedGenerator,
        request: ExplainRequest,
        full: Any,
        prompt: int,
        words: Words,
        scores: dict[str, tuple[float, ...]],
        score: AnswerScore,
        timings: dict[str, float],
        complete: bool,
    ) -> Explanation:
        methods = list(scores)
        faithful = {} if not complete else {m: aopc(score, np.asarray(scores[m]), FAITHFUL_TOP) for m in methods}
        agreeing = {
            f"{a}~{b}": agreement(np.asarray(scores[a]), np.asarray(scores[b]))
            for i, a in enumerate(methods)
            for b in methods[i + 1 :]
        }
        return Explanation(
            generator.info,
            request.source_task,
            generator.tokenizer.decode(full[0, prompt:], skip_special_tokens=True),
            words.names,
            dict(scores),
            faithful,
            agreeing,
            request.samples,
            complete,
            dict(timings),
        )


def _require_captum() -> None:
    import importlib.util

    missing = [name for name in ("captum", "sklearn", "scipy") if importlib.util.find_spec(name) is None]
    if missing:
        raise InvalidRequestError(
            arg(tr("Explanations need %1, which this installation does not have."), ", ".join(missing)),
            hint=tr("Install the Python package with its explain extra: pip install 'desktop-app[explain]'."),
        )


class Counter:
    """Counts the model's forward passes for the progress bar, and stops between batches when cancelled."""

    def __init__(self, ctx: JobContext, request: ExplainRequest, words: int) -> None:
        self.ctx, self.method, self.done = ctx, "", 0
        per_method = {"lime": request.samples, "kernelshap": request.samples, "ablation": words + 1, "ig": 32}
        self.total = sum(per_method.get(method, 0) for method in request.methods) or 1

    def __call__(self, passes: int) -> None:
        self.ctx.check_cancelled()
        self.done += passes
        self.ctx.progress(
            arg(tr("%1: %2 of about %3 perturbed prompts"), self.method, self.done, self.total),
            min(self.done / self.total, 1.0),
        )


def _attention(model: Any, full: Any, prompt: int, words: Words) -> np.ndarray:
    """Each word's share of the attention the answer's positions pay, averaged over layers and heads."""
    weights = capture_self_attention(model, {"input_ids": full}).astype(np.float32).mean(axis=(0, 1))
    rows = weights[prompt - 1 : full.shape[1] - 1]  # the positions that predict the answer's tokens
    return np.array([rows[:, start:end].sum(axis=1).mean() for start, end in words.spans], np.float32)
