"""The robustness probe: one input, `n` augmented copies of it, the same model over all of them, and how far
each output moved from the original's: word error rate (jiwer) for transcripts, disagreement (1 - word F1
with the original's output) for captions and answers. A model that is robust to a transform changes little."""

from __future__ import annotations

import tempfile
from typing import TYPE_CHECKING

import jiwer

from desktop_app.augment.jobs import augment
from desktop_app.core.context import JobContext
from desktop_app.core.i18n import tr
from desktop_app.core.requests import CaptionRequest, GenerationRequest, TranscriptionRequest
from desktop_app.core.results import ModelInfo
from desktop_app.core.tasks import Task
from desktop_app.core.tuning_requests import AugmentRequest, ProbeRequest, probe_kind
from desktop_app.core.tuning_results import ProbeResult, ProbeRow
from desktop_app.tuning.lora import word_f1

if TYPE_CHECKING:
    from desktop_app.engines.all_engines import Engines


class RobustnessProbe:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def run(self, request: ProbeRequest, ctx: JobContext) -> ProbeResult:
        with tempfile.TemporaryDirectory(prefix="desktop-app-probe-") as folder:
            copies = augment(
                AugmentRequest(
                    request.source,
                    probe_kind(request.for_task),
                    request.transform,
                    request.n,
                    request.strength,
                    request.seed,
                    folder if request.for_task != Task.GENERATE else "",
                ),
                self.engines.translation,
                ctx.stage(0, 0.2),
            )
            inputs = [request.source] + [item.path or item.text for item in copies.items]
            outputs, model = self._outputs(request, inputs, ctx.stage(0.2, 1))
        original = outputs[0]
        speech = request.for_task == Task.TRANSCRIBE
        rows = tuple(
            ProbeRow(
                item.index,
                item.detail,
                output,
                word_error_rate(original, output) if speech else 1 - word_f1(output, original),
            )
            for item, output in zip(copies.items, outputs[1:], strict=True)
        )
        return ProbeResult(
            request.for_task, request.transform, "WER" if speech else "disagreement", original, rows, model
        )

    def _outputs(self, request: ProbeRequest, inputs: list[str], ctx: JobContext) -> tuple[list[str], ModelInfo]:
        engines = self.engines
        if request.for_task == Task.CAPTION:
            captions = engines.captioning.run(CaptionRequest(tuple(inputs), model=request.model), ctx)
            return [
                item.caption if item.ok else f"({item.error.message if item.error else ''})" for item in captions.items
            ], captions.model
        outputs, model = [], None
        for index, source in enumerate(inputs):
            ctx.check_cancelled()
            ctx.progress(tr("Running the model over the copies"), index / len(inputs))
            if request.for_task == Task.TRANSCRIBE:
                heard = engines.transcription.run(TranscriptionRequest(source, model=request.model), ctx)
                outputs.append(heard.text)
                model = heard.model
            else:
                answered = engines.generation.run(
                    GenerationRequest(source, model=request.model, max_new_tokens=48), ctx
                )
                outputs.append(answered.text)
                model = answered.model
        assert model is not None
        return outputs, model


_WORDS = jiwer.Compose(
    [
        jiwer.ToLowerCase(),
        jiwer.RemovePunctuation(),
        jiwer.RemoveMultipleSpaces(),
        jiwer.Strip(),
        jiwer.ReduceToListOfListOfWords(),
    ]
)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Case and punctuation aside: "Hello, world." and "hello world" are the same words."""
    if not _WORDS(reference)[0]:
        return 0.0 if not _WORDS(hypothesis)[0] else 1.0
    return float(jiwer.wer(reference, hypothesis, reference_transform=_WORDS, hypothesis_transform=_WORDS))
