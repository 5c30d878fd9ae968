"""A token x token heatmap as a PNG, with PIL only (the command line has no Qt)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

# viridis at five stops: dark blue (0) to yellow (1); readable in grey and for colour-blind readers
_STOPS = np.array([[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]], dtype=np.float32)


def colours(values: np.ndarray) -> np.ndarray:
    """uint8 RGB for values in [0, 1]."""
    scaled = np.clip(values, 0.0, 1.0) * (len(_STOPS) - 1)
    low = np.floor(scaled).astype(int).clip(0, len(_STOPS) - 2)
    frac = (scaled - low)[..., None]
    return (_STOPS[low] * (1 - frac) + _STOPS[low + 1] * frac).astype(np.uint8)


def heatmap_png(matrix: np.ndarray, rows: Sequence[str], columns: Sequence[str], path: Path, title: str = "") -> Path:
    """Rows are queries (the tokens attending), columns keys; each cell is scaled to the matrix maximum."""
    from PIL import Image, ImageDraw, ImageFont

    values = np.asarray(matrix, dtype=np.float32)
    cell = int(max(4, min(24, 800 // max(values.shape))))
    font = ImageFont.load_default()
    label_w = min(140, 7 * max((len(t) for t in (*rows, *columns)), default=1) + 8)
    top = label_w + (18 if title else 4)
    width, height = label_w + cell * values.shape[1] + 4, top + cell * values.shape[0] + 4
    image = Image.new("RGB", (width, height), "white")
    peak = float(values.max()) or 1.0
    grid = colours(values / peak).repeat(cell, axis=0).repeat(cell, axis=1)
    image.paste(Image.fromarray(grid), (label_w, top))
    draw = ImageDraw.Draw(image)
    if title:
        draw.text((4, 2), title, fill="black", font=font)
    if cell >= 10:  # labels only where they can be read
        for i, token in enumerate(rows):
            draw.text((2, top + i * cell + (cell - 10) // 2), token[:18], fill="black", font=font)
        column_labels = Image.new("RGB", (label_w, cell * len(columns)), "white")
        column_draw = ImageDraw.Draw(column_labels)
        for j, token in enumerate(columns):
            column_draw.text((2, j * cell + (cell - 10) // 2), token[:18], fill="black", font=font)
        image.paste(column_labels.rotate(90, expand=True), (label_w, top - label_w))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path
