"""What LoRA tuning and distillation share: transformers' Trainer set up for a small CPU, with the job's
progress, a live loss curve, cancel (which saves a checkpoint first) and resume from the last whole
checkpoint after a crash, a kill or a restart. Checkpoints, optimizer state and the loss history are the
Trainer's own, so a resumed run continues the same curve and the same learning-rate schedule."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import OutputError
from desktop_app.core.i18n import arg, tr

CHECKPOINTS = "checkpoints"
TRAINER_STATE = "trainer_state.json"


@dataclass(frozen=True)
class LossPoint:
    """One point of the live loss curve, streamed to the panel while training runs."""

    run: str  # "lora", "plain", "distilled": curves of one job drawn together
    step: int
    split: str  # "train" or "validation"
    loss: float


def last_checkpoint(folder: Path) -> Path | None:
    """The newest checkpoint the Trainer finished writing (its state file is written last): a checkpoint
    cut short by a kill is passed over."""
    steps = []
    for path in folder.glob("checkpoint-*"):
        match = re.fullmatch(r"checkpoint-(\d+)", path.name)
        if match and (path / TRAINER_STATE).is_file():
            try:
                json.loads((path / TRAINER_STATE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            steps.append((int(match.group(1)), path))
    return max(steps)[1] if steps else None


def loss_points(log_history: list[dict[str, Any]], run: str) -> list[LossPoint]:
    points = []
    for entry in log_history:
        step = int(entry.get("step", 0))
        if "loss" in entry:
            points.append(LossPoint(run, step, "train", float(entry["loss"])))
        if "eval_loss" in entry:
            points.append(LossPoint(run, step, "validation", float(entry["eval_loss"])))
    return [p for p in points if math.isfinite(p.loss)]


def trainer_arguments(
    output_dir: Path, steps: int, learning_rate: float, batch_size: int, seed: int, device: str, evaluate: bool
) -> dict[str, Any]:
    """TrainingArguments for a 2-core CPU: no worker processes, no gradient checkpointing (it trades speed
    for memory these small models do not need), a checkpoint every tenth of the run (the newest kept), the
    loss every step."""
    every = max(1, steps // 10)
    return {
        "output_dir": str(output_dir),
        "max_steps": steps,
        "per_device_train_batch_size": batch_size,
        "per_device_eval_batch_size": batch_size,
        "learning_rate": learning_rate,
        "lr_scheduler_type": "linear",
        "warmup_steps": 0,
        "logging_steps": 1,
        "eval_strategy": "steps" if evaluate else "no",
        "eval_steps": every,
        "save_strategy": "steps",
        "save_steps": every,
        "save_total_limit": 1,  # the newest whole one is all a resume needs (a student's is ~1 GB)
        "seed": seed,
        "data_seed": seed,
        "use_cpu": device == "cpu",
        "dataloader_num_workers": 0,
        "gradient_checkpointing": False,
        "report_to": [],
        "disable_tqdm": True,
        "save_only_model": False,  # optimizer and scheduler too: resume continues, not restarts
    }


def job_callback(ctx: JobContext, run: str, stage: str) -> Any:
    """A TrainerCallback that reports progress and loss points to the job and stops (after saving a
    checkpoint) when the job is cancelled."""
    from transformers import TrainerCallback

    class JobCallback(TrainerCallback):  # type: ignore[misc]
        def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            for point in loss_points(state.log_history, run):  # a resumed run: the curve so far
                ctx.partial(point)

        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            ctx.progress(arg(tr("%1: step %2 of %3"), stage, state.global_step, state.max_steps), _done(state))
            if ctx.cancelled:
                control.should_save = True
                control.should_training_stop = True

        def on_log(self, args: Any, state: Any, control: Any, logs: Any = None, **kwargs: Any) -> None:
            for point in loss_points([{**(logs or {}), "step": state.global_step}], run):
                ctx.partial(point)

    return JobCallback()


def _done(state: Any) -> float:
    return min(1.0, int(state.global_step) / max(1, int(state.max_steps)))


def quiet(trainer: Any) -> Any:
    """`trainer` without transformers' printer, which writes every log to standard output (where the command
    line's --json goes): the job's own callback reports instead."""
    from transformers import PrinterCallback

    trainer.remove_callback(PrinterCallback)
    return trainer


def checkpoint_bytes(model: Any) -> int:
    """What one checkpoint writes: Adam's two moments of every trained weight (8 bytes each), and the trained
    weights themselves (4 bytes each): a student's whole model, a LoRA run's adapter only."""
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return int(12 * trainable)


def train(trainer: Any, folder: Path, resume: bool, ctx: JobContext) -> int:
    """Run `trainer`, resuming from the last whole checkpoint in `folder` when asked and there is one;
    returns the step it resumed from (0 for a fresh start). Refused before it starts when the disk cannot
    take two checkpoints (the new one is whole before the old one goes), not after minutes of training."""
    from desktop_app.store.disk_space import require_free_space

    require_free_space(folder, 2 * checkpoint_bytes(trainer.model), tr("training checkpoints"))
    checkpoint = last_checkpoint(folder) if resume else None
    start = int(checkpoint.name.split("-")[1]) if checkpoint is not None else 0
    if checkpoint is not None:
        ctx.notice(arg(tr("Resumed from the checkpoint at step %1."), start))
    try:
        trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint is not None else None)
    except OSError as error:
        raise _unwritable(folder, error) from error
    except RuntimeError as error:  # torch's checkpoint writer says a short write this way
        if "inline_container" not in str(error):
            raise
        raise _unwritable(folder, error) from error
    return start


def _unwritable(folder: Path, error: Exception) -> OutputError:
    return OutputError(
        arg(tr("A checkpoint could not be written in %1 (%2)."), str(folder), str(error).strip()),
        hint=tr("The disk may be full. Free some space and run it again: it resumes from the last whole checkpoint."),
    )


def discard_checkpoints(folder: Path) -> None:
    """A finished job's checkpoints: what it made is saved, and they would only fill the disk (a rerun then
    trains anew instead of resuming a finished run)."""
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
