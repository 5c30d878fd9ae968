"""The tuning lab's jobs by request type, for the workbench's one table of what runs what."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.context import JobContext
from desktop_app.core.errors import InvalidRequestError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.tuning_requests import (
    AugmentRequest,
    DistilRequest,
    ImportDataRequest,
    MergeAdapterRequest,
    ProbeRequest,
    TuneRequest,
)
from desktop_app.engines.runtime import Runtime

if TYPE_CHECKING:
    from desktop_app.engines.all_engines import Engines


def needing_the_extra(handler: Callable[[Any, JobContext], Any]) -> Callable[[Any, JobContext], Any]:
    """A job whose libraries (trl, peft, nltk, torchaudio...) are not installed says which extra brings them,
    instead of failing as a bug."""

    def run(request: Any, ctx: JobContext) -> Any:
        try:
            return handler(request, ctx)
        except ModuleNotFoundError as error:
            raise InvalidRequestError(
                arg(tr("The tuning lab needs %1, which is not installed."), error.name or str(error)),
                hint=tr("Install the app's tune extra: pip install 'desktop-app[tune]'"),
            ) from error

    return run


def tuning_handlers(engines: Engines, data_dir: Path, runtime: Runtime) -> dict[type, Callable[[Any, JobContext], Any]]:
    """Each service is built when its first job runs: training imports trl and peft, which the window's
    start should not pay for."""
    store = engines.generation.store

    def tune(request: TuneRequest, ctx: JobContext) -> Any:
        from desktop_app.tuning.lora import LoraTuner

        return LoraTuner(store, data_dir, runtime.device).run(request, ctx)

    def distil(request: DistilRequest, ctx: JobContext) -> Any:
        from desktop_app.tuning.distillation import Distiller

        return Distiller(engines.generation, data_dir, runtime.device).run(request, ctx)

    def augment(request: AugmentRequest, ctx: JobContext) -> Any:
        from desktop_app.augment.jobs import augment

        return augment(request, engines.translation, ctx)

    def probe(request: ProbeRequest, ctx: JobContext) -> Any:
        from desktop_app.augment.probe import RobustnessProbe

        return RobustnessProbe(engines).run(request, ctx)

    def import_dataset(request: ImportDataRequest, ctx: JobContext) -> Any:
        from desktop_app.tuning.stored_datasets import import_request

        return import_request(request, data_dir)

    def merge(request: MergeAdapterRequest, ctx: JobContext) -> str:
        from desktop_app.tuning.lora import merge_adapter

        return str(merge_adapter(store, Path(request.adapter), Path(request.out_dir) if request.out_dir else None, ctx))

    handlers: dict[type, Callable[[Any, JobContext], Any]] = {
        MergeAdapterRequest: merge,
        TuneRequest: tune,
        DistilRequest: distil,
        AugmentRequest: augment,
        ProbeRequest: probe,
        ImportDataRequest: import_dataset,
    }
    return {kind: needing_the_extra(handler) for kind, handler in handlers.items()}
