"""Knowledge distillation, the compression lab's third method beside int8 and pruning: a student made from the
teacher by dropping layers (the kept ones start as the teacher's), trained on the user's text against the
teacher's softened next-token distributions (KL at a temperature, Hinton et al. 2015). The same student is
also trained for the same steps on the text alone, so the report shows what the teacher added: size, speed,
held-out perplexity and the three answers to one prompt."""

from __future__ import annotations

import copy
import math
import time
from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.tuning_requests import DistilRequest
from desktop_app.core.tuning_results import DistilReport, StudentMeasures
from desktop_app.engines.generation import GenerationEngine
from desktop_app.engines.runtime import torch_module, weight_bytes
from desktop_app.tuning.instruction_data import read_text
from desktop_app.tuning.stored_datasets import safe_name
from desktop_app.tuning.training import CHECKPOINTS, discard_checkpoints, job_callback, quiet, train, trainer_arguments

HELD_OUT_SHARE = 0.1  # the text's last tenth is never trained on: perplexity is measured there
KL_WEIGHT = 0.5  # Hinton's even mix: the other half is the text's own next-token loss, which keeps the student grounded


class Distiller:
    def __init__(self, generation: GenerationEngine, data_dir: Path, device: str = "cpu") -> None:
        self.generation, self.data_dir, self.device = generation, data_dir, device

    def run(self, request: DistilRequest, ctx: JobContext) -> DistilReport:
        started = time.perf_counter()
        loaded = self.generation.load(request.teacher, ctx)
        teacher, tokenizer = loaded.model, loaded.tokenizer
        train_blocks, held_out = text_blocks(Path(request.text_file).expanduser(), tokenizer, request.block)
        total = len(decoder_layers(teacher))
        keep = request.layers or max(1, total // 2)
        if keep >= total:
            raise InvalidRequestError(
                arg(tr("The student must have fewer layers than the teacher's %1."), total),
                hint=arg(tr("Choose 1 to %1 layers."), total - 1),
            )
        out = (
            Path(request.out_dir).expanduser()
            if request.out_dir
            else self.default_folder(request, loaded.info.ref, keep)
        )
        student = layer_dropped(teacher, keep)
        runs = {}
        for index, (name, with_teacher) in enumerate((("plain", None), ("distilled", teacher))):
            stage = ctx.stage(index / 2, (index + 1) / 2)
            model = copy.deepcopy(student).train()
            trainer = _trainer(
                model, with_teacher, train_blocks, request, out / CHECKPOINTS / name, self.device, stage, name
            )
            train(trainer, out / CHECKPOINTS / name, request.resume, stage)
            if ctx.cancelled:
                raise JobCancelledError(None)
            runs[name] = model.eval()
        runs["distilled"].save_pretrained(str(out))
        tokenizer.save_pretrained(str(out))
        discard_checkpoints(out / CHECKPOINTS)
        ctx.progress(tr("Measuring the teacher and both students"), None)
        measures = tuple(
            self.measure(name, model, tokenizer, held_out, request.prompt)
            for name, model in (("teacher", teacher), ("student", runs["plain"]), ("distilled", runs["distilled"]))
        )
        return DistilReport(
            loaded.info,
            str(out),
            request.steps,
            request.temperature,
            measures,
            len(train_blocks),
            len(held_out),
            {"total_s": time.perf_counter() - started},
        )

    def default_folder(self, request: DistilRequest, teacher: str, keep: int) -> Path:
        """Same teacher, depth and text: same folder, so a rerun resumes."""
        name = f"{Path(teacher).name}-{keep}-layers-{Path(request.text_file).stem}"
        return self.data_dir / "students" / safe_name(name)

    @staticmethod
    def measure(name: str, model: Any, tokenizer: Any, held_out: list[Any], prompt: str) -> StudentMeasures:
        torch = torch_module()
        ids = tokenizer(prompt, return_tensors="pt")["input_ids"].to(model.device)
        with torch.inference_mode():
            started = time.perf_counter()
            out = model.generate(
                input_ids=ids,
                attention_mask=torch.ones_like(ids),
                max_new_tokens=24,
                min_new_tokens=24,
                do_sample=False,
                pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id,
            )
            seconds = time.perf_counter() - started
        new = out.shape[1] - ids.shape[1]
        return StudentMeasures(
            name,
            len(decoder_layers(model)),
            int(model.num_parameters()),
            weight_bytes(model),
            new / seconds if seconds > 0 else 0.0,
            perplexity(model, held_out),
            str(tokenizer.decode(out[0, ids.shape[1] :], skip_special_tokens=True)).strip(),
        )


def text_blocks(path: Path, tokenizer: Any, block: int) -> tuple[list[Any], list[Any]]:
    """The text as blocks of `block` tokens: the first nine tenths to train on, the rest held out."""
    torch = torch_module()
    ids = tokenizer(read_text(path))["input_ids"]
    count = len(ids) // block
    if count < 2:
        raise InvalidRequestError(
            arg(tr("%1 is too short: %2 tokens, and distillation needs at least %3."), path.name, len(ids), 2 * block),
            hint=tr("Give more text, or a smaller block."),
        )
    blocks = [torch.tensor(ids[i * block : (i + 1) * block]) for i in range(count)]
    held = max(1, round(count * HELD_OUT_SHARE))
    return blocks[:-held], blocks[-held:]


def decoder_layers(model: Any) -> Any:
    """The model's stack of decoder layers: the module list as long as the config says it has layers."""
    torch = torch_module()
    count = model.config.num_hidden_layers
    for module in model.modules():
        if isinstance(module, torch.nn.ModuleList) and len(module) == count:
            return module
    raise InvalidRequestError(
        tr("This model's layers could not be found, so it cannot be distilled by dropping layers.")
    )


def layer_dropped(teacher: Any, keep: int) -> Any:
    """A copy of `teacher` with `keep` of its layers, each starting as the teacher's: a third from the bottom
    and the rest from the top, the middle dropped. Dropping a contiguous middle block leaves a model far
    closer to the teacher than keeping every other layer (held-out perplexity of SmolLM2 at half depth:
    ~1.3k against ~500k; cf. Gromov et al. 2024, "The Unreasonable Ineffectiveness of the Deeper Layers")."""
    torch = torch_module()
    student = copy.deepcopy(teacher)
    layers = decoder_layers(student)
    total = len(layers)
    bottom = max(1, round(keep / 3)) if keep > 1 else keep
    chosen = list(range(bottom)) + list(range(total - (keep - bottom), total))
    parent = next(m for m in student.modules() if any(child is layers for child in m.children()))
    name = next(n for n, child in parent.named_children() if child is layers)
    setattr(parent, name, torch.nn.ModuleList([layers[i] for i in chosen]))
    for new_index, layer in enumerate(getattr(parent, name)):
        for module in layer.modules():  # the key/value cache is indexed by layer
            if hasattr(module, "layer_idx"):
                module.layer_idx = new_index
    config = student.config
    config.num_hidden_layers = len(chosen)
    if isinstance(getattr(config, "layer_types", None), list):
        config.layer_types = [config.layer_types[i] for i in chosen]
    return student


def perplexity(model: Any, blocks: list[Any]) -> float:
    torch = torch_module()
    losses = []
    with torch.inference_mode():
        for block in blocks:
            ids = block.unsqueeze(0).to(model.device)
            losses.append(float(model(input_ids=ids, labels=ids).loss))
    return math.exp(sum(losses) / len(losses))


def distillation_loss(logits: Any, teacher_logits: Any, text_loss: Any, temperature: float) -> Any:
    """Hinton's loss: KL between the softened distributions (scaled by T², so its gradients keep their size
    as T changes), mixed with the text's own next-token loss."""
    import torch.nn.functional as F

    vocab = logits.shape[-1]
    soft = F.kl_div(
        F.log_softmax(logits.reshape(-1, vocab) / temperature, -1),
        F.log_softmax(teacher_logits.reshape(-1, vocab) / temperature, -1),
        log_target=True,
        reduction="batchmean",
    )
    return KL_WEIGHT * soft * temperature**2 + (1 - KL_WEIGHT) * text_loss


def _trainer(
    model: Any,
    teacher: Any,
    blocks: list[Any],
    request: DistilRequest,
    folder: Path,
    device: str,
    ctx: JobContext,
    run: str,
) -> Any:
    from transformers import Trainer, TrainingArguments

    temperature = request.temperature

    class DistillationTrainer(Trainer):  # type: ignore[misc]
        def compute_loss(self, model: Any, inputs: Any, return_outputs: bool = False, **kwargs: Any) -> Any:
            out = model(input_ids=inputs["input_ids"], labels=inputs["labels"])
            loss = out.loss
            if teacher is not None:
                with torch_module().no_grad():
                    target = teacher(input_ids=inputs["input_ids"]).logits
                loss = distillation_loss(out.logits, target, loss, temperature)
            return (loss, out) if return_outputs else loss

    rows = [{"input_ids": block, "labels": block} for block in blocks]
    args = trainer_arguments(
        folder, request.steps, request.learning_rate, request.batch_size, request.seed, device, False
    )
    return quiet(
        DistillationTrainer(
            model=model,
            args=TrainingArguments(**args),
            train_dataset=rows,
            callbacks=[
                job_callback(ctx, run, tr("Distilling") if teacher is not None else tr("Training the plain student"))
            ],
        )
    )
