"""Late fusion: each input becomes words first (an image through its caption, a voice note through its
transcript), then one editable template puts them with the typed text into a prompt for the generation
model. Every part keeps where it came from and which model made its words."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError
from desktop_app.core.i18n import tr
from desktop_app.core.requests import (
    CaptionRequest,
    FusionRequest,
    GenerationRequest,
    TranscriptionRequest,
    template_fields,
)
from desktop_app.core.results import FusionPart, FusionResult, GenerationResult

if TYPE_CHECKING:
    from desktop_app.engines.all_engines import Engines

# Plain first-person text: small chat models (SmolLM2 135M) answer it about the picture far more often
# than a labelled form ("Picture: ... Question: ..."), which they tend to ignore.
DEFAULT_TEMPLATE = """I have a picture of {image}.
{voice}
{text}"""

MISSING = "(none)"


def render(template: str, parts: dict[str, str]) -> str:
    """The template with {image}, {voice} and {text} filled in; an input not given reads "(none)"."""
    return template.format_map({field: parts.get(field, "").strip() or MISSING for field in template_fields(template)})


class LateFusion:
    def __init__(self, engines: Engines) -> None:
        self.engines = engines

    def run(self, request: FusionRequest, ctx: JobContext) -> FusionResult:
        started = time.perf_counter()
        parts: list[FusionPart] = []
        if request.image_path:
            ctx.progress(tr("Captioning the image"), None)
            captioned = self.engines.captioning.run(
                CaptionRequest((request.image_path,), model=request.caption_model, keep_attention=True), ctx
            )
            item = captioned.items[0]
            if item.error is not None:
                raise InvalidRequestError(item.error.message, hint=item.error.hint)
            parts.append(FusionPart("image", request.image_path, item.caption, captioned.model.ref, item))
        if request.audio_path:
            ctx.progress(tr("Transcribing the voice note"), None)
            heard = self.engines.transcription.run(
                TranscriptionRequest(request.audio_path, model=request.transcribe_model), ctx
            )
            parts.append(FusionPart("voice", request.audio_path, heard.text, heard.model.ref))
        if request.text.strip():
            parts.append(FusionPart("text", "typed", request.text.strip()))
        prompt = render(request.template, {part.kind: part.content for part in parts})
        inputs_s = time.perf_counter() - started
        ctx.progress(tr("Answering"), None)
        asked = GenerationRequest(
            prompt, model=request.model, max_new_tokens=request.max_new_tokens, temperature=request.temperature
        )

        def result(answer: GenerationResult) -> FusionResult:
            return FusionResult(
                prompt,
                answer.text,
                tuple(parts),
                answer.model,
                answer.finish_reason,
                {"inputs_s": round(inputs_s, 4), **answer.timings},
            )

        try:
            return result(self.engines.generation.run(asked, ctx))
        except JobCancelledError as cancelled:
            if isinstance(cancelled.partial_result, GenerationResult):
                raise JobCancelledError(result(cancelled.partial_result)) from None
            raise
