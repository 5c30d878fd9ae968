"""Image embeddings kept on disk per model, so a second search over a folder embeds only new or changed
files. A file is known by its path, size and modification time; the vectors are one float16 array."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np


class EmbeddingCache:
    def __init__(self, root: Path, model_key: str) -> None:
        self.folder = root / hashlib.sha256(model_key.encode()).hexdigest()[:16]
        self._index: dict[str, tuple[int, int, int]] = {}  # path -> (size, mtime_ns, row)
        # one float16 vector a row, stacked only when saved: adding a row never copies the others
        self._rows: list[np.ndarray] = []
        self._dirty = False
        try:
            index = json.loads((self.folder / "index.json").read_text())
            self._index = {str(k): (int(v[0]), int(v[1]), int(v[2])) for k, v in index.items()}
            self._rows = list(np.load(self.folder / "vectors.npy"))
        except (OSError, ValueError, TypeError, AttributeError, IndexError):  # none yet, or damaged: start
            self._index, self._rows = {}, []  # again; it is only a cache

    @staticmethod
    def _stamp(path: str) -> tuple[int, int]:
        status = os.stat(path)
        return status.st_size, status.st_mtime_ns

    def get(self, path: str) -> np.ndarray | None:
        entry = self._index.get(path)
        try:
            if entry is None or entry[:2] != self._stamp(path) or entry[2] >= len(self._rows):
                return None
        except OSError:
            return None
        return self._rows[entry[2]].astype(np.float32)

    def put(self, path: str, vector: np.ndarray) -> None:
        vector = np.asarray(vector, np.float16)
        entry = self._index.get(path)
        if entry is not None and entry[2] < len(self._rows):  # a changed file keeps its row
            row = entry[2]
            self._rows[row] = vector
        else:
            row = len(self._rows)
            self._rows.append(vector)
        self._index[path] = (*self._stamp(path), row)
        self._dirty = True

    def save(self) -> None:
        """Written to temporary files and renamed, so a crash never leaves a half-written cache."""
        if not self._dirty or not self._rows:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / "vectors.tmp.npy").open("wb") as out:
            np.save(out, np.stack(self._rows))
        (self.folder / "index.tmp.json").write_text(json.dumps(self._index))
        os.replace(self.folder / "vectors.tmp.npy", self.folder / "vectors.npy")
        os.replace(self.folder / "index.tmp.json", self.folder / "index.json")
        self._dirty = False
