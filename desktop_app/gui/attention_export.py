"""Write an attention view out: the PNG as drawn on screen, or its numbers with their labels (CSV, JSON)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QWidget


def export_view(path: Path, fmt: str, matrix: np.ndarray, rows: list[str], columns: list[str], what: str,
                shown: QWidget) -> None:
    """Raises OSError when the file cannot be written."""
    if fmt == "png":
        if not shown.grab().save(str(path)):
            raise OSError(f"could not write {path}")
    elif fmt == "csv":
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["query \\ key", *columns])
            for label, row in zip(rows, matrix, strict=True):
                writer.writerow([label, *(f"{v:.5f}" for v in row)])
    else:
        path.write_text(json.dumps({"view": what, "rows": rows, "columns": columns,
                                    "matrix": np.round(matrix, 5).tolist()}, ensure_ascii=False), encoding="utf-8")
