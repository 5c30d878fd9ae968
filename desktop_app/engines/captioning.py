"""Image captioning with vision-encoder-decoder (ViT-GPT2 style), BLIP, Florence-2 and SmolVLM models, a batch
of images at a time.

transformers 5 has no image-to-text pipeline: the engine calls `generate` itself. Each image is read on its
own (a bad file gets its own message and the batch goes on), the readable ones go through the model
together, and each caption streams back as it is ready. On request, a second, teacher-forced pass with
eager attention keeps each caption word's cross-attention over the image patches for the Attention panel.

Florence-2 and SmolVLM go through their processors: Florence-2's prompt is a task (<CAPTION>,
<DETAILED_CAPTION>, <OCR>...), SmolVLM's is a question about the image, asked through its chat template.
"""

from __future__ import annotations

import importlib.util
import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from desktop_app.core.context import JobContext
from desktop_app.core.errors import AppError, InvalidRequestError, JobCancelledError, ModelLoadError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import CaptionRequest
from desktop_app.core.results import CaptionAttention, CaptionResult, ImageCaption, ModelInfo
from desktop_app.core.tasks import Task
from desktop_app.engines.base import Engine, Family
from desktop_app.engines.precision import input_dtype
from desktop_app.engines.runtime import cancel_criteria, torch_module, transformers_module
from desktop_app.engines.tokenizer_files import load_tokenizer
from desktop_app.images.loading import LoadedImage, load_image
from desktop_app.interpret.capture import eager_attention, stack_layers
from desktop_app.store.model_kind import read_config
from desktop_app.store.model_store import ResolvedModel

SUPPORTED = {
    "vision-encoder-decoder": "encoder-decoder",
    "blip": "blip",
    "florence2": "florence2",
    "smolvlm": "chat-vlm",
    "idefics3": "chat-vlm",
}  # model_type -> how it is prompted
PROCESSOR_FAMILIES = ("florence2", "chat-vlm")  # loaded and prompted through their own processor
FLORENCE_DEFAULT_TASK = "<CAPTION>"
VLM_DEFAULT_QUESTION = "Describe this image in one sentence."


@dataclass
class LoadedCaptioner:
    model: Any
    image_processor: Any
    tokenizer: Any
    info: ModelInfo
    family: str  # "encoder-decoder" (decoder prompt after the start token), "blip" (text prompt input),
    # "florence2" (a task prompt) or "chat-vlm" (a question through the chat template)
    processor: Any = None  # the families that take their prompt through a processor


class CaptionEngine(Engine[LoadedCaptioner]):
    family = Family(
        Task.CAPTION,
        "AutoModelForImageTextToText",
        "a captioning model",
        "The folder must hold the model (config.json, weights), its tokenizer and its processor "
        "(preprocessor_config.json or processor_config.json).",
    )

    def check_folder(self, resolved: ResolvedModel) -> None:
        model_type = str(read_config(resolved.path).get("model_type", ""))
        if model_type not in SUPPORTED:
            raise ModelLoadError(
                arg(
                    tr("%1 is a '%2' model, not an image captioning model this app can run."), resolved.ref, model_type
                ),
                hint=tr(
                    "Use Florence-2, SmolVLM, BLIP or a vision-encoder-decoder captioning model (e.g. "
                    "florence-community/Florence-2-base or Salesforce/blip-image-captioning-base)."
                ),
            )
        if SUPPORTED[model_type] == "chat-vlm" and not _has_torchvision():
            raise ModelLoadError(
                arg(tr("%1 (SmolVLM) needs torchvision, which this installation does not have."), resolved.ref),
                hint=tr(
                    "Caption with Florence-2 or BLIP, or install the Python package with its vlm extra "
                    "(pip install 'desktop-app[vlm]'); the CPU-only bundle leaves torchvision out."
                ),
            )

    def load_parts(self, resolved: ResolvedModel) -> Any:
        """(family, processor, image processor, tokenizer): Florence-2 and SmolVLM take everything through their
        processor; the others, an image processor and a tokenizer."""
        transformers = transformers_module()
        family = SUPPORTED[str(read_config(resolved.path).get("model_type", ""))]
        if family in PROCESSOR_FAMILIES:
            processor = transformers.AutoProcessor.from_pretrained(resolved.path, trust_remote_code=False)
            if family == "chat-vlm":
                processor.tokenizer.padding_side = "left"  # a batch of prompts ends where the answers begin
            return family, processor, processor.image_processor, processor.tokenizer
        # PIL, as the models were trained: the same pixels whether torchvision is installed or not
        image_processor = transformers.AutoImageProcessor.from_pretrained(
            resolved.path, backend="pil", trust_remote_code=False
        )
        return family, None, image_processor, load_tokenizer(resolved.path)

    def bundle(self, model: Any, parts: Any, resolved: ResolvedModel) -> LoadedCaptioner:
        family, processor, image_processor, tokenizer = parts
        return LoadedCaptioner(model, image_processor, tokenizer, resolved.model_info(), family, processor)

    # -- a job -----------------------------------------------------------------------------------------
    def run(self, request: CaptionRequest, ctx: JobContext) -> CaptionResult:
        captioner, load_s = self.prepare(request, ctx)
        ready = time.perf_counter()
        items: list[ImageCaption] = []
        total = len(request.image_paths)

        def result(note: str = "") -> CaptionResult:
            work_s = time.perf_counter() - ready
            done = sum(1 for item in items if item.ok)
            return CaptionResult(
                tuple(items),
                captioner.info,
                request.prompt,
                {
                    "load_s": round(load_s, 4),
                    "caption_s": round(work_s, 4),
                    "images_per_s": round(done / work_s, 3) if work_s > 0 else 0.0,
                },
                note,
            )

        for first in range(0, total, request.batch_size):
            ctx.check_cancelled(result(tr("Stopped before the end.")))
            ctx.progress(arg(tr("Captioning image %1 of %2"), first + 1, total), first / total)
            batch = self.caption_files(captioner, request.image_paths[first : first + request.batch_size], request, ctx)
            if ctx.cancelled:  # cut short inside generate: this batch's captions are unfinished
                raise JobCancelledError(result(tr("Stopped before the end.")))
            for item in batch:
                items.append(item)
                ctx.partial(item)
        ctx.progress(tr("Done"), 1.0)
        failed = sum(1 for item in items if not item.ok)
        return result(arg(tr("%1 of %n image(s) could not be captioned.", None, total), failed) if failed else "")

    def caption_files(
        self, captioner: LoadedCaptioner, paths: tuple[str, ...], request: CaptionRequest, ctx: JobContext
    ) -> list[ImageCaption]:
        """Captions of these files in their order; unreadable ones carry their error instead."""
        loaded: list[LoadedImage] = []
        out: dict[str, ImageCaption] = {}
        for path in paths:
            try:
                loaded.append(load_image(path, requested=path))
            except AppError as error:
                out[path] = ImageCaption(path, error=error.to_info())
        if loaded:
            started = time.perf_counter()
            captions, attentions = self.caption_images(captioner, [item.image for item in loaded], request, ctx)
            share = (time.perf_counter() - started) / len(loaded)
            for image, caption, attention in zip(loaded, captions, attentions, strict=True):
                out[image.requested] = ImageCaption(
                    image.requested, caption, share, None, image.notes, image.original_size, attention
                )
        return [out[path] for path in paths]

    def caption_images(
        self, captioner: LoadedCaptioner, images: list[Any], request: CaptionRequest, ctx: JobContext
    ) -> tuple[list[str], list[CaptionAttention | None]]:
        torch = torch_module()
        options: dict[str, Any] = {
            "max_new_tokens": request.max_new_tokens,
            "num_beams": request.num_beams,
            "repetition_penalty": request.repetition_penalty,
            "do_sample": False,
            "stopping_criteria": cancel_criteria(ctx),
        }
        if captioner.processor is not None:
            return self._caption_with_processor(captioner, images, request.prompt, options), [None] * len(images)
        pixels = captioner.image_processor(images, return_tensors="pt").pixel_values
        pixels = pixels.to(self.device, input_dtype(captioner.model))
        prompt_ids = self._prompt_ids(captioner, request.prompt, len(images))
        if prompt_ids is not None:
            options["decoder_input_ids" if captioner.family == "encoder-decoder" else "input_ids"] = prompt_ids
        with torch.inference_mode():
            ids = captioner.model.generate(pixel_values=pixels, **options)
        captions = [text.strip() for text in captioner.tokenizer.batch_decode(ids, skip_special_tokens=True)]
        if not request.keep_attention or ctx.cancelled:
            return captions, [None] * len(images)
        return captions, self.cross_attention(captioner, pixels, ids, request.attention_heads)

    def _caption_with_processor(
        self, captioner: LoadedCaptioner, images: list[Any], prompt: str, options: dict[str, Any]
    ) -> list[str]:
        """Florence-2 (a task prompt) and SmolVLM (a question in its chat template): the processor lays out the
        image tokens; for a decoder-only VLM the answer is what follows the prompt."""
        torch = torch_module()
        processor = captioner.processor
        if captioner.family == "florence2":
            texts = [prompt.strip() or FLORENCE_DEFAULT_TASK] * len(images)
            image_input: list[Any] = images
        else:
            question = prompt.strip() or VLM_DEFAULT_QUESTION
            messages = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": question}]}]
            texts = [processor.apply_chat_template(messages, add_generation_prompt=True)] * len(images)
            image_input = [[image] for image in images]
        try:
            inputs = processor(images=image_input, text=texts, return_tensors="pt", padding=True)
        except ValueError as exc:  # e.g. a Florence-2 task token with more text after it
            raise InvalidRequestError(
                arg(tr("%1 cannot take this prompt: %2"), captioner.info.ref, exc),
                hint=tr(
                    "Florence-2 takes a task alone: <CAPTION>, <DETAILED_CAPTION>, <MORE_DETAILED_CAPTION> or <OCR>."
                ),
            ) from exc
        dtype = input_dtype(captioner.model)  # pixels in the model's own type; token ids stay integers
        inputs = {
            k: v.to(self.device, dtype) if v.is_floating_point() else v.to(self.device) for k, v in inputs.items()
        }
        with torch.inference_mode():
            ids = captioner.model.generate(**inputs, **options)
        if captioner.family == "chat-vlm":
            ids = ids[:, inputs["input_ids"].shape[1] :]
        return [text.strip() for text in processor.batch_decode(ids, skip_special_tokens=True)]

    def _prompt_ids(self, captioner: LoadedCaptioner, prompt: str, count: int) -> Any:
        if not prompt.strip():
            return None
        torch = torch_module()
        tokenizer = captioner.tokenizer
        if captioner.family == "encoder-decoder":  # the decoder starts with its start token, then the prompt
            start = captioner.model.generation_config.decoder_start_token_id
            if start is None:
                start = captioner.model.config.decoder_start_token_id
            ids = [int(start), *tokenizer(prompt.strip(), add_special_tokens=False).input_ids]
        else:  # BLIP takes the prompt as text input ([CLS] prompt; generate drops the trailing [SEP])
            ids = tokenizer(prompt.strip()).input_ids
        return torch.tensor([ids] * count, device=self.device)

    # -- attention -------------------------------------------------------------------------------------
    def cross_attention(
        self, captioner: LoadedCaptioner, pixels: Any, ids: Any, keep_heads: bool = False
    ) -> list[CaptionAttention | None]:
        """Each generated token's cross-attention over the image patches, from one teacher-forced pass with
        eager attention (the fast attention kernels do not return weights)."""
        model = captioner.model
        try:
            with eager_attention(model):
                if captioner.family == "encoder-decoder":
                    layers = model(pixel_values=pixels, decoder_input_ids=ids, output_attentions=True).cross_attentions
                else:
                    image_embeds = model.vision_model(pixel_values=pixels)[0]
                    layers = model.text_decoder(
                        input_ids=ids, encoder_hidden_states=image_embeds, output_attentions=True
                    ).cross_attentions
        except (RuntimeError, ValueError, TypeError, AttributeError):
            return [None] * len(ids)  # an architecture that does not expose them: captions are still fine
        if not layers:
            return [None] * len(ids)
        stacked = stack_layers(layers, keep_heads)  # (batch, layers, [heads,] tgt, src)
        return [self._one_attention(captioner, row_ids, weights) for row_ids, weights in zip(ids, stacked, strict=True)]

    def _one_attention(self, captioner: LoadedCaptioner, ids: Any, weights: Any) -> CaptionAttention | None:
        special = set(captioner.tokenizer.all_special_ids)
        # The query at position i produced token i+1; keep the rows of the tokens that are words.
        positions = [i for i in range(len(ids) - 1) if int(ids[i + 1]) not in special]
        if not positions:
            return None
        patches = weights.shape[-1]
        side = math.isqrt(patches - 1)
        if side * side != patches - 1:  # not a [CLS] + square grid of patches: nothing to overlay
            return None
        rows = weights[..., positions, 1:]  # drop [CLS]
        rows = rows / rows.sum(dim=-1, keepdim=True).clamp_min(1e-9)  # per word, over the patches only
        tokens = tuple(captioner.tokenizer.decode([int(ids[i + 1])]).strip() for i in positions)
        return CaptionAttention(tokens, rows.cpu().numpy().astype(np.float16), (side, side))


def _has_torchvision() -> bool:
    try:
        return importlib.util.find_spec("torchvision") is not None
    except (ImportError, ValueError):  # a module entry that is None: imports of it are blocked
        return False
