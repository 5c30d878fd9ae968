"""LoRA adapters the tuning lab made: small folders (peft's adapter_config.json and adapter weights) that
name the base model they sit on. They live in the data folder's `adapters` (the model store's part for what
the user made), load on top of their base, and can be merged into a model folder of their own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core.errors import ModelLoadError
from desktop_app.core.i18n import arg, tr

ADAPTER_CONFIG = "adapter_config.json"
ABOUT = "about-adapter.json"  # ours: the base as the app named it, the data and the training settings


@dataclass(frozen=True)
class Adapter:
    folder: Path
    base: str  # the base model's reference (folder, Hub id or known name)
    about: dict[str, Any]

    @property
    def name(self) -> str:
        return self.folder.name


def adapters_dir(data_dir: Path) -> Path:
    return data_dir / "adapters"


def is_adapter(folder: Path) -> bool:
    return (folder / ADAPTER_CONFIG).is_file()


def read_adapter(folder: Path) -> Adapter:
    """The adapter in `folder` and its base; a folder whose config is unreadable or names no base is refused."""
    try:
        config = json.loads((folder / ADAPTER_CONFIG).read_text(encoding="utf-8"))
        about = json.loads((folder / ABOUT).read_text(encoding="utf-8")) if (folder / ABOUT).is_file() else {}
    except (OSError, ValueError) as error:
        raise ModelLoadError(arg(tr("The adapter in %1 cannot be read (%2)."), str(folder), str(error))) from error
    base = str(about.get("base") or config.get("base_model_name_or_path") or "")
    if not base:
        raise ModelLoadError(arg(tr("The adapter in %1 does not name its base model."), str(folder)))
    if config.get("peft_type") != "LORA":
        raise ModelLoadError(arg(tr("%1 is not a LoRA adapter."), str(folder)))
    return Adapter(folder, base, about)


def write_about(folder: Path, about: dict[str, Any]) -> None:
    (folder / ABOUT).write_text(json.dumps(about, indent=1, ensure_ascii=False), encoding="utf-8")


def stored_adapters(data_dir: Path) -> list[Adapter]:
    found = []
    for config in sorted(adapters_dir(data_dir).glob(f"*/{ADAPTER_CONFIG}")):
        try:
            found.append(read_adapter(config.parent))
        except ModelLoadError:
            continue  # a damaged one is left out of the list, not fatal to it
    return found


def apply_adapter(model: Any, folder: Path) -> Any:
    """`model` with the adapter's weights merged in: a plain transformers model again, so that everything that
    looks inside a model (attention, explanations) and every precision works on it unchanged."""
    from peft import PeftModel

    return PeftModel.from_pretrained(model, str(folder)).merge_and_unload()


def made_models(data_dir: Path) -> list[str]:
    """The folders of what the tuning lab made (adapters and distilled students), for the model manager."""
    adapters = [str(a.folder) for a in stored_adapters(data_dir)]
    students = sorted(str(p.parent) for p in (data_dir / "students").glob("*/config.json"))
    merged = sorted(str(p.parent) for p in adapters_dir(data_dir).glob("*/config.json"))
    return adapters + merged + students
