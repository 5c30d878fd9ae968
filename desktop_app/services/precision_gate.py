"""The quality gate: a task's model run in every precision this machine supports, on the fixed evaluation set,
through the task's own engine. A precision passes when its outputs keep float32's (the rule per task is in
core/precision_requests.py); "automatic" then uses the fastest that passed. The result is kept per model and
device (store/precision_choices.py) and measured again when the model's files change."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import AppError, InvalidRequestError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.precision_requests import (
    BY_HAND_ONLY,
    FAST_RUNNERS,
    FLOAT32,
    SAME_SHARE,
    WER_MARGIN,
    GateMeasure,
    PrecisionGateRequest,
    PrecisionGateResult,
)
from desktop_app.core.tasks import Task
from desktop_app.engines.precision import convert, supported
from desktop_app.engines.registry import ModelRegistry
from desktop_app.services.evaluation_set import EvaluationSet, evaluation_set, outputs
from desktop_app.store.precision_choices import PrecisionChoices

if TYPE_CHECKING:
    from desktop_app.engines.all_engines import Engines

# Leaving float32 must be worth it: a precision has to be this much faster, or the choice is float32's (a shared
# machine's noise alone can make an equal precision look a few percent faster).
WORTH_IT = 0.9
# Multilingual translation models need the pair spelt out; one-pair models take none.
LANGUAGE_PAIRS = (("", ""), ("en", "de"), ("eng_Latn", "deu_Latn"))


class PrecisionGate:
    def __init__(self, engines: Engines, registry: ModelRegistry, choices: PrecisionChoices) -> None:
        self.engines, self.registry, self.choices = engines, registry, choices

    def run(self, request: PrecisionGateRequest, ctx: JobContext) -> PrecisionGateResult:
        engine: Any = self.engines.by_task()[Task(request.for_task)]
        loaded = engine.load(request.model, ctx)  # the float32 model: every precision is made from it
        chosen_set = evaluation_set(request.for_task)
        candidates = supported(engine.device, request.for_task)
        original = loaded.model
        measures: list[GateMeasure] = []
        reference: list[str] = []
        languages = ("", "")
        with engine.runtime.pinned(request.for_task, FLOAT32):  # the runs use the model swapped in below
            try:
                for index, precision in enumerate(candidates):
                    ctx.progress(arg(tr("Measuring %1 on the evaluation set"), precision), index / len(candidates))
                    try:
                        loaded.model = (
                            engine.fast_runner(Path(loaded.info.path), precision, ctx)
                            if precision in FAST_RUNNERS.get(request.for_task, {})
                            else convert(original, precision, copy_first=True)
                        )
                        if precision == FLOAT32:
                            languages = self._languages(engine, chosen_set, loaded)
                        seconds, said = self._time_set(engine, chosen_set, loaded.info.ref, languages, ctx)
                    except AppError:
                        raise
                    except (RuntimeError, ValueError, TypeError, NotImplementedError) as exc:  # no kernel for it
                        measures.append(GateMeasure(precision, 0.0, 0.0, None, False, str(exc)[:200]))
                        continue
                    if precision == FLOAT32:
                        reference = said
                    base = measures[0] if measures and measures[0].precision == FLOAT32 else None
                    measures.append(_judge(request.for_task, precision, seconds, said, reference, chosen_set, base))
            finally:
                loaded.model = original
        result = PrecisionGateResult(
            request.for_task,
            loaded.info,
            engine.device,
            chosen_set.items,
            tuple(measures),
            _fastest_passing(measures, request.for_task),
            datetime.date.today().isoformat(),
        )
        self.choices.put(loaded.info.path, result)
        self.registry.unload(request.for_task, loaded.info.path)  # the next run loads the chosen precision
        return result

    @staticmethod
    def _languages(engine: Any, chosen_set: EvaluationSet, loaded: Any) -> tuple[str, str]:
        """The language pair a translation model takes: none for a one-pair model, else English to German (the
        engine's own check says, without translating the set once more to find out)."""
        if chosen_set.task != Task.TRANSLATE:
            return ("", "")
        ref = loaded.info.ref
        for pair in LANGUAGE_PAIRS:
            try:
                engine.check_languages(loaded, *pair)
                return pair
            except InvalidRequestError:
                continue
        raise InvalidRequestError(arg(tr("%1 takes none of the language pairs the evaluation set is in."), ref))

    @staticmethod
    def _time_set(
        engine: Any, chosen_set: EvaluationSet, ref: str, languages: tuple[str, str], ctx: JobContext
    ) -> tuple[float, list[str]]:
        """The whole set's seconds (after one warm-up run of its first request) and its outputs in order."""
        quiet = JobContext(ctx.cancel_event)  # the set's runs stream nothing to a panel
        requests = chosen_set.requests(ref, languages)
        engine.run(requests[0], quiet)
        started = time.perf_counter()
        said: list[str] = []
        for request in requests:
            ctx.check_cancelled()
            said += outputs(chosen_set.task, engine.run(request, quiet))
        return time.perf_counter() - started, said


def _judge(
    task: str,
    precision: str,
    seconds: float,
    said: list[str],
    reference: list[str],
    chosen_set: EvaluationSet,
    base: GateMeasure | None,
) -> GateMeasure:
    """How a precision did: the share of outputs identical to float32's, and for speech the word error rate
    against the set's transcripts, which must stay within WER_MARGIN of float32's."""
    same = sum(a == b for a, b in zip(said, reference, strict=False)) / max(len(reference), 1)
    if task != Task.TRANSCRIBE:
        return GateMeasure(precision, round(seconds, 3), round(same, 3), None, same >= SAME_SHARE)
    from desktop_app.augment.probe import word_error_rate  # jiwer, only when speech is measured

    truth = chosen_set.transcripts()
    wer = sum(word_error_rate(t, s) for t, s in zip(truth, said, strict=True)) / len(truth)
    passed = base is None or base.wer is None or wer <= base.wer + WER_MARGIN
    return GateMeasure(precision, round(seconds, 3), round(same, 3), round(wer, 4), passed)


def _fastest_passing(measures: list[GateMeasure], task: str = "") -> str:
    """float32, unless a precision that passed, and that automatic may choose for the task, is clearly faster
    (by WORTH_IT)."""
    base = next((m for m in measures if m.precision == FLOAT32), None)
    if base is None:
        return FLOAT32
    by_hand = BY_HAND_ONLY.get(task, frozenset())
    passing = [
        m
        for m in measures
        if m.passed and not m.failed and m.precision not in by_hand and m.seconds <= base.seconds * WORTH_IT
    ]
    return min(passing, key=lambda m: m.seconds).precision if passing else FLOAT32
