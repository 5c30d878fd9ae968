"""Text generation with causal language models: chat templates, sampling options, streamed tokens, cancel."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from desktop_app.core.chat import ChatTurn
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.model_requests import CountTokensRequest
from desktop_app.core.remote_models import parse as remote_model
from desktop_app.core.requests import GenerationRequest
from desktop_app.core.results import GenerationResult, TokenCount, TokenDelta
from desktop_app.core.tasks import Task
from desktop_app.engines.base import Bundle, Engine, Family
from desktop_app.engines.fast_runners import is_fast_runner
from desktop_app.engines.prompt_cache import PromptCache, shared_prefix
from desktop_app.engines.runtime import cancel_criteria, describe_dtype, torch_module
from desktop_app.engines.token_stream import make_streamer
from desktop_app.remote.generation import generate as generate_remotely
from desktop_app.store.adapters import apply_adapter
from desktop_app.store.model_store import ResolvedModel

log = logging.getLogger(__name__)


@dataclass
class LoadedGenerator(Bundle):
    has_chat_template: bool
    prompt_cache: PromptCache = field(default_factory=PromptCache)  # the last conversation's keys and values

    def forget_conversation(self) -> None:
        """The next prompt is encoded whole, by whichever model runs it."""
        self.prompt_cache.clear()
        if is_fast_runner(self.model):
            self.model.forget()

    def read_ahead(self, ids: Any) -> None:
        """Encodes `ids` (1, n), which continue the kept conversation, now, in whichever model keeps it."""
        if is_fast_runner(self.model):
            self.model.read_ahead([int(i) for i in ids[0].tolist()])
        else:
            self.prompt_cache.read_ahead(self.model, ids)


class GenerationEngine(Engine[LoadedGenerator]):
    family = Family(
        Task.GENERATE,
        "AutoModelForCausalLM",
        "a text generation model",
        "The folder must hold a causal language model (config.json, weights, tokenizer).",
    )
    fast_runner_classes: ClassVar[dict[str, str]] = {
        "ct2": "desktop_app.engines.ct2_generation:CT2Generator",
        "ort": "desktop_app.engines.ort_generation:OrtGenerator",
    }

    def bundle(self, model: Any, tokenizer: Any, resolved: ResolvedModel) -> LoadedGenerator:
        if resolved.adapter is not None:  # a LoRA adapter the tuning lab made, merged onto its base once
            model = apply_adapter(model, resolved.adapter).eval()
        return LoadedGenerator(model, tokenizer, resolved.model_info(), bool(getattr(tokenizer, "chat_template", None)))

    def run(self, request: GenerationRequest, ctx: JobContext) -> GenerationResult:
        remote = remote_model(request.model)
        if remote is not None:  # a model on a server: it streams the answer back
            request.validate()
            return generate_remotely(self.runtime.servers, remote, request, ctx)
        generator, load_s = self.prepare(request, ctx)
        seeded = request.seed is not None and request.temperature > 0
        if seeded and is_fast_runner(generator.model) and not generator.model.takes_seed:
            # CTranslate2 seeds its sampler once per thread: the seed is only repeatable on the transformers model
            generator = self.load(request.model, ctx)
        ctx.check_cancelled()
        torch = torch_module()
        inputs, dropped = self.fit_context(generator, request)
        prompt_tokens = int(inputs["input_ids"].shape[1])
        limit = context_length(generator)
        streamer = _make_streamer(generator.tokenizer, ctx)
        options = _sampling_options(request)
        if request.seed is not None:
            torch.manual_seed(request.seed)
            if is_fast_runner(generator.model):
                options["seed"] = request.seed
        ctx.progress(tr("Generating"), None)
        tokenizer = generator.tokenizer
        pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
        inputs = {k: v.to(self.device) for k, v in inputs.items()}
        # a fast runner keeps its own conversation (or none); the transformers model's is kept here
        keeps_cache = not is_fast_runner(generator.model)
        cache = generator.prompt_cache.take(generator.model, inputs["input_ids"]) if keeps_cache else None
        with torch.inference_mode():
            output = generator.model.generate(
                **inputs,
                past_key_values=cache,
                max_new_tokens=request.max_new_tokens,
                repetition_penalty=request.repetition_penalty,
                pad_token_id=pad_id,
                streamer=streamer,
                stopping_criteria=cancel_criteria(ctx),
                **options,
            )
        if keeps_cache:
            generator.prompt_cache.keep(generator.model, output, cache)
        new_ids = output[0, prompt_tokens:]
        new_tokens = int(new_ids.shape[0])
        generate_s = max(time.perf_counter() - streamer.started, 1e-9)
        finish = "cancelled" if ctx.cancelled else "length" if new_tokens >= request.max_new_tokens else "stop"
        result = GenerationResult(
            text=tokenizer.decode(new_ids, skip_special_tokens=True),
            model=generator.info,
            prompt_tokens=prompt_tokens,
            new_tokens=new_tokens,
            finish_reason=finish,
            context_length=limit,
            dropped_turns=dropped,
            timings={
                "load_s": round(load_s, 4),
                "first_token_s": round(streamer.first_token_s or generate_s, 4),
                "generate_s": round(generate_s, 4),
                "tokens_per_s": round(new_tokens / generate_s, 2),
                "reused_prompt_tokens": generator.prompt_cache.reused if keeps_cache else generator.model.reused,
            },
        )
        if finish == "cancelled":
            raise JobCancelledError(result)
        if not dropped:  # with turns left out, the next prompt starts differently
            self.read_ahead(generator, request, result.text)
        return result

    def read_ahead(self, generator: LoadedGenerator, request: GenerationRequest, answer: str) -> None:
        """While the user reads the answer, encode what the next turn's prompt starts with beyond it: the
        answer's end and the chat template up to the next message ("<|im_end|>\n<|im_start|>user\n"), so that a
        follow-up's first token waits only for its own words. It is the two prompts' common start, whatever
        the next message says. Only time is at stake: a failure leaves the next turn to encode it."""
        if not (request.use_chat_template and generator.has_chat_template):
            return
        history = (*request.history, ChatTurn("user", request.prompt), ChatTurn("assistant", answer))
        one, other = (self.encode_prompt(generator, replace(request, history=history, prompt=p)) for p in "AB")
        common = shared_prefix(one["input_ids"][0], other["input_ids"][0])
        try:
            generator.read_ahead(one["input_ids"][:, :common].to(self.device))
        except Exception as error:  # the answer is written; this only saves time later
            log.warning("reading the next turn ahead failed: %s", error)
            generator.forget_conversation()

    def count_tokens(self, request: CountTokensRequest, ctx: JobContext) -> TokenCount:
        """How much of the model's context the conversation takes, and what would be left out to fit it."""
        if remote_model(request.conversation.model) is not None:
            return TokenCount(0, 0, 0)  # a server's tokenizer is not here: its size is not known
        generator = self.load(request.conversation.model, ctx, fast=True)
        inputs, dropped = self.fit_context(generator, request.conversation, refuse=False)
        return TokenCount(int(inputs["input_ids"].shape[1]), context_length(generator), dropped)

    def fit_context(
        self, generator: LoadedGenerator, request: GenerationRequest, refuse: bool = True
    ) -> tuple[Any, int]:
        """The prompt, and how many of the oldest turns were left out so that it and the answer fit the model's
        context. Turns leave in whole exchanges, oldest first; the system prompt and the new message stay."""
        limit = context_length(generator)
        history = request.history
        inputs = self.encode_prompt(generator, request)
        while limit and int(inputs["input_ids"].shape[1]) + request.max_new_tokens > limit and history:
            history = history[2:] if len(history) > 1 else ()
            inputs = self.encode_prompt(generator, replace(request, history=history))
        tokens = int(inputs["input_ids"].shape[1])
        if refuse and limit and tokens + request.max_new_tokens > limit:
            raise InvalidRequestError(
                arg(
                    tr("The prompt is %1 tokens; with %2 new tokens it exceeds the model's context of %3 tokens."),
                    tokens,
                    request.max_new_tokens,
                    limit,
                ),
                hint=tr("Shorten the prompt or lower Max new tokens."),
            )
        return inputs, len(request.history) - len(history)

    @staticmethod
    def greedy(generator: LoadedGenerator, ids: Any, max_new_tokens: int, ctx: JobContext) -> Any:
        """The prompt `ids` (1, n) with the model's greedy answer after it: what Inspect and Explain read back
        when no answer was given."""
        torch = torch_module()
        tokenizer = generator.tokenizer
        ctx.progress(tr("Generating the answer"), None)
        with torch.inference_mode():
            return generator.model.generate(
                input_ids=ids,
                attention_mask=torch.ones_like(ids),
                max_new_tokens=max_new_tokens,
                do_sample=False,
                pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id,
            )

    @staticmethod
    def encode_prompt(generator: LoadedGenerator, request: GenerationRequest) -> Any:
        """The prompt as the model sees it: the conversation through its chat template when it has one and it is
        wanted; otherwise plain text to continue (a base model's completion), without the earlier turns."""
        tokenizer = generator.tokenizer
        if request.use_chat_template and generator.has_chat_template:
            messages = []
            if request.system_prompt.strip():
                messages.append({"role": "system", "content": request.system_prompt})
            messages += [turn.as_message() for turn in request.history]
            messages.append({"role": "user", "content": request.prompt})
            return tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, return_tensors="pt", return_dict=True
            )
        text = f"{request.system_prompt}\n\n{request.prompt}" if request.system_prompt.strip() else request.prompt
        return tokenizer(text, return_tensors="pt")


def context_length(generator: LoadedGenerator) -> int:
    return int(getattr(generator.model.config, "max_position_embeddings", 0) or 0)


def _sampling_options(request: GenerationRequest) -> dict[str, Any]:
    if request.temperature <= 0:
        return {"do_sample": False}
    return {"do_sample": True, "temperature": request.temperature, "top_p": request.top_p, "top_k": request.top_k}


def _make_streamer(tokenizer: Any, ctx: JobContext) -> Any:
    """A streamer that runs in the generating thread and hands finished words to the job context."""
    return make_streamer(tokenizer, lambda text, tokens, seconds: ctx.partial(TokenDelta(text, tokens, seconds)))


__all__ = ["GenerationEngine", "LoadedGenerator", "describe_dtype"]
