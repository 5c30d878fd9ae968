"""Instruction tuning with LoRA (peft) through trl's SFT trainer: the loss falls on the answers only, the base
model's weights stay as they are, and what is kept is a small adapter that names its base. Held-out
instructions are answered before and after, side by side, each scored against the reference answer."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError, JobCancelledError, OutputError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.tasks import Task
from desktop_app.core.tuning_requests import TuneRequest
from desktop_app.core.tuning_results import ComparedAnswer, TuneResult
from desktop_app.engines.runtime import load_pretrained, torch_module
from desktop_app.engines.tokenizer_files import load_tokenizer
from desktop_app.store.adapters import adapters_dir, apply_adapter, write_about
from desktop_app.store.model_store import ModelStore
from desktop_app.tuning.instruction_data import Example, ImportedData, Problem
from desktop_app.tuning.stored_datasets import safe_name, training_splits
from desktop_app.tuning.training import (
    CHECKPOINTS,
    LossPoint,
    discard_checkpoints,
    job_callback,
    last_checkpoint,
    loss_points,
    quiet,
    train,
    trainer_arguments,
)


class LoraTuner:
    def __init__(self, store: ModelStore, data_dir: Path, device: str = "cpu") -> None:
        self.store, self.data_dir, self.device = store, data_dir, device

    def run(self, request: TuneRequest, ctx: JobContext) -> TuneResult:
        started = time.perf_counter()
        data = Path(request.data).expanduser()
        validation = Path(request.validation).expanduser() if request.validation else None
        train_set, held = training_splits(data, request.validation_share, request.seed, validation)
        resolved = self.store.resolve(request.model, Task.GENERATE, ctx)
        ctx.progress(arg(tr("Loading %1"), resolved.path.name), None)
        tokenizer = load_tokenizer(resolved.path)
        check_lengths(train_set + held, tokenizer, request.max_length)
        model = load_pretrained(resolved.path, torch_module().float32, "AutoModelForCausalLM")
        if resolved.adapter is not None:  # tuning a tuned model: its adapter merged in first
            model = apply_adapter(model, resolved.adapter)
        out = Path(request.out_dir).expanduser() if request.out_dir else self.default_folder(data, resolved.ref)
        compared = held[: request.held_out]
        before = [answer(model, tokenizer, example) for example in _checked(compared, ctx, tr("Answering before"))]
        fresh = not request.resume or last_checkpoint(out / CHECKPOINTS) is None
        trainer = _sft_trainer(model, tokenizer, train_set, held, request, out, self.device, ctx)
        loss_before = _evaluate(trainer) if held and fresh else None  # a resumed run's base is long gone
        resumed = train(trainer, out / CHECKPOINTS, request.resume, ctx)
        if ctx.cancelled:  # the trainer saved a checkpoint as it stopped: a rerun resumes there
            raise JobCancelledError(None)
        tuned = trainer.model.eval()
        tuned.save_pretrained(str(out))
        write_about(out, _about(request, resolved.ref, str(resolved.path), len(train_set), len(held)))
        discard_checkpoints(out / CHECKPOINTS)
        after = [answer(tuned, tokenizer, example) for example in _checked(compared, ctx, tr("Answering after"))]
        answers = tuple(
            ComparedAnswer(e.instruction, e.answer, b, a, word_f1(b, e.answer), word_f1(a, e.answer))
            for e, b, a in zip(compared, before, after, strict=True)
        )
        history = trainer.state.log_history
        points = loss_points(history, "lora")
        return TuneResult(
            str(out),
            resolved.model_info(),
            int(trainer.state.global_step),
            resumed,
            len(train_set),
            len(held),
            answers,
            loss_before,
            _final_validation_loss(trainer, points) if held else None,
            tuple((p.step, p.loss) for p in points if p.split == "train"),
            {"total_s": time.perf_counter() - started},
        )

    def default_folder(self, data: Path, base: str) -> Path:
        """The same data on the same base goes to the same folder, so a rerun resumes where one stopped."""
        return adapters_dir(self.data_dir) / safe_name(f"{data.stem or data.name}-{Path(base).name}")


def merge_adapter(store: ModelStore, adapter: Path, out: Path | None, ctx: JobContext) -> Path:
    """The adapter merged into its base, saved (weights and tokenizer) as a model folder of its own."""
    resolved = store.resolve(str(adapter), Task.GENERATE, ctx)
    if resolved.adapter is None:
        raise InvalidRequestError(arg(tr("%1 is not a LoRA adapter."), str(adapter)))
    ctx.progress(arg(tr("Merging %1 into its base"), adapter.name), None)
    model = apply_adapter(load_pretrained(resolved.path, torch_module().float32, "AutoModelForCausalLM"), adapter)
    target = out or adapter.parent / f"{adapter.name}-merged"
    try:
        model.save_pretrained(str(target))
        load_tokenizer(resolved.path).save_pretrained(str(target))
    except OSError as error:
        raise OutputError(arg(tr("Could not save the merged model in %1 (%2)."), str(target), str(error))) from error
    return target


def check_lengths(examples: tuple[Example, ...], tokenizer: Any, max_length: int) -> None:
    """Examples longer than training takes are refused by file and line, not cut short in silence."""
    problems = []
    for example in examples:
        length = len(chat_ids(tokenizer, example))
        if length > max_length:
            problems.append(Problem(example.where, arg(tr("too long: %1 tokens, at most %2"), length, max_length)))
    ImportedData((), tuple(problems), ()).raise_problems()


def chat_ids(tokenizer: Any, example: Example, prompt_only: bool = False) -> list[int]:
    prompt, completion = example.as_chat()
    messages = prompt if prompt_only else prompt + completion
    if getattr(tokenizer, "chat_template", None):
        ids = tokenizer.apply_chat_template(messages, add_generation_prompt=prompt_only, return_dict=True)
        return list(ids["input_ids"])
    return list(tokenizer("\n\n".join(m["content"] for m in messages) + ("\n\n" if prompt_only else ""))["input_ids"])


def answer(model: Any, tokenizer: Any, example: Example, max_new_tokens: int = 48) -> str:
    """The model's greedy answer to the example's prompt."""
    torch = torch_module()
    ids = torch.tensor([chat_ids(tokenizer, example, prompt_only=True)], device=model.device)
    with torch.inference_mode():
        out = model.generate(
            input_ids=ids,
            attention_mask=torch.ones_like(ids),
            max_new_tokens=max_new_tokens,
            do_sample=False,
            pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id,
        )
    return str(tokenizer.decode(out[0, ids.shape[1] :], skip_special_tokens=True)).strip()


def word_f1(answer_text: str, reference: str) -> float:
    """The overlap of an answer's words with the reference's (SQuAD's F1): 1.0 is every word and no other."""
    got, want = _words(answer_text), _words(reference)
    if not got or not want:
        return float(got == want)
    common = sum(min(got.count(w), want.count(w)) for w in set(got))
    if common == 0:
        return 0.0
    precision, recall = common / len(got), common / len(want)
    return 2 * precision * recall / (precision + recall)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _checked(examples: tuple[Example, ...], ctx: JobContext, stage: str) -> Iterator[Example]:
    for index, example in enumerate(examples):
        ctx.check_cancelled()
        ctx.progress(f"{stage} ({index + 1}/{len(examples)})", None)
        yield example


def _sft_trainer(
    model: Any,
    tokenizer: Any,
    train_set: tuple[Example, ...],
    held: tuple[Example, ...],
    request: TuneRequest,
    out: Path,
    device: str,
    ctx: JobContext,
) -> Any:
    import datasets
    from trl import SFTConfig, SFTTrainer

    datasets.disable_progress_bars()  # the job's own progress speaks for it

    def rows(examples: tuple[Example, ...]) -> Any:
        chat = bool(getattr(tokenizer, "chat_template", None))
        return datasets.Dataset.from_list([_row(e, chat, tokenizer) for e in examples])

    args = trainer_arguments(
        out / CHECKPOINTS, request.steps, request.learning_rate, request.batch_size, request.seed, device, bool(held)
    )
    lora = lora_config(request.rank)
    return quiet(
        SFTTrainer(
            model=model,
            args=SFTConfig(**args, max_length=request.max_length),
            train_dataset=rows(train_set),
            eval_dataset=rows(held) if held else None,
            processing_class=tokenizer,
            peft_config=lora,
            callbacks=[job_callback(ctx, "lora", tr("Tuning"))],
        )
    )


def lora_config(rank: int) -> Any:
    """Every linear layer adapted (attention and MLP), alpha at twice the rank: the common choice for small
    models, which learn a new behaviour in tens of steps this way. No dropout: over tens of steps it
    regularises little, and it keeps a copy of every adapted layer's input (bench/tune.py on SmolLM2: peak
    3.5 GB and 180 tokens/s with 0.05, 3.0 GB and 204 tokens/s without)."""
    from peft import LoraConfig

    return LoraConfig(r=rank, lora_alpha=2 * rank, lora_dropout=0.0, target_modules="all-linear", task_type="CAUSAL_LM")


def _row(example: Example, chat: bool, tokenizer: Any) -> dict[str, Any]:
    prompt, completion = example.as_chat()
    if chat:
        return {"prompt": prompt, "completion": completion}
    text_prompt = "\n\n".join(m["content"] for m in prompt) + "\n\n"
    return {"prompt": text_prompt, "completion": example.answer + (tokenizer.eos_token or "")}


def _evaluate(trainer: Any) -> float:
    return float(trainer.evaluate()["eval_loss"])


def _final_validation_loss(trainer: Any, points: list[LossPoint]) -> float:
    """The validation loss of the trained adapter: the Trainer's own evaluation at the last step when it made
    one (it evaluates every tenth of the run), else one evaluation now."""
    step = int(trainer.state.global_step)
    logged = [p.loss for p in points if p.split == "validation" and p.step == step]
    return logged[-1] if logged else _evaluate(trainer)


def _about(request: TuneRequest, base: str, base_path: str, train: int, validation: int) -> dict[str, Any]:
    return {
        "base": base,
        "base_path": base_path,
        "data": request.data,
        "steps": request.steps,
        "learning_rate": request.learning_rate,
        "rank": request.rank,
        "train_examples": train,
        "validation_examples": validation,
        "created": time.time(),
    }
