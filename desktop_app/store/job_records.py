"""How a finished job becomes a history entry: one function shared by the GUI and the command line."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from desktop_app.core.requests import Request
from desktop_app.store.history import HistoryStore


@runtime_checkable
class Recordable(Protocol):
    """A result that can be kept: what it made, as plain JSON-able values."""

    def outputs(self) -> dict[str, Any]: ...


def record_job(history: HistoryStore, request: Request, result: Any, status: str = "finished") -> int | None:
    """Store a job whose request class is `recorded` (the user's content). Looks inside a model, the lab's
    measurements and model housekeeping are not history."""
    if not request.recorded:
        return None
    if not isinstance(result, Recordable):
        raise TypeError(f"a {type(request).__name__} is recorded, but its {type(result).__name__} has no outputs()")
    outputs = result.outputs
    model = getattr(result, "model", None)
    return history.add(
        request.task,
        inputs=request.inputs(),
        parameters=request.parameters(),
        outputs=outputs(),
        timings=dict(getattr(result, "timings", {})),
        status=status,
        model_ref=getattr(model, "ref", ""),
        model_source=getattr(model, "source", ""),
        model_revision=getattr(model, "revision", ""),
    )
