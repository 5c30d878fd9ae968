"""What the user is shown for a job that failed, in the worker thread or in the models' process alike."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.errors import AppError, ErrorInfo
from desktop_app.core.i18n import arg, tr
from desktop_app.core.requests import Request


def describe_failure(exc: Exception, request: Request, reports_dir: Path | None) -> ErrorInfo:
    """A known failure as its message; an unexpected one (a bug) also written up in a report file, whose text
    goes with it so the user can copy it."""
    if isinstance(exc, AppError) or reports_dir is None:
        return ErrorInfo.from_exception(exc)
    from desktop_app.store.crash_reports import job_context, report_text, write_report

    context = job_context(request)
    path = write_report(reports_dir, exc, context)
    where = f"The details were saved in {path}." if path else "The details are in the log."
    return ErrorInfo(
        "internal",
        arg(tr("Unexpected error: %1: %2"), type(exc).__name__, exc),
        hint=arg(tr("This is a bug in the app; nothing was sent anywhere. %1"), where),
        detail=report_text(exc, context),
    )
