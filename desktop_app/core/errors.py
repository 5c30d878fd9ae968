"""Errors as values: every failure the user can see carries a message written for them."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.i18n import arg, tr


class AppError(Exception):
    """An error with a user-facing message and an optional hint on what to do about it."""

    kind = "error"

    def __init__(self, message: str, *, hint: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.detail = detail

    def to_info(self) -> ErrorInfo:
        return ErrorInfo(kind=self.kind, message=self.message, hint=self.hint, detail=self.detail)


class ModelNotFoundError(AppError):
    """No copy of a model could be found offline and none could be downloaded."""

    kind = "model_not_found"


class ModelLoadError(AppError):
    kind = "model_load"


class InvalidRequestError(AppError):
    """The request itself is wrong (empty prompt, out-of-range parameter)."""

    kind = "invalid_request"


class DownloadError(AppError):
    kind = "download"


class OutputError(AppError):
    """A result could not be written where it was asked to go; the result itself is still whole."""

    kind = "output"


class DiskSpaceError(AppError):
    """Refused before writing: what it would write does not fit on the disk."""

    kind = "disk_space"


class JobCancelledError(Exception):
    """Raised inside an engine when the job's cancel event is set; carries any partial result."""

    def __init__(self, partial_result: object | None = None) -> None:
        super().__init__("cancelled")
        self.partial_result = partial_result


@dataclass(frozen=True)
class ErrorInfo:
    """What the GUI and the CLI show for a failed job."""

    kind: str
    message: str
    hint: str = ""
    detail: str = ""

    def user_text(self) -> str:
        return f"{self.message}\n\n{self.hint}" if self.hint else self.message

    @staticmethod
    def from_exception(exc: BaseException) -> ErrorInfo:
        if isinstance(exc, AppError):
            return exc.to_info()
        if isinstance(exc, MemoryError):
            return ErrorInfo(
                "out_of_memory",
                tr("Not enough memory to run this model."),
                hint=tr("Close other programs or choose a smaller model."),
            )
        return ErrorInfo(
            "internal",
            arg(tr("Unexpected error: %1: %2"), type(exc).__name__, exc),
            hint=tr("This is a bug; the details are in the log."),
            detail=repr(exc),
        )
