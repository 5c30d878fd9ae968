"""Cross-attention of one translation, caption or transcription, every layer and head: which source tokens,
image patches or stretches of audio each output token looked at. Translation and captioning run through
their own engines (asked to keep every head); speech decodes one 30 s window and reads it back."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from desktop_app.audio.decoding import SPEECH_RATE, load_audio
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import AttentionRequest, CaptionRequest, TranslationRequest
from desktop_app.core.results import AttentionMaps
from desktop_app.engines.captioning import CaptionEngine
from desktop_app.engines.runtime import torch_module
from desktop_app.engines.transcription import WHISPER_INPUT_SAMPLES, TranscriptionEngine
from desktop_app.engines.translation import TranslationEngine
from desktop_app.interpret.capture import eager_attention, stack_layers

ENCODER_FRAME_S = 0.02  # Whisper's encoder gives one frame per 20 ms of audio
FRAMES_PER_KEY = 2  # pooled to 40 ms a column: enough for words, a quarter of the memory


class CrossAttentionInspector:
    def __init__(
        self, translation: TranslationEngine, captioning: CaptionEngine, transcription: TranscriptionEngine
    ) -> None:
        self.translation, self.captioning, self.transcription = translation, captioning, transcription

    def run(self, request: AttentionRequest, ctx: JobContext) -> AttentionMaps:
        runs = {"translate": self._translate, "caption": self._caption, "transcribe": self._transcribe}
        started = time.perf_counter()
        maps = runs[request.source_task](request, ctx)
        maps.timings["capture_s"] = round(time.perf_counter() - started, 4)
        return maps

    def _translate(self, request: AttentionRequest, ctx: JobContext) -> AttentionMaps:
        result = self.translation.run(
            TranslationRequest(
                request.text,
                model=request.model,
                source_lang=request.source_lang,
                target_lang=request.target_lang,
                keep_attention=True,
                attention_heads=True,
            ),
            ctx,
        )
        shown = next((s for s in result.sentences if s.attention is not None), None)
        if shown is None or shown.attention is None:
            raise InvalidRequestError(arg(tr("%1 gave no cross-attention for this text."), result.model.ref))
        attention = shown.attention
        return AttentionMaps(
            attention.target_tokens,
            attention.weights,
            result.model,
            "translate",
            shown.target,
            truncated=len(result.sentences) > 1,
            keys=attention.source_tokens,
        )

    def _caption(self, request: AttentionRequest, ctx: JobContext) -> AttentionMaps:
        result = self.captioning.run(
            CaptionRequest((request.text,), model=request.model, keep_attention=True, attention_heads=True), ctx
        )
        item = result.items[0]
        if item.error is not None:
            raise InvalidRequestError(item.error.message, hint=item.error.hint)
        if item.attention is None:
            raise InvalidRequestError(arg(tr("%1 gives no attention over a square grid of patches."), result.model.ref))
        rows, cols = item.attention.grid
        keys = tuple(arg(tr("patch r%1 c%2"), r, c) for r in range(rows) for c in range(cols))
        return AttentionMaps(
            item.attention.tokens,
            item.attention.weights,
            result.model,
            "caption",
            item.caption,
            keys=keys,
            grid=item.attention.grid,
            input_path=item.path,
        )

    def _transcribe(self, request: AttentionRequest, ctx: JobContext) -> AttentionMaps:
        """Whisper's words over the 30 s of audio from start_s: decode greedily, then one teacher-forced pass
        with eager attention; columns are the audio the window holds (not its padding), 40 ms each."""
        torch = torch_module()
        transcriber = self.transcription.load(request.model, ctx)
        window_s = WHISPER_INPUT_SAMPLES / SPEECH_RATE
        clip = load_audio(request.text, ctx, start_s=request.start_s, duration_s=window_s)  # the window only
        if len(clip.samples) == 0:
            raise InvalidRequestError(
                arg(
                    tr("The audio is %1 s long; %2 s is past its end."),
                    f"{clip.file_duration_s:.1f}",
                    f"{request.start_s:.1f}",
                )
            )
        piece = clip.samples[:WHISPER_INPUT_SAMPLES]
        features = self.transcription.features(transcriber, piece)
        options: dict[str, Any] = {"force_unique_generate_call": True}
        if transcriber.multilingual:
            options.update(language=self.transcription.detect_language(transcriber, piece, (0.0, 30.0)) or None)
        ctx.progress(tr("Transcribing the window"), None)
        model = transcriber.model
        runs = self.transcription.load(request.model, ctx, fast=True)  # what the task's runs would write
        with torch.inference_mode():
            ids = runs.model.generate(self.transcription.features(runs, piece), **options)[0:1].to(features.device)
        ctx.progress(tr("Reading the attention"), None)
        with eager_attention(model):
            layers = model(input_features=features, decoder_input_ids=ids, output_attentions=True).cross_attentions
        stacked = stack_layers(layers, keep_heads=True)[0]  # (layers, heads, tokens, 1500 frames)
        tokenizer = transcriber.processor.tokenizer
        special = set(tokenizer.all_special_ids)
        row_ids = [int(t) for t in ids[0]]
        # the query at position i produced token i+1; keep the rows of words (not control or time tokens)
        rows = [
            i
            for i in range(len(row_ids) - 1)
            if row_ids[i + 1] not in special and row_ids[i + 1] < transcriber.timestamp_begin
        ]
        if not rows:
            raise InvalidRequestError(tr("Whisper heard no words in this stretch of audio."))
        frames = max(FRAMES_PER_KEY, int(np.ceil(len(piece) / SPEECH_RATE / ENCODER_FRAME_S)))
        frames -= frames % FRAMES_PER_KEY
        heard = stacked[..., rows, :frames]
        pooled = heard.reshape(*heard.shape[:-1], frames // FRAMES_PER_KEY, FRAMES_PER_KEY).sum(dim=-1)
        pooled = pooled / pooled.sum(dim=-1, keepdim=True).clamp_min(1e-9)
        step = ENCODER_FRAME_S * FRAMES_PER_KEY
        keys = tuple(f"{request.start_s + k * step:.2f} s" for k in range(pooled.shape[-1]))
        tokens = tuple(tokenizer.convert_ids_to_tokens([row_ids[i + 1] for i in rows]))
        text = tokenizer.decode([row_ids[i + 1] for i in rows]).strip()
        return AttentionMaps(
            tokens,
            pooled.cpu().numpy().astype(np.float16),
            transcriber.info,
            "transcribe",
            text,
            truncated=clip.file_duration_s - request.start_s > window_s + 0.01,
            keys=keys,
            input_path=request.text,
            start_s=request.start_s,
            seconds_per_key=step,
            waveform=envelope(piece, len(keys)),
        )


def envelope(samples: np.ndarray, columns: int) -> np.ndarray:
    """(columns, 2) lowest and highest sample in each column's stretch: the waveform, drawn without the audio."""
    per = max(1, len(samples) // columns)
    usable = np.zeros(columns * per, np.float32)
    usable[: min(len(samples), columns * per)] = samples[: columns * per]
    blocks = usable.reshape(columns, per)
    return np.stack([blocks.min(axis=1), blocks.max(axis=1)], axis=1)
