"""Crash reports that stay on this computer: an unexpected error is written, with the versions and the job's
parameters, to a file in the data folder, and the user is shown where it is. Nothing is sent anywhere."""

from __future__ import annotations

import json
import logging
import platform
import time
import traceback
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from desktop_app import __version__

log = logging.getLogger(__name__)
_PACKAGES = ("torch", "transformers", "huggingface_hub", "safetensors", "tokenizers", "numpy", "pyside6-essentials")


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"desktop-app": __version__, "python": platform.python_version(), "platform": platform.platform()}
    for package in _PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def report_text(error: BaseException, context: dict[str, Any] | None = None) -> str:
    """What a report holds: when, the versions, what was running (a job's parameters), and the traceback."""
    details = {"time": time.strftime("%Y-%m-%d %H:%M:%S"), "versions": versions(), **(context or {})}
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return json.dumps(details, indent=2, default=_plain, ensure_ascii=False) + "\n\n" + trace


def write_report(folder: Path, error: BaseException, context: dict[str, Any] | None = None) -> Path | None:
    """Write a report into `folder`/crash-reports; its path, or None when even that cannot be written (the
    text still goes to the log)."""
    text = report_text(error, context)
    log.info("unexpected error\n%s", text)  # the log file has it; a terminal gets one sentence, not this
    try:
        reports = folder / "crash-reports"
        reports.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = reports / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{id(error) % 10000:04d}.txt"
        path.write_text(text, encoding="utf-8", errors="backslashreplace")
        path.chmod(0o600)
        return path
    except OSError:
        return None


def job_context(request: Any) -> dict[str, Any]:
    """A request's task and parameters, for a report (its inputs stay out: they are the user's content)."""
    if request is None:
        return {}
    parameters = request.parameters() if hasattr(request, "parameters") else {}
    return {"job": getattr(request, "task", type(request).__name__), "parameters": parameters}


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return repr(value)
