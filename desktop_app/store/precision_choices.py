"""The quality gate's results, kept per model and device, so that "automatic" precision is decided once per
model, not on every start. A result is only used while the model's files are the ones it was measured on: a
model replaced or changed in place gets measured again."""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict
from pathlib import Path

from desktop_app.core.precision_requests import GateMeasure, PrecisionGateResult
from desktop_app.core.results import ModelInfo

log = logging.getLogger(__name__)


def fingerprint(model_folder: Path) -> str:
    """The folder's files by name, size and modification time: changes when any of them is replaced."""
    digest = hashlib.sha256()
    try:
        entries = sorted(os.scandir(model_folder), key=lambda e: e.name)
    except OSError:
        return ""
    for entry in entries:
        if entry.is_file():
            stat = entry.stat()
            digest.update(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:20]


class PrecisionChoices:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, task: str, model_folder: str, device: str) -> Path:
        name = hashlib.sha256(f"{model_folder}\0{device}".encode()).hexdigest()[:16]
        return self.folder / f"{task}-{name}.json"

    def get(self, task: str, model_folder: str, device: str) -> PrecisionGateResult | None:
        """The kept result for this model, or None: never measured, measured on other files, or unreadable."""
        path = self._file(task, model_folder, device)
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            if saved.get("fingerprint") != fingerprint(Path(model_folder)):
                return None
            result = saved["result"]
            return PrecisionGateResult(
                **{
                    **result,
                    "model": ModelInfo(**result["model"]),
                    "measures": tuple(GateMeasure(**m) for m in result["measures"]),
                }
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:  # damaged: measured again when asked
            log.warning("ignoring the precision gate result %s: %s", path, exc)
            return None

    def put(self, model_folder: str, result: PrecisionGateResult) -> None:
        path = self._file(result.for_task, model_folder, result.device)
        saved = {"fingerprint": fingerprint(Path(model_folder)), "result": asdict(result)}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(saved, indent=1), encoding="utf-8")
            temporary.replace(path)
        except OSError as exc:  # a read-only profile: the choice holds for this session only
            log.warning("cannot keep the precision gate result in %s: %s", path, exc)
