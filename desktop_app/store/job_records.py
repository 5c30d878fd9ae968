"""How a finished job becomes a history entry: one function shared by the GUI and the command line."""

from __future__ import annotations

from typing import Any

from desktop_app.core.requests import Request
from desktop_app.store.history import HistoryStore


def record_job(history: HistoryStore, request: Request, result: Any, status: str = "finished") -> int | None:
    """Store a job with an `outputs()` result; jobs without one (load, unload) are not history."""
    outputs = getattr(result, "outputs", None)
    if outputs is None:
        return None
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
