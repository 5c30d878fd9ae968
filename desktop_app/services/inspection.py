"""Look inside a model on an input: a text encoder (MiniLM BERT) reading a text, or the generation model
answering a prompt (every layer's and head's self-attention, plus attribution of the answer); a translation,
a caption or a transcription (its words' cross-attention over the source, the image or the audio)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import AttentionRequest, GenerationRequest
from desktop_app.core.results import AttentionMaps, Attribution
from desktop_app.engines.encoder import EncoderEngine
from desktop_app.engines.generation import GenerationEngine, LoadedGenerator
from desktop_app.engines.runtime import torch_module
from desktop_app.interpret.attribution import gradient_x_input, occlusion, top_k_steps
from desktop_app.interpret.capture import capture_self_attention
from desktop_app.services.inspection_cross import CrossAttentionInspector


class Inspection:
    """Attention and attribution for every task: the encoder's self-attention, the generation model's on its
    answer (with attribution), and the cross-attention of a translation, a caption or a transcription."""

    def __init__(self, encoder: EncoderEngine, generation: GenerationEngine, cross: CrossAttentionInspector) -> None:
        self.encoder, self.generation, self.cross = encoder, generation, cross

    def run(self, request: AttentionRequest, ctx: JobContext) -> AttentionMaps:
        request.validate()
        started = time.perf_counter()
        if request.source_task == "generate":
            return self._generate(request, ctx, started)
        if request.source_task != "encode":
            return self.cross.run(request, ctx)
        encoder = self.encoder.load(request.model, ctx)
        ctx.progress(tr("Reading the attention"), None)
        inputs = encoder.tokenizer(request.text, return_tensors="pt")
        truncated = inputs["input_ids"].shape[1] > request.max_tokens
        if truncated:  # again with truncation, which keeps the closing [SEP] that a plain cut would drop
            inputs = encoder.tokenizer(
                request.text, return_tensors="pt", truncation=True, max_length=request.max_tokens
            )
        weights = capture_self_attention(encoder.model, dict(inputs.to(self.encoder.device)))
        tokens = tuple(encoder.tokenizer.convert_ids_to_tokens(inputs["input_ids"][0].tolist()))
        return AttentionMaps(
            tokens,
            weights,
            encoder.info,
            "encode",
            truncated=truncated,
            timings={"capture_s": round(time.perf_counter() - started, 4)},
        )

    def _generate(self, request: AttentionRequest, ctx: JobContext, started: float) -> AttentionMaps:
        torch = torch_module()
        generator = self.generation.load(request.model, ctx)
        tokenizer = generator.tokenizer
        prompt = self.generation.encode_prompt(
            generator,
            GenerationRequest(
                request.text,
                model=request.model,
                history=request.history,
                system_prompt=request.system_prompt,
                use_chat_template=request.use_chat_template,
            ),
        )
        # the end of the prompt: what the answer follows
        ids = prompt["input_ids"][:, -request.max_tokens :].to(self.generation.device)
        truncated = prompt["input_ids"].shape[1] > ids.shape[1]
        room = max(1, request.max_tokens - ids.shape[1])
        if request.answer.strip():  # the answer the user got, read back as the model would have written it
            answer_ids = tokenizer(request.answer, add_special_tokens=False, return_tensors="pt").input_ids
            answer_ids = answer_ids.to(ids.device)
            truncated = truncated or answer_ids.shape[1] > room
            full = torch.cat([ids, answer_ids[:, :room]], dim=1)
        else:
            runs = self.generation.load(request.model, ctx, fast=True)  # the answer the task's runs would give
            full = self.generation.greedy(runs, ids, min(request.max_new_tokens, room), ctx)
        full = full[:, -request.max_tokens :].to(self.generation.device)
        prompt_len = int(ids.shape[1])
        ctx.progress(tr("Reading the attention"), None)
        weights = capture_self_attention(generator.model, {"input_ids": full})
        answer = full[0, prompt_len:]
        maps = AttentionMaps(
            tuple(tokenizer.convert_ids_to_tokens(full[0].tolist())),
            weights,
            generator.info,
            "generate",
            tokenizer.decode(answer, skip_special_tokens=True),
            prompt_tokens=prompt_len,
            truncated=truncated,
            timings={"capture_s": round(time.perf_counter() - started, 4)},
        )
        if not request.attribution or len(answer) == 0:
            return maps
        return self._attribute(generator, full, maps, ctx)

    @staticmethod
    def _attribute(generator: LoadedGenerator, ids: Any, maps: AttentionMaps, ctx: JobContext) -> AttentionMaps:
        """The maps with attribution added; Cancel stops it between batches and keeps the attention."""
        started, prompt = time.perf_counter(), maps.prompt_tokens

        def step(what: str, share: float, before: float) -> Callable[[float], None]:
            def report(done: float) -> None:
                ctx.check_cancelled(maps)
                ctx.progress(arg(tr("Attribution: %1"), what), before + share * done)

            return report

        gradients = gradient_x_input(generator.model, ids, prompt, step(tr("gradient x input"), 0.7, 0.0))
        blanked = occlusion(generator.model, ids, prompt, step("occlusion", 0.3, 0.7))
        attribution = Attribution(gradients, blanked, top_k_steps(generator.model, generator.tokenizer, ids, prompt))
        timings = {**maps.timings, "attribution_s": round(time.perf_counter() - started, 4)}
        return replace(maps, attribution=attribution, timings=timings)
