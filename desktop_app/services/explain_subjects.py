"""What each task's explanation is about: the model's output (its own, or the one given), the input's features
(words, regions, time segments), the score over them (desktop_app/explain/), where they lie in the input to
draw them, and the attention the output paid to them, where the model has it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from desktop_app.audio.decoding import SPEECH_RATE, load_audio
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.explain_requests import ExplainRequest, FeatureLayout
from desktop_app.core.i18n import arg, tr
from desktop_app.core.results import ModelInfo
from desktop_app.engines.generation import LoadedGenerator
from desktop_app.engines.runtime import torch_module
from desktop_app.engines.transcription import WHISPER_INPUT_SAMPLES, is_quiet
from desktop_app.explain.audio import TranscriptScore, segment_times
from desktop_app.explain.image import CaptionScore, model_view, superpixels
from desktop_app.explain.matching import MatchScore
from desktop_app.explain.methods import FeatureScore
from desktop_app.explain.text import AnswerScore, SourceScore, Words, focus_span, words_of
from desktop_app.images.loading import load_image
from desktop_app.interpret.capture import capture_self_attention, eager_attention, stack_layers
from desktop_app.services.inspection_cross import ENCODER_FRAME_S, envelope

if TYPE_CHECKING:
    from desktop_app.engines.all_engines import Engines

SMALLEST_SIDE = 8  # pixels: below this a picture has no regions to tell apart


def _nothing(_passes: int) -> None:
    return None


@dataclass
class Subject:
    model: ModelInfo
    score: FeatureScore
    answer: str
    layout: FeatureLayout
    attention: Callable[[], np.ndarray] | None = None  # each feature's share of the output's attention


def subject_of(engines: Engines, request: ExplainRequest, ctx: JobContext) -> Subject:
    build = {
        "generate": _generation,
        "translate": _translation,
        "caption": _caption,
        "transcribe": _transcription,
        "match": _match,
    }[request.source_task]
    return build(engines, request, ctx)


# -- generation ----------------------------------------------------------------------------------------------
def _generation(engines: Engines, request: ExplainRequest, ctx: JobContext) -> Subject:
    torch = torch_module()
    generation = engines.generation
    generator = generation.load(request.model, ctx)
    tokenizer = generator.tokenizer
    text, system_at, user_at = _templated(generator, request)
    ids = tokenizer(text, add_special_tokens=False, return_tensors="pt").input_ids.to(generation.device)
    prompt = int(ids.shape[1])
    if request.target.strip():
        answer = tokenizer(request.target, add_special_tokens=False, return_tensors="pt").input_ids
        full = torch.cat([ids, answer.to(ids.device)], dim=1)
    else:
        runs = generation.load(request.model, ctx, fast=True)  # the answer the task's runs would give
        full = _until_end(generation.greedy(runs, ids, request.max_new_tokens, ctx), prompt, tokenizer)
    _require_answer(full, prompt)
    if request.parts:
        words = _parts(tokenizer, text, _part_spans(request, system_at, user_at))
    else:
        first = _tokens_before(tokenizer, text, user_at)
        last = min(prompt, _tokens_before(tokenizer, text, user_at + len(request.text.strip())))
        words = words_of(tokenizer, full[0, :last].tolist(), first)
    if not words.names:
        raise InvalidRequestError(tr("The prompt has no words to explain."), hint=tr("Type a prompt."))
    focus = _focus(request, tokenizer, full[0, prompt:].tolist())
    score = AnswerScore(generator.model, full, prompt, words, _baseline_token(tokenizer), _nothing, focus)
    answer_text = tokenizer.decode(full[0, prompt:], skip_special_tokens=True)

    def attention() -> np.ndarray:
        weights = capture_self_attention(generator.model, {"input_ids": full}).astype(np.float32).mean(axis=(0, 1))
        rows = weights[prompt - 1 : full.shape[1] - 1]  # the positions that predict the answer's tokens
        return np.array([rows[:, a:b].sum(axis=1).mean() for a, b in words.spans], np.float32)

    return Subject(generator.info, score, answer_text, FeatureLayout("words"), attention)


def _templated(generator: LoadedGenerator, request: ExplainRequest) -> tuple[str, int, int]:
    """The prompt as the chat sends it, and where the system prompt (-1: none) and the user's words start in
    it (the template around them is not a feature)."""
    system, user = request.system_prompt.strip(), request.text.strip()
    if not (request.use_chat_template and generator.has_chat_template):
        text = f"{system}\n\n{request.text}" if system else request.text
        return text, (0 if system else -1), text.find(user)
    messages = [{"role": "system", "content": system}] if system else []
    messages.append({"role": "user", "content": request.text})
    text = generator.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    system_at = text.find(system) if system else -1
    user_at = text.find(user, system_at + len(system) if system else 0)
    if user_at < 0 or (system and system_at < 0):
        raise InvalidRequestError(
            arg(
                tr("The chat template of %1 rewrites the prompt, so its words cannot be found in it."),
                generator.info.ref,
            ),
            hint=tr("Explain the prompt without the chat template."),
        )
    return text, system_at, user_at


def _tokens_before(tokenizer: Any, text: str, offset: int) -> int:
    return len(tokenizer(text[:offset], add_special_tokens=False).input_ids)


def _part_spans(request: ExplainRequest, system_at: int, user_at: int) -> list[tuple[str, int, int]]:
    """(name, start, end) in the templated text: the system prompt, then each paragraph of the user's text
    (a blank line between them): the template's parts, such as few-shot examples and the question."""
    spans = []
    system = request.system_prompt.strip()
    if system and system_at >= 0:
        spans.append((tr("system prompt"), system_at, system_at + len(system)))
    user = request.text.strip()
    at = 0
    for number, paragraph in enumerate(part for part in re.split(r"\n\s*\n", user) if part.strip()):
        at = user.index(paragraph.strip(), at)
        label = arg(tr("part %1: %2"), number + 1, _shortened(paragraph.strip()))
        spans.append((label, user_at + at, user_at + at + len(paragraph.strip())))
        at += len(paragraph.strip())
    return spans


def _shortened(text: str, width: int = 32) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _parts(tokenizer: Any, text: str, spans: list[tuple[str, int, int]]) -> Words:
    """Each span's tokens: the tokens from the one its first character falls in to the one its last does."""
    names, token_spans = [], []
    for name, start, end in spans:
        first, last = _tokens_before(tokenizer, text, start), _tokens_before(tokenizer, text, end)
        if last > first:
            names.append(name)
            token_spans.append((first, last))
    return Words(tuple(names), tuple(token_spans))


def _until_end(full: Any, prompt: int, tokenizer: Any) -> Any:
    """The greedy output up to (not including) the end-of-turn token."""
    answer = full[0, prompt:]
    ends = (answer == tokenizer.eos_token_id).nonzero()
    cut = int(ends[0]) if len(ends) else len(answer)
    return full[:, : prompt + cut].clone()


def _require_answer(full: Any, prompt: int) -> None:
    if full.shape[1] <= prompt:
        raise InvalidRequestError(tr("The model gave no answer to explain."), hint=tr("Give the answer to explain."))


def _baseline_token(tokenizer: Any) -> int:
    token = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    return int(token if token is not None else 0)


def _focus(request: ExplainRequest, tokenizer: Any, ids: Sequence[int]) -> tuple[int, int] | None:
    """The output's tokens of the word in focus, or None for the whole output."""
    if not request.focus.strip():
        return None
    span = focus_span(tokenizer, ids, request.focus)
    if span is None:
        shown = " ".join(words_of(tokenizer, ids).names)
        raise InvalidRequestError(
            arg(tr("'%1' is not a word of the output: %2"), request.focus.strip(), shown),
            hint=tr("Choose one of its words, or explain the whole output."),
        )
    return span


def _content(ids: Sequence[int], special: set[int]) -> tuple[int, int]:
    """[first, stop) of the tokens between the leading and trailing special ones."""
    first = next((i for i, t in enumerate(ids) if t not in special), len(ids))
    stop = next((i + 1 for i in range(len(ids) - 1, -1, -1) if ids[i] not in special), first)
    return first, stop


def _mean_cross_attention(model: Any, inputs: dict[str, Any], rows: Any) -> np.ndarray:
    """(keys,) the cross-attention of the query positions `rows`, averaged over layers, heads and rows."""
    with eager_attention(model):
        out = model(**inputs, output_attentions=True, use_cache=False)
    stacked = stack_layers(out.cross_attentions)[0]  # (layers, queries, keys)
    return np.asarray(stacked[:, rows].mean(dim=(0, 1)).cpu().numpy(), np.float32)


def _per_word(values: np.ndarray, words: Words) -> np.ndarray:
    return np.array([values[a:b].sum() for a, b in words.spans], np.float32)


# -- translation ---------------------------------------------------------------------------------------------
def _translation(engines: Engines, request: ExplainRequest, ctx: JobContext) -> Subject:
    torch = torch_module()
    engine = engines.translation
    translator = engine.load(request.model, ctx)
    tokenizer = translator.tokenizer
    _, target_lang = engine.check_languages(translator, request.source_lang, request.target_lang)
    if translator.multilingual and request.source_lang and hasattr(tokenizer, "src_lang"):
        tokenizer.src_lang = request.source_lang
    inputs = tokenizer(
        [request.text], return_tensors="pt", truncation=True, max_length=translator.max_source_tokens
    ).to(engine.device)
    source = inputs["input_ids"]
    start = int(translator.model.generation_config.decoder_start_token_id or 0)
    prefix = [start] + ([translator.languages[target_lang]] if translator.multilingual else [])
    if request.target.strip():
        answer = tokenizer(text_target=request.target.strip(), add_special_tokens=True).input_ids
        target = torch.tensor([prefix + [t for t in answer if t not in prefix]], device=engine.device)
    else:
        options: dict[str, Any] = {"max_new_tokens": request.max_new_tokens, "do_sample": False, "num_beams": 1}
        if translator.multilingual:
            options["forced_bos_token_id"] = translator.languages[target_lang]
        ctx.progress(tr("Translating"), None)
        runs = engine.load(request.model, ctx, fast=True)  # the translation the task's runs would give
        with torch.inference_mode():
            target = runs.model.generate(**inputs, **options)
        target = target.clone().to(engine.device)  # out of inference mode, so gradients can flow through it
    special = set(tokenizer.all_special_ids)
    first, stop = _content(source[0].tolist(), special)
    words = words_of(tokenizer, source[0].tolist(), first, stop)
    if not words.names:
        raise InvalidRequestError(tr("The text has no words to explain."), hint=tr("Type a sentence."))
    focus = _focus(request, tokenizer, target[0, 1:].tolist())
    score = SourceScore(translator.model, source, target, words, _baseline_token(tokenizer), _nothing, focus)
    translated = tokenizer.decode(target[0], skip_special_tokens=True).strip()
    if not translated:
        raise InvalidRequestError(tr("The model gave no translation to explain."))

    def attention() -> np.ndarray:
        rows = torch.arange(target.shape[1] - 1)[slice(*focus) if focus else slice(None)]
        keys = _mean_cross_attention(translator.model, {"input_ids": source, "decoder_input_ids": target}, rows)
        return _per_word(keys, words)

    return Subject(translator.info, score, translated, FeatureLayout("words"), attention)


# -- captioning ----------------------------------------------------------------------------------------------
def _picture(path: str) -> Any:
    loaded = load_image(path, requested=path)
    width, height = loaded.original_size
    if min(width, height) < SMALLEST_SIDE:
        raise InvalidRequestError(
            arg(tr("The picture is %1 × %2 pixels: too small to tell its regions apart."), width, height),
            hint=arg(tr("Choose a picture at least %1 pixels on each side."), SMALLEST_SIDE),
        )
    return loaded.image


def _caption(engines: Engines, request: ExplainRequest, ctx: JobContext) -> Subject:
    torch = torch_module()
    engine = engines.captioning
    captioner = engine.load(request.model, ctx)
    if captioner.family != "encoder-decoder":
        raise InvalidRequestError(
            arg(tr("Explanations of captions need a vision-encoder-decoder model; %1 is not one."), captioner.info.ref),
            hint=tr("Choose a vision-encoder-decoder captioner (e.g. nlpconnect/vit-gpt2-image-captioning)."),
        )
    image = _picture(request.text)
    pixels = captioner.image_processor([image], return_tensors="pt").pixel_values.to(engine.device)
    tokenizer = captioner.tokenizer
    start = captioner.model.generation_config.decoder_start_token_id or captioner.model.config.decoder_start_token_id
    if request.target.strip():
        caption = tokenizer(request.target.strip(), add_special_tokens=False).input_ids
        ids = torch.tensor([[int(start), *caption]], device=engine.device)
    else:
        ctx.progress(tr("Captioning"), None)
        with torch.inference_mode():
            ids = captioner.model.generate(pixel_values=pixels, max_new_tokens=request.max_new_tokens)
        ids = ids.clone()  # out of inference mode, so gradients can flow through it
    text = tokenizer.decode(ids[0], skip_special_tokens=True).strip()
    if not text:
        raise InvalidRequestError(tr("The model gave no caption to explain."))
    view = model_view(pixels, captioner.image_processor)
    labels = superpixels(view)
    focus = _focus(request, tokenizer, ids[0, 1:].tolist())
    score = CaptionScore(captioner.model, pixels, labels, ids, _nothing, focus)

    def attention() -> np.ndarray:
        rows = torch.arange(ids.shape[1] - 1)[slice(*focus) if focus else slice(None)]
        keys = _mean_cross_attention(captioner.model, {"pixel_values": pixels, "decoder_input_ids": ids}, rows)
        return _patches_to_regions(keys, labels)

    return Subject(captioner.info, score, text, FeatureLayout("regions", view, labels, path=request.text), attention)


def _patches_to_regions(keys: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """A ViT's [CLS] + square grid of patch weights, spread over the pixels and summed in each region."""
    side = int(np.sqrt(len(keys) - 1))
    if side * side != len(keys) - 1:
        raise InvalidRequestError(tr("This model's attention is not over a square grid of patches."))
    grid = keys[1:].reshape(side, side)
    height, width = labels.shape
    rows = np.minimum(np.arange(height) * side // height, side - 1)
    columns = np.minimum(np.arange(width) * side // width, side - 1)
    per_pixel = grid[np.ix_(rows, columns)] / ((height / side) * (width / side))
    return np.bincount(labels.reshape(-1), per_pixel.reshape(-1), minlength=int(labels.max()) + 1).astype(np.float32)


# -- transcription -------------------------------------------------------------------------------------------
def _transcription(engines: Engines, request: ExplainRequest, ctx: JobContext) -> Subject:
    torch = torch_module()
    engine = engines.transcription
    transcriber = engine.load(request.model, ctx)
    clip = load_audio(request.text, ctx, duration_s=WHISPER_INPUT_SAMPLES / SPEECH_RATE)
    samples = clip.samples[:WHISPER_INPUT_SAMPLES]
    no_speech = InvalidRequestError(
        tr("Whisper hears no speech in this recording, so there is no transcript to explain."),
        hint=tr("Choose a recording with speech in its first 30 seconds."),
    )
    if is_quiet(samples):
        raise no_speech
    features = engine.features(transcriber, samples)
    options: dict[str, Any] = {"force_unique_generate_call": True}
    if transcriber.multilingual:
        options.update(language=engine.detect_language(transcriber, samples, (0.0, 30.0)) or None)
    ctx.progress(tr("Transcribing"), None)
    with torch.inference_mode():
        ids = transcriber.model.generate(features, **options)[0:1]
    if engine.hears_no_speech(transcriber, features, ids[0]):
        raise no_speech
    ids = ids.clone()  # out of inference mode, so gradients can flow through it
    tokenizer = transcriber.processor.tokenizer
    special = set(tokenizer.all_special_ids)

    def is_text(token: int) -> bool:
        return token not in special and token < transcriber.timestamp_begin

    if request.target.strip():
        head = next((i for i, t in enumerate(ids[0].tolist()) if is_text(t)), ids.shape[1])
        said = tokenizer(" " + request.target.strip(), add_special_tokens=False).input_ids
        ids = torch.cat([ids[:, :head], torch.tensor([said], device=ids.device)], dim=1)
    positions = [i for i, t in enumerate(ids[0].tolist()) if i > 0 and is_text(t)]
    if not positions:
        raise InvalidRequestError(tr("Whisper heard no words in this recording."))
    text = tokenizer.decode([int(ids[0, i]) for i in positions]).strip()
    times = segment_times(len(samples) / SPEECH_RATE)
    focus = _focus(request, tokenizer, [int(ids[0, i]) for i in positions])
    score = TranscriptScore(transcriber.model, features, times, ids, positions, _nothing, focus)
    layout = FeatureLayout("segments", times=times, waveform=envelope(samples, 400), path=request.text)

    def attention() -> np.ndarray:
        chosen = positions if focus is None else positions[focus[0] : focus[1]]
        keys = _mean_cross_attention(
            transcriber.model, {"input_features": features, "decoder_input_ids": ids}, [p - 1 for p in chosen]
        )
        frame = np.arange(len(keys)) * ENCODER_FRAME_S
        return np.array([keys[(frame >= a) & (frame < b)].sum() for a, b in times], np.float32)

    return Subject(transcriber.info, score, text, layout, attention)


# -- matching ------------------------------------------------------------------------------------------------
def _match(engines: Engines, request: ExplainRequest, ctx: JobContext) -> Subject:
    engine = engines.embedding
    embedder = engine.load(request.model, ctx)
    image = _picture(request.text)
    pixels = embedder.image_processor([image], return_tensors="pt").pixel_values.to(engine.device)
    tokenizer = embedder.tokenizer
    padding = "max_length" if embedder.sigmoid else False
    text = dict(
        tokenizer([request.target.strip()], padding=padding, truncation=True, return_tensors="pt").to(engine.device)
    )
    ids = text["input_ids"][0].tolist()
    first, stop = _content(ids, set(tokenizer.all_special_ids))
    words = words_of(tokenizer, ids, first, stop)
    view = model_view(pixels, embedder.image_processor)
    labels = superpixels(view)
    score = MatchScore(embedder.model, pixels, labels, text, words, _baseline_token(tokenizer), _nothing)
    return Subject(
        embedder.info, score, request.target.strip(), FeatureLayout("regions", view, labels, path=request.text)
    )
