"""Attention as PNG files, with PIL only (the command line has no Qt)."""

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
    return np.asarray(_STOPS[low] * (1 - frac) + _STOPS[low + 1] * frac, dtype=np.uint8)


def heatmap_png(matrix: np.ndarray, rows: Sequence[str], columns: Sequence[str], path: Path, title: str = "") -> Path:
    """Rows are queries (the tokens attending), columns keys; each cell is scaled to the matrix maximum."""
    from PIL import Image, ImageDraw, ImageFont

    values = np.asarray(matrix, dtype=np.float32)
    # square cells for token x token; cross-attention over hundreds of patches or audio frames gets narrow ones
    cell_h = int(max(4, min(24, 800 // max(values.shape[0], 1))))
    cell_w = int(max(1, min(24, 1200 // max(values.shape[1], 1))))
    font = ImageFont.load_default()
    label_w = min(140, 7 * max((len(t) for t in (*rows, *columns)), default=1) + 8)
    top = label_w + (18 if title else 4)
    width, height = max(label_w + cell_w * values.shape[1] + 4, 320), top + cell_h * values.shape[0] + 4
    image = Image.new("RGB", (width, height), "white")
    peak = float(values.max()) or 1.0
    grid = colours(values / peak).repeat(cell_h, axis=0).repeat(cell_w, axis=1)
    image.paste(Image.fromarray(grid), (label_w, top))
    draw = ImageDraw.Draw(image)
    if title:
        draw.text((4, 2), title, fill="black", font=font)
    if cell_h >= 10:  # labels only where they can be read
        for i, token in enumerate(rows):
            draw.text((2, top + i * cell_h + (cell_h - 10) // 2), token[:18], fill="black", font=font)
    every = max(1, int(np.ceil(12 / cell_w)))  # narrow columns: every few labelled
    column_labels = Image.new("RGB", (label_w, cell_w * len(columns)), "white")
    column_draw = ImageDraw.Draw(column_labels)
    for j in range(0, len(columns), every):
        column_draw.text((2, j * cell_w + (cell_w - 10) // 2), columns[j][:18], fill="black", font=font)
    image.paste(column_labels.rotate(90, expand=True), (label_w, top - label_w))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def overlay_png(
    image_path: str,
    words: Sequence[str],
    rows: np.ndarray,
    grid: tuple[int, int],
    path: Path,
    title: str = "",
    most: int = 8,
) -> Path:
    """Each caption word's attention laid over the image (up to `most` words), side by side."""
    from PIL import Image, ImageDraw

    from desktop_app.images.loading import load_image
    from desktop_app.interpret.overlay import blend, patch_heatmap

    picture = load_image(image_path).image.convert("RGB")
    picture.thumbnail((240, 240))
    pixels = np.asarray(picture)
    shown = list(range(min(most, len(words))))
    tile_w, tile_h = picture.width + 6, picture.height + 18
    sheet = Image.new("RGB", (max(tile_w * len(shown), 320), tile_h + 18), "white")
    draw = ImageDraw.Draw(sheet)
    draw.text((4, 2), title, fill="black")
    for slot, index in enumerate(shown):
        heat = patch_heatmap(rows[index], grid, picture.size)
        sheet.paste(Image.fromarray(blend(pixels, heat)), (slot * tile_w, 18))
        draw.text((slot * tile_w + 2, 18 + picture.height + 2), words[index][:30], fill="black")
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path)
    return path
