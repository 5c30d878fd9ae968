"""Translation with sequence-to-sequence models: Marian (one language pair per model) and multilingual NLLB
and M2M100 (language codes; the target language is forced as the first generated token).

transformers 5 has no translation pipeline: the engine calls `generate` itself. Text is split into
sentences, translated a batch at a time (each batch streams back), and put back in its lines. On request, a
teacher-forced pass with eager attention keeps each sentence's source x target cross-attention.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError, ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import TranslationRequest
from desktop_app.core.results import TranslatedSentence, TranslationAttention, TranslationResult
from desktop_app.core.sentences import split_long, split_sentences
from desktop_app.core.tasks import Task
from desktop_app.engines.base import Bundle, Engine, Family
from desktop_app.engines.fast_runners import is_fast_runner
from desktop_app.engines.runtime import cancel_criteria, torch_module
from desktop_app.interpret.capture import eager_attention, stack_layers
from desktop_app.store.model_kind import marian_pair
from desktop_app.store.model_store import ResolvedModel

# Language tokens of multilingual tokenizers: M2M100 writes "__fr__", NLLB "fra_Latn".
_M2M_CODE = re.compile(r"^__([a-z]{2,3})__$")
_NLLB_CODE = re.compile(r"^[a-z]{3}_[A-Z][a-z]{3}$")


@dataclass
class LoadedTranslator(Bundle):
    pair: tuple[str, str] | None = None  # a one-pair model's (source, target), when it says which
    languages: dict[str, int] = field(default_factory=dict)  # a multilingual model's code -> language token id
    max_source_tokens: int = 512

    @property
    def multilingual(self) -> bool:
        return bool(self.languages)


class TranslationEngine(Engine[LoadedTranslator]):
    family = Family(
        Task.TRANSLATE,
        "AutoModelForSeq2SeqLM",
        "a translation model",
        "Use a Marian (Helsinki-NLP/opus-mt-*), NLLB or M2M100 model folder with its tokenizer.",
    )
    fast_runner_classes: ClassVar[dict[str, str]] = {"ct2": "desktop_app.engines.ct2_translation:CT2Translator"}

    def bundle(self, model: Any, tokenizer: Any, resolved: ResolvedModel) -> LoadedTranslator:
        if not getattr(model.config, "is_encoder_decoder", False):
            raise ModelLoadError(
                arg(tr("%1 is not a translation (encoder-decoder) model."), resolved.ref),
                hint=tr("Use a Marian, NLLB or M2M100 model."),
            )
        languages = _language_tokens(tokenizer)
        limit = int(getattr(model.config, "max_position_embeddings", 512) or 512)
        limit = min(limit, int(getattr(tokenizer, "model_max_length", limit) or limit))
        return LoadedTranslator(
            model, tokenizer, resolved.model_info(), None if languages else _one_pair(resolved), languages, limit
        )

    # -- a job -----------------------------------------------------------------------------------------
    def run(self, request: TranslationRequest, ctx: JobContext) -> TranslationResult:
        translator, load_s = self.prepare(request, ctx)
        ready = time.perf_counter()
        source, target = self.check_languages(translator, request.source_lang, request.target_lang)
        layout = split_sentences(request.text)
        pieces = self._pieces(translator, layout.sentences)  # (sentence index, text that fits the model)
        done: list[TranslatedSentence] = []
        new_tokens = 0

        def result(text: str, note: str = "") -> TranslationResult:
            work_s = time.perf_counter() - ready
            return TranslationResult(
                tuple(done),
                text,
                translator.info,
                source,
                target,
                {
                    "load_s": round(load_s, 4),
                    "translate_s": round(work_s, 4),
                    "tokens_per_s": round(new_tokens / work_s, 2) if work_s > 0 else 0.0,
                },
                note,
            )

        for first in range(0, len(pieces), request.batch_size):
            ctx.check_cancelled(result(" ".join(s.target for s in done), tr("Stopped before the end.")))
            ctx.progress(arg(tr("Translating sentence %1 of %2"), first + 1, len(pieces)), first / len(pieces))
            batch = [text for _, text in pieces[first : first + request.batch_size]]
            translated, count = self.translate_batch(translator, batch, target, request, ctx)
            if ctx.cancelled:
                raise JobCancelledError(result(" ".join(s.target for s in done), tr("Stopped before the end.")))
            new_tokens += count
            for item in translated:
                done.append(item)
                ctx.partial(item)
        ctx.progress(tr("Done"), 1.0)
        by_sentence: dict[int, list[str]] = {}
        for (index, _), item in zip(pieces, done, strict=True):
            by_sentence.setdefault(index, []).append(item.target)
        text = layout.join([" ".join(by_sentence.get(i, [])) for i in range(len(layout.sentences))])
        return result(text, _unknown_note(translator, [text for _, text in pieces]))

    def check_languages(self, translator: LoadedTranslator, source: str, target: str) -> tuple[str, str]:
        """The (source, target) the model will use, or a message saying which pairs it can do."""
        if translator.multilingual:
            known = translator.languages
            if not target:
                raise InvalidRequestError(
                    arg(tr("%1 translates between many languages: choose the target language."), translator.info.ref),
                    hint=_some_codes(known),
                )
            for code in (source, target):
                if code and code not in known:
                    raise InvalidRequestError(
                        arg(tr("%1 does not know the language '%2'."), translator.info.ref, code),
                        hint=_some_codes(known),
                    )
            return source, target
        if translator.pair is not None:
            pair_source, pair_target = translator.pair
            if (source and source != pair_source) or (target and target != pair_target):
                raise InvalidRequestError(
                    arg(
                        tr("%1 translates %2 to %3 only; it cannot translate %4 to %5."),
                        translator.info.ref,
                        pair_source,
                        pair_target,
                        source or "?",
                        target or "?",
                    ),
                    hint=tr(
                        "Choose a model for that pair (e.g. Helsinki-NLP/opus-mt-<source>-<target>) or a "
                        "multilingual one such as facebook/nllb-200-distilled-600M."
                    ),
                )
            return translator.pair
        return source, target

    def translate_batch(
        self, translator: LoadedTranslator, texts: list[str], target: str, request: TranslationRequest, ctx: JobContext
    ) -> tuple[list[TranslatedSentence], int]:
        torch = torch_module()
        tokenizer = translator.tokenizer
        if translator.multilingual and request.source_lang and hasattr(tokenizer, "src_lang"):
            tokenizer.src_lang = request.source_lang  # NLLB/M2M tokenizers then add the source language token
        inputs = tokenizer(
            texts, return_tensors="pt", padding=True, truncation=True, max_length=translator.max_source_tokens
        ).to(self.device)
        options: dict[str, Any] = {
            "max_new_tokens": request.max_new_tokens,
            "num_beams": request.num_beams,
            "do_sample": False,
            "stopping_criteria": cancel_criteria(ctx),
        }
        if translator.multilingual:
            options["forced_bos_token_id"] = translator.languages[target]
        with torch.inference_mode():
            ids = translator.model.generate(**inputs, **options)
        outputs = [text.strip() for text in tokenizer.batch_decode(ids, skip_special_tokens=True)]
        special = set(tokenizer.all_special_ids)
        new_tokens = sum(1 for row in ids.tolist() for t in row if t not in special)
        attentions: list[TranslationAttention | None] = [None] * len(texts)
        if request.keep_attention and not ctx.cancelled:
            # a fast runner has no attention to read: the float32 model reads back what it wrote
            fast = is_fast_runner(translator.model)
            inspectable = self.load(request.model, ctx) if fast else translator
            attentions = self.cross_attention(inspectable, inputs, ids, request.attention_heads)
        return [TranslatedSentence(s, t, a) for s, t, a in zip(texts, outputs, attentions, strict=True)], new_tokens

    def cross_attention(
        self, translator: LoadedTranslator, inputs: Any, ids: Any, keep_heads: bool = False
    ) -> list[TranslationAttention | None]:
        """Each target token's attention over the source tokens, from one teacher-forced pass with eager
        attention (the fast kernels return no weights)."""
        model, tokenizer = translator.model, translator.tokenizer
        try:
            with eager_attention(model):
                out = model(**inputs, decoder_input_ids=ids, output_attentions=True)
        except (RuntimeError, ValueError, TypeError, AttributeError):
            return [None] * len(ids)
        if not out.cross_attentions:
            return [None] * len(ids)
        stacked = stack_layers(out.cross_attentions, keep_heads)
        special = set(tokenizer.all_special_ids)
        result: list[TranslationAttention | None] = []
        for row, (source_ids, target_ids) in enumerate(zip(inputs["input_ids"], ids, strict=True)):
            src = [i for i, t in enumerate(source_ids) if int(t) not in special]
            # the query at position i produced token i+1
            tgt = [i for i in range(len(target_ids) - 1) if int(target_ids[i + 1]) not in special]
            if not src or not tgt:
                result.append(None)
                continue
            weights = stacked[row][..., tgt, :][..., src]
            weights = weights / weights.sum(dim=-1, keepdim=True).clamp_min(1e-9)
            result.append(
                TranslationAttention(
                    tuple(tokenizer.convert_ids_to_tokens([int(source_ids[i]) for i in src])),
                    tuple(tokenizer.convert_ids_to_tokens([int(target_ids[i + 1]) for i in tgt])),
                    weights.cpu().numpy().astype(np.float16),
                )
            )
        return result

    def _pieces(self, translator: LoadedTranslator, sentences: tuple[str, ...]) -> list[tuple[int, str]]:
        """Each sentence, or the pieces of one too long for the model (cut at words, never truncated)."""
        limit = max(8, translator.max_source_tokens - 4)
        pieces: list[tuple[int, str]] = []
        counts = [len(ids) for ids in translator.tokenizer(list(sentences)).input_ids] if sentences else []
        for index, (sentence, count) in enumerate(zip(sentences, counts, strict=True)):
            if count <= limit:
                pieces.append((index, sentence))
                continue
            words = max(1, len(sentence.split()) * limit // count)
            pieces.extend((index, piece) for piece in split_long(sentence, words))
        return pieces


def _language_tokens(tokenizer: Any) -> dict[str, int]:
    codes: dict[str, int] = {}
    # transformers 5 keeps them among the special or added tokens (extra_special_tokens, once additional_...)
    candidates = dict.fromkeys([*tokenizer.all_special_tokens, *tokenizer.get_added_vocab()])
    for token in candidates:
        match = _M2M_CODE.match(token)
        if match or _NLLB_CODE.match(token):
            codes[match.group(1) if match else token] = int(tokenizer.convert_tokens_to_ids(token))
    return codes


def _one_pair(resolved: ResolvedModel) -> tuple[str, str] | None:
    """A Marian model's pair, from its tokenizer settings (MarianTokenizer records it) or its opus-mt name."""
    try:
        settings = json.loads((resolved.path / "tokenizer_config.json").read_text())
    except (OSError, ValueError):
        settings = {}
    return marian_pair(settings, f"{resolved.ref} {resolved.path}")


def _some_codes(known: dict[str, int]) -> str:
    codes = sorted(known)
    return "Known codes include: " + ", ".join(codes[:12]) + (" …" if len(codes) > 12 else "")


def _unknown_note(translator: LoadedTranslator, texts: list[str]) -> str:
    tokenizer = translator.tokenizer
    unk = tokenizer.unk_token_id
    if unk is None:
        return ""
    with_unknown = [text for text, ids in zip(texts, tokenizer(texts).input_ids, strict=True) if unk in ids]
    unknown = sorted({word for text in with_unknown for word in text.split() if unk in tokenizer(word).input_ids})
    if not unknown:
        return ""
    shown = ", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else "")
    return f"The model does not know {len(unknown)} of the words, which may be left out or guessed: {shown}"
