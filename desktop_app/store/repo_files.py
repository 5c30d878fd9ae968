"""What a model repo or folder holds, by file name alone: its weight formats, and which files a job needs.

The same rules serve a Hub listing (before anything is downloaded) and a folder on disk, so the message for a
repo the app cannot run is the same whether it was typed as a Hub id or copied in by hand.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# A folder the app wrote (a download, a conversion) is complete once this file is in it, written last.
COMPLETE_MARKER = ".complete.json"
SAFETENSORS = "safetensors"
PYTORCH_BIN = "pytorch .bin"
GGUF = "GGUF"
# Formats the app cannot load, each with the name a person would recognise.
FOREIGN_FORMATS: dict[str, tuple[str, ...]] = {
    "TensorFlow": ("tf_model.h5", "tf_model-*.h5", "*.h5"),
    "Flax": ("flax_model.msgpack", "flax_model-*.msgpack", "*.msgpack"),
    "ONNX": ("*.onnx",),
    "Rust (rust-bert)": ("rust_model.ot",),
    "Core ML": ("*.mlpackage", "*.mlmodel"),
    "OpenVINO": ("openvino_model.xml",),
}
_SAFETENSORS_WEIGHTS = ("model.safetensors", "model-*-of-*.safetensors")
_SAFETENSORS_INDEX = "model.safetensors.index.json"
_BIN_WEIGHTS = ("pytorch_model.bin", "pytorch_model-*-of-*.bin")
_BIN_INDEX = "pytorch_model.bin.index.json"
# Everything else a model needs: configs, tokenizers (BPE, WordPiece, SentencePiece, tiktoken), chat templates.
SUPPORT_FILES = ("*.json", "*.txt", "*.model", "*.spm", "*.tiktoken", "*.jinja", "*.py.jinja")
# Names that look like support files but are never needed to run a model.
_NEVER = ("training_args*", "optimizer*", "scheduler*", "trainer_state.json", "*.md", ".gitattributes")


def _matches(name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


@dataclass(frozen=True)
class RepoFiles:
    """The top-level files of a repo or folder, with their sizes when known (0 when not)."""

    sizes: dict[str, int]

    @staticmethod
    def of_folder(folder: Path) -> RepoFiles:
        return RepoFiles({item.name: item.stat().st_size for item in folder.iterdir() if item.is_file()})

    @property
    def names(self) -> list[str]:
        return sorted(self.sizes)

    def _named(self, patterns: Iterable[str]) -> list[str]:
        return [name for name in self.names if _matches(name, patterns)]

    @property
    def safetensors(self) -> list[str]:
        return self._named(_SAFETENSORS_WEIGHTS) + self._named((_SAFETENSORS_INDEX,))

    @property
    def pytorch_bin(self) -> list[str]:
        return self._named(_BIN_WEIGHTS) + self._named((_BIN_INDEX,))

    @property
    def gguf(self) -> list[str]:
        return self._named(("*.gguf",))

    def formats(self) -> list[str]:
        """Every weight format present, the loadable ones first."""
        found = [
            label
            for label, present in ((SAFETENSORS, self.safetensors), (PYTORCH_BIN, self.pytorch_bin), (GGUF, self.gguf))
            if present
        ]
        return found + [label for label, patterns in FOREIGN_FORMATS.items() if self._named(patterns)]

    def weight_format(self) -> str:
        """The format the app will load: safetensors when present, else PyTorch .bin; '' when neither."""
        if self.safetensors:
            return SAFETENSORS
        if self.pytorch_bin:
            return PYTORCH_BIN
        return ""

    def weight_files(self) -> list[str]:
        return self.safetensors if self.safetensors else self.pytorch_bin

    def needed(self) -> list[str]:
        """Exactly what to fetch to run the model: its weights in one format, plus configs and tokenizer."""
        support = [
            name
            for name in self._named(SUPPORT_FILES)
            if not _matches(name, _NEVER) and name not in (_SAFETENSORS_INDEX, _BIN_INDEX)
        ]
        return sorted(set(self.weight_files()) | set(support))

    def size_of(self, names: Iterable[str]) -> int:
        return sum(self.sizes.get(name, 0) for name in names)

    def unsupported_message(self, what: str) -> str:
        """Why `what` cannot be loaded: it names what is there and what the app needs."""
        held = [label for label in self.formats() if label not in (SAFETENSORS, PYTORCH_BIN)]
        holds = f"holds only {', '.join(held)} weights" if held else "holds no model weights"
        return (
            f"{what} {holds}; this app runs PyTorch models and needs model.safetensors or pytorch_model.bin "
            "(or their sharded form with an index)."
        )


def missing_shards(folder: Path) -> list[str]:
    """Shards that a folder's weight index names but the folder lacks (a half-copied or half-downloaded model)."""
    for index in (_SAFETENSORS_INDEX, _BIN_INDEX):
        path = folder / index
        if path.is_file():
            try:
                weight_map = json.loads(path.read_text(encoding="utf-8")).get("weight_map", {})
            except (OSError, ValueError):
                return [index]
            return sorted({name for name in weight_map.values() if not (folder / name).is_file()})
    return []
