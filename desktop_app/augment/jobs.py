"""The augment job: `n` copies of one text, image or recording, or of every instruction in a dataset file,
kept in memory for the preview or written to a folder (a dataset's copies as one JSONL file beside its
originals, ready to train on)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from desktop_app.augment.registry import BACK_TRANSLATE, TRANSFORMS, copy_rng
from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, OutputError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import TranslationRequest
from desktop_app.core.tuning_requests import AugmentRequest
from desktop_app.core.tuning_results import AugmentedItem, AugmentResult
from desktop_app.tuning.instruction_data import SUFFIXES, Example, import_data, read_text, write_jsonl

if TYPE_CHECKING:
    from desktop_app.engines.translation import TranslationEngine


def augment(request: AugmentRequest, translation: TranslationEngine, ctx: JobContext) -> AugmentResult:
    out = Path(request.out_dir).expanduser() if request.out_dir else None
    if out is not None:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise OutputError(arg(tr("Could not make the folder %1 (%2)."), str(out), error.strerror)) from error
    if request.kind == "text":
        items = _text_copies(request, translation, out, ctx)
    elif request.kind == "image":
        items = _image_copies(request, out, ctx)
    else:
        items = _audio_copies(request, out, ctx)
    return AugmentResult(request.kind, request.transform, tuple(items), str(out or ""))


def text_copy(
    request: AugmentRequest, text: str, index: int, translation: TranslationEngine, ctx: JobContext
) -> tuple[str, str]:
    rng = copy_rng(request.seed, index)
    if request.transform == BACK_TRANSLATE:
        return back_translate(text, request, rng, translation, ctx)
    apply = TRANSFORMS["text"][request.transform].apply
    assert apply is not None
    result: tuple[str, str] = apply(text, request.strength, rng)
    return result


def back_translate(
    text: str, request: AugmentRequest, rng: Any, translation: TranslationEngine, ctx: JobContext
) -> tuple[str, str]:
    """Each sentence, with a chance of the strength, goes to the pivot language and back. The models are
    `translate_model` ("FORWARD" for a multilingual one, "FORWARD,BACKWARD" for two one-pair models)."""
    from desktop_app.core.sentences import split_sentences

    forward, _, backward = request.translate_model.partition(",")
    layout = split_sentences(text)
    sentences = list(layout.sentences)
    if not sentences:
        return text, tr("nothing to translate")
    picked = [i for i in range(len(sentences)) if rng.random() < request.strength] or [rng.randrange(len(sentences))]
    for index in picked:
        there = translation.run(
            TranslationRequest(sentences[index], model=forward, target_lang=request.pivot_lang), ctx
        ).text
        back = TranslationRequest(
            there, model=backward or forward, source_lang=request.pivot_lang, target_lang=request.source_lang
        )
        sentences[index] = translation.run(back, ctx).text
    return layout.join(sentences), arg(tr("%1 of %2 sentences round-tripped"), len(picked), len(sentences))


def _text_copies(
    request: AugmentRequest, translation: TranslationEngine, out: Path | None, ctx: JobContext
) -> list[AugmentedItem]:
    source = Path(request.source).expanduser()
    is_file = len(request.source) < 4096 and source.is_file()
    if is_file and source.suffix.lower() in SUFFIXES:  # instruction data: each instruction augmented
        imported = import_data(source)
        imported.raise_problems()
        copies: list[Example] = []
        items: list[AugmentedItem] = []
        for number, example in enumerate(imported.examples):
            for index in range(request.n):
                ctx.check_cancelled()
                ctx.progress(tr("Augmenting"), (number * request.n + index) / (len(imported.examples) * request.n))
                new, detail = text_copy(request, example.instruction, number * request.n + index, translation, ctx)
                copies.append(example.with_instruction(new))
                items.append(AugmentedItem(len(items), new, "", f"{example.where}: {detail}"))
        if out is not None:
            target = out / f"{source.stem}-{request.transform}.jsonl"
            write_jsonl(target, list(imported.examples) + copies)
            items = [AugmentedItem(i.index, i.text, str(target), i.detail) for i in items]
        return items
    text = read_text(source) if is_file else request.source
    items = []
    for index in range(request.n):
        ctx.check_cancelled()
        ctx.progress(tr("Augmenting"), index / request.n)
        new, detail = text_copy(request, text, index, translation, ctx)
        path = ""
        if out is not None:
            path = str(out / f"copy-{index + 1:03d}.txt")
            Path(path).write_text(new, encoding="utf-8")
        items.append(AugmentedItem(index, new, path, detail))
    return items


def _copies(
    request: AugmentRequest,
    out: Path | None,
    ctx: JobContext,
    make: Callable[[Any], tuple[Any, str]],
    save: Callable[[Any, Path], Any],
    suffix: str,
) -> list[AugmentedItem]:
    """`n` copies of a file, each `make(rng)` -> (copy, detail), written with `save` when there is a folder."""
    items = []
    for index in range(request.n):
        ctx.check_cancelled()
        ctx.progress(tr("Augmenting"), index / request.n)
        copy, detail = make(copy_rng(request.seed, index))
        path = ""
        if out is not None:
            path = str(out / f"{Path(request.source).stem}-{request.transform}-{index + 1:03d}{suffix}")
            save(copy, Path(path))
        items.append(AugmentedItem(index, "", path, detail, copy))
    return items


def _image_copies(request: AugmentRequest, out: Path | None, ctx: JobContext) -> list[AugmentedItem]:
    from desktop_app.images.loading import load_image

    picture = load_image(request.source).image
    apply = TRANSFORMS["image"][request.transform].apply
    assert apply is not None

    def make(rng: Any) -> tuple[Any, str]:
        copy, detail = apply(picture, request.strength, rng)
        return np.asarray(copy.convert("RGB")), detail

    return _copies(request, out, ctx, make, lambda rgb, path: Image.fromarray(rgb).save(path), ".png")


def _audio_copies(request: AugmentRequest, out: Path | None, ctx: JobContext) -> list[AugmentedItem]:
    import soundfile

    samples, rate = read_audio(Path(request.source).expanduser())
    apply = TRANSFORMS["audio"][request.transform].apply
    assert apply is not None

    def make(rng: Any) -> tuple[Any, str]:
        copy, detail = apply(samples, rate, request.strength, rng)
        return (copy, rate), detail

    return _copies(
        request, out, ctx, make, lambda clip, path: soundfile.write(path, clip[0], clip[1], subtype="PCM_16"), ".wav"
    )


def read_audio(path: Path) -> tuple[np.ndarray, int]:
    """The recording at its own sample rate, mono float32."""
    import soundfile

    from desktop_app.audio.decoding import check_readable

    check_readable(path)
    try:
        samples, rate = soundfile.read(str(path), dtype="float32", always_2d=True)
    except (RuntimeError, soundfile.LibsndfileError) as error:
        raise InvalidRequestError(
            arg(tr("%1 is not an audio file this app can read (%2)."), path.name, str(error))
        ) from error
    return samples.mean(axis=1).astype(np.float32), int(rate)
