"""Imported datasets kept in the app's data folder: one folder each with its train and validation splits and
an about.json saying where it came from, so training can be rerun and the history can point at it."""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from desktop_app.core.errors import InvalidRequestError, OutputError
from desktop_app.core.i18n import arg, tr
from desktop_app.core.tuning_requests import ImportDataRequest
from desktop_app.tuning.instruction_data import Example, ImportedData, import_data, split, write_jsonl

ABOUT = "about.json"
TRAIN, VALIDATION = "train.jsonl", "validation.jsonl"


@dataclass(frozen=True)
class StoredDataset:
    name: str
    folder: str
    source: str
    train: int
    validation: int
    seed: int
    validation_share: float
    created: float

    def outputs(self) -> dict[str, object]:
        """What the history keeps of an import."""
        return asdict(self)

    def splits(self) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
        folder = Path(self.folder)
        return _read(folder / TRAIN), _read(folder / VALIDATION)


def datasets_dir(data_dir: Path) -> Path:
    return data_dir / "datasets"


def safe_name(text: str) -> str:
    """A folder name from anything the user typed: letters, digits, dots, dashes."""
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-.") or "dataset"


def store_dataset(
    data_dir: Path, imported: ImportedData, name: str, source: str, validation_share: float, seed: int
) -> StoredDataset:
    """Split `imported` and keep it under the data folder as `name` (replacing one of that name)."""
    imported.raise_problems()
    train, validation = split(imported.examples, validation_share, seed)
    folder = datasets_dir(data_dir) / safe_name(name)
    stored = StoredDataset(
        folder.name, str(folder), source, len(train), len(validation), seed, validation_share, time.time()
    )
    try:
        write_jsonl(folder / TRAIN, train)
        write_jsonl(folder / VALIDATION, validation)
        (folder / ABOUT).write_text(json.dumps(asdict(stored), indent=1), encoding="utf-8")
    except OSError as error:
        raise OutputError(arg(tr("Could not keep the dataset in %1 (%2)."), str(folder), error.strerror)) from error
    return stored


def stored_datasets(data_dir: Path) -> list[StoredDataset]:
    """Every kept dataset, newest first; a folder whose about.json is damaged is left out."""
    found = []
    for about in datasets_dir(data_dir).glob(f"*/{ABOUT}"):
        stored = read_stored(about.parent)
        if stored is not None:
            found.append(stored)
    return sorted(found, key=lambda d: -d.created)


def read_stored(folder: Path) -> StoredDataset | None:
    try:
        values = json.loads((folder / ABOUT).read_text(encoding="utf-8"))
        return StoredDataset(**{**values, "folder": str(folder)})
    except (OSError, ValueError, TypeError):
        return None


def training_splits(
    data: Path, validation_share: float, seed: int, validation: Path | None = None
) -> tuple[tuple[Example, ...], tuple[Example, ...]]:
    """Train and validation examples from a kept dataset's folder, or from files (split under `seed` unless
    a validation file is given); any problem stops here with its line numbers."""
    stored = read_stored(data) if data.is_dir() else None
    if stored is not None:
        return stored.splits()
    imported = import_data(data)
    imported.raise_problems()
    if validation is not None:
        held = import_data(validation)
        held.raise_problems()
        return imported.examples, held.examples
    train_set, validation_set = split(imported.examples, validation_share, seed)
    return train_set, validation_set


def _read(path: Path) -> tuple[Example, ...]:
    if path.is_file() and path.stat().st_size == 0:  # a split with no examples (no validation asked for)
        return ()
    imported = import_data(path)
    if imported.problems:
        raise InvalidRequestError(arg(tr("The kept dataset %1 is damaged; import it again."), str(path.parent)))
    return imported.examples


def import_request(request: ImportDataRequest, data_dir: Path) -> StoredDataset:
    """The import job: read and check the data, then keep it under the request's name (the source's by
    default)."""
    source = Path(request.source).expanduser()
    imported = import_data(source)
    name = request.name.strip() or source.stem or source.name
    return store_dataset(data_dir, imported, name, str(source), request.validation_share, request.seed)
