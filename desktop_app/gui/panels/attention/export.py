"""Write an attention view out: the PNG as drawn on screen, or its numbers with their labels (CSV, JSON)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QWidget

from desktop_app.core.errors import OutputError
from desktop_app.core.i18n import arg, tr
from desktop_app.store.output_files import write_text_whole


def export_view(
    path: Path, fmt: str, matrix: np.ndarray, rows: list[str], columns: list[str], what: str, shown: QWidget
) -> None:
    """Raises OutputError (or DiskSpaceError) when the file cannot be written; never leaves half a file."""
    if fmt == "png":
        if not shown.grab().save(str(path)):
            raise OutputError(
                arg(tr("Could not write %1."), path),
                hint=tr("Check the disk's free space and the folder's permissions."),
            )
    elif fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(["query \\ key", *columns])
        for label, row in zip(rows, matrix, strict=True):
            writer.writerow([label, *(f"{v:.5f}" for v in row)])
        write_text_whole(path, text.getvalue())
    else:
        write_text_whole(
            path,
            json.dumps(
                {"view": what, "rows": rows, "columns": columns, "matrix": np.round(matrix, 5).tolist()},
                ensure_ascii=False,
            ),
        )
